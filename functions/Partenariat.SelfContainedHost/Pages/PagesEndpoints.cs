using Partenariat.Workflow.Pages;

namespace Partenariat.SelfContainedHost.Pages;

/// <summary>The web pages at /api/pages/, twin of the Functions app's <c>Pages</c> function.</summary>
internal static class PagesEndpoints
{
    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(WebPages.Route, (HttpRequest request, string? path, WebPages pages) => pages.Serve(request, path))
            .WithName("Pages")
            .WithTags("Pages")
            .WithSummary("The web pages for landlords, reviewers, the steering committee and operators (in French); no key: each page asks for the user's own.")
            .ExcludeFromDescription();
        return endpoints;
    }
}
