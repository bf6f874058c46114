using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Partenariat.DurableRuntime;

/// <summary>Whether this process's durable worker is processing its task hub; read by the "durable" health check.</summary>
public sealed class DurableWorkerStatus : IHealthCheck
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
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(IsRunning
            ? HealthCheckResult.Healthy("the worker processes the task hub")
            : new HealthCheckResult(context.Registration.FailureStatus, "the worker is not processing the task hub (starting, or storage does not answer)"));
}
