using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Partenariat.Workflow.Pages;

namespace Partenariat.Functions;

/// <summary>The web pages at /api/pages/ (twin of the self-contained host's PagesEndpoints).</summary>
public sealed class PagesFunctions(WebPages pages)
{
    [Function("Pages")]
    public IResult Serve([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebPages.Route)] HttpRequest request, string? path) =>
        pages.Serve(request, path);
}
