using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Partenariat.Workflow.Storage;
using Partenariat.Workflow.Telemetry;

namespace Partenariat.DurableRuntime;

/// <summary>Durable execution for a host without the Functions runtime: the task hub, its worker and its client.</summary>
public static class DurableRuntimeServiceCollectionExtensions
{
    /// <summary>The setting that names this process's worker on the task hub (default: machine name and process id).</summary>
    public const string WorkerIdSetting = "Partenariat:DurableWorkerId";

    /// <summary>
    /// Adds the task hub configured by host.json's <c>extensions.durableTask</c> over the
    /// <c>AzureWebJobsStorage</c> account, a worker running the tasks that <paramref name="registerTasks"/>
    /// registers, and a <see cref="DurableTaskClient"/>.
    /// </summary>
    public static IServiceCollection AddDurableTaskHosting(this IServiceCollection services, Action<DurableTaskRegistry> registerTasks)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(registerTasks);
        services.AddPartenariatStorage();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InstanceCompletionSignals>();
        services.TryAddSingleton<DurableWorkerStatus>();
        services.AddHealthChecks().AddCheck<DurableWorkerStatus>(DurableWorkerStatus.HealthCheckName, HealthStatus.Degraded);
        services.TryAddSingleton(sp => DurableTaskHostOptions.Read(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(sp => new DurableTaskHub(
            sp.GetRequiredService<DurableTaskHostOptions>(),
            sp.GetRequiredService<StorageConnection>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<IConfiguration>()[WorkerIdSetting],
            sp.GetRequiredService<StorageRequestCounter>()));
        services.TryAddSingleton(sp => new TaskHubDurableTaskClient(
            "default",
            sp.GetRequiredService<DurableTaskHub>(),
            // The worker's converter: payloads are serialized once, the same way on both sides.
            sp.GetRequiredService<IOptionsMonitor<DurableTaskWorkerOptions>>().Get(Options.DefaultName).DataConverter,
            sp.GetRequiredService<InstanceCompletionSignals>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<TaskHubDurableTaskClient>());
        services.AddDurableTaskWorker(builder => builder
            .AddTasks(registerTasks)
            .UseBuildTarget<TaskHubDurableTaskWorker>());
        return services;
    }
}
