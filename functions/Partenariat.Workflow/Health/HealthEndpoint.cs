using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Partenariat.Workflow.Health;

/// <summary>The health endpoint's behaviour, shared by both hosts: run every check, shape the answer.</summary>
public static class HealthEndpoint
{
    /// <summary>The route of the health endpoint under host.json's route prefix.</summary>
    public const string Route = "health";

    /// <summary>Runs the registered checks and returns the endpoint's body.</summary>
    public static async Task<HealthResponse> CheckAsync(HealthCheckService healthChecks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(healthChecks);
        var report = await healthChecks.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        return HealthResponse.From(report);
    }
}
