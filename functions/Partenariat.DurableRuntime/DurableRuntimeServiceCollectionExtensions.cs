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
    /// registers, and a <see cref="DurableTaskClient"/>, both through Microsoft.DurableTask's own
    /// builders: <c>AddDurableTaskClient</c> and <c>AddDurableTaskWorker</c> configure them further.
    /// </summary>
    public static IServiceCollection AddDurableTaskHosting(this IServiceCollection services, Action<DurableTaskRegistry> registerTasks)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(registerTasks);
        services.AddPartenariatStorage();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InstanceCompletionSignals>();
        services.TryAddSingleton<DuplicateMessageWatch>();
        services.TryAddSingleton<DurableWorkerStatus>();
        services.AddHealthChecks().AddCheck<DurableWorkerStatus>(DurableWorkerStatus.HealthCheckName, HealthStatus.Degraded);
        services.TryAddSingleton(sp => DurableTaskHostOptions.Read(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(sp => new DurableTaskHub(
            sp.GetRequiredService<DurableTaskHostOptions>(),
            sp.GetRequiredService<StorageConnection>(),
            sp.GetRequiredService<DuplicateMessageWatch>().Watching(sp.GetRequiredService<ILoggerFactory>()),
            sp.GetRequiredService<IConfiguration>()[WorkerIdSetting],
            sp.GetRequiredService<StorageRequestCounter>()));
        // The SDK's own builders: the application configures the client (UseDefaultVersion, a data
        // converter) and the worker (UseVersioning, UseOrchestrationFilter, ...) as it would anywhere.
        services.AddDurableTaskClient(builder => builder.UseBuildTarget<TaskHubDurableTaskClient>());
        services.TryAddSingleton(sp => (TaskHubDurableTaskClient)sp.GetRequiredService<DurableTaskClient>());
        services.AddDurableTaskWorker(builder => builder
            .AddTasks(registerTasks)
            .UseBuildTarget<TaskHubDurableTaskWorker>());
        // host.json's versioning keys, with Durable Functions' meaning, where the worker sets none of its own.
        services.AddOptions<DurableTaskWorkerOptions>(Options.DefaultName)
            .PostConfigure<DurableTaskHostOptions>((options, host) => options.Versioning ??= host.ToVersioningOptions());
        return services;
    }
}
