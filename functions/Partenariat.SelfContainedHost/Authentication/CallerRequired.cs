using Partenariat.Workflow.Authentication;

namespace Partenariat.SelfContainedHost.Authentication;

/// <summary>
/// Endpoint metadata: the endpoint authenticates its caller with <see cref="CallerAuthentication"/>
/// (an API key or a bearer token) and answers 401 without one; the OpenAPI document says so.
/// </summary>
internal sealed record CallerRequired
{
    public static CallerRequired Instance { get; } = new();
}

/// <summary>Marks endpoints as <see cref="CallerRequired"/>.</summary>
internal static class CallerRequirements
{
    public static TBuilder RequireCaller<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(CallerRequired.Instance);
}
