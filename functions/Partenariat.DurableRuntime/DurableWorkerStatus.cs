using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Partenariat.DurableRuntime;

/// <summary>
/// Whether this process's durable worker is processing its task hub, and whether an instance seems
/// stuck on it (<see cref="DuplicateMessageWatch"/>); read by the "durable" health check.
/// </summary>
public sealed class DurableWorkerStatus(DuplicateMessageWatch? watch = null) : IHealthCheck
{
    /// <summary>The health check's name.</summary>
    public const string HealthCheckName = "durable";

    private volatile bool _isRunning;

    /// <summary>Whether the worker is processing the task hub.</summary>
    public bool IsRunning
    {
        get => _isRunning;
        internal set => _isRunning = value;
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsRunning)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "the worker is not processing the task hub (starting, or storage does not answer)"));
        }

        return Task.FromResult(watch?.Suspects is { Count: > 0 } suspects
            ? new HealthCheckResult(
                context.Registration.FailureStatus,
                $"orchestrations whose messages keep coming back while this host holds them, maybe stuck here until its partition moves (restart this host): {string.Join(", ", suspects.Take(10))}")
            : HealthCheckResult.Healthy("the worker processes the task hub"));
    }
}
