using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Partenariat.Workflow.Health;

namespace Partenariat.SelfContainedHost.Health;

/// <summary>The health endpoint, twin of the Functions app's <c>Health</c> function.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(HealthEndpoint.Route, GetHealthAsync)
            .WithName("Health")
            .WithSummary("Whether each storage service (tables, queues, blobs) answers.")
            .Produces<HealthResponse>(StatusCodes.Status200OK)
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static async Task<JsonHttpResult<HealthResponse>> GetHealthAsync(HealthCheckService healthChecks, CancellationToken cancellationToken)
    {
        var response = await HealthEndpoint.CheckAsync(healthChecks, cancellationToken);
        return TypedResults.Json(response, statusCode: response.HttpStatusCode);
    }
}
