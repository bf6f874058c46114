using Partenariat.Workflow.Envelopes;

namespace Partenariat.SelfContainedHost.Envelopes;

/// <summary>The envelopes, twins of the Functions app's EnvelopeFunctions.</summary>
internal static class EnvelopesEndpoints
{
    public static IEndpointRouteBuilder MapEnvelopesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(EnvelopeApi.Route, ListEnvelopesAsync)
            .WithTags("Envelopes")
            .WithName("ListEnvelopes")
            .WithSummary("The state of each envelope line per convention period: planned, reserved, committed, disbursed, remaining, lapsed; the open period's closing instant.")
            .Produces<EnvelopesView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    private static Task<IResult> ListEnvelopesAsync(HttpRequest request, EnvelopeApi api, CancellationToken cancellationToken) =>
        api.ListAsync(request, cancellationToken);
}
