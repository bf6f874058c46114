using Microsoft.AspNetCore.Http.Metadata;

namespace Partenariat.SelfContainedHost.Startup;

/// <summary>
/// A route's body cap, as endpoint metadata: routing sets the server's body limit of the request
/// to it before the handler runs, so Kestrel itself stops a larger body (the shared handlers read
/// under the same cap, which is what the Functions app relies on).
/// </summary>
/// <param name="MaxRequestBodySize">The most bytes the route's body may have.</param>
internal sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata
{
    /// <summary>The caps of the JSON routes, from the API's settings.</summary>
    public static (long Submission, long Action) Of(IEndpointRouteBuilder endpoints)
    {
        var input = endpoints.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Workflow.Http.InputOptions>>().Value;
        return (input.MaxRequestBodyBytes, input.MaxActionBodyBytes);
    }
}
