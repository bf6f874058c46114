using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Partenariat.Workflow.Health;

/// <summary>The body of the health endpoint, the same in both hosts.</summary>
/// <param name="Status">Healthy, Degraded or Unhealthy: the worst of the checks.</param>
/// <param name="DurationMs">How long all the checks took.</param>
/// <param name="Checks">Each check by name (tables, queues, blobs).</param>
public sealed record HealthResponse(string Status, double DurationMs, IReadOnlyDictionary<string, HealthCheckResponse> Checks)
{
    /// <summary>The HTTP status the endpoint answers with: 200 when healthy or degraded, 503 when unhealthy.</summary>
    [JsonIgnore]
    public int HttpStatusCode => Status == nameof(HealthStatus.Unhealthy) ? 503 : 200;

    /// <summary>Builds the response from a health report.</summary>
    public static HealthResponse From(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var checks = report.Entries.ToDictionary(
            entry => entry.Key,
            entry => new HealthCheckResponse(entry.Value.Status.ToString(), Math.Round(entry.Value.Duration.TotalMilliseconds, 1), entry.Value.Description),
            StringComparer.Ordinal);
        return new HealthResponse(report.Status.ToString(), Math.Round(report.TotalDuration.TotalMilliseconds, 1), checks);
    }
}

/// <summary>One check of the health endpoint.</summary>
/// <param name="Status">Healthy or Unhealthy.</param>
/// <param name="DurationMs">How long the check took.</param>
/// <param name="Description">"answers", or the first line of the error.</param>
public sealed record HealthCheckResponse(string Status, double DurationMs, string? Description);
