using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Partenariat.Hosting;
using Partenariat.Testing;
using Partenariat.Workflow;
using Partenariat.Workflow.Durable;
using Partenariat.Workflow.Hosting;
using Partenariat.Workflow.Telemetry;

namespace Partenariat.Benchmarks;

/// <summary>
/// A host wired like the self-contained host's durable part (the workflow's services, its
/// orchestrators and activities, <see cref="DurableHostingServiceCollectionExtensions.AddDurableTaskHosting"/>
/// and the telemetry), on a task hub of its own.
/// </summary>
internal static class BenchmarkHost
{
    public static IHost Build(SettingsKind settings, string connectionString, string hubName, IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        // No default configuration sources: Durable Functions' defaults must not pick up durableTask
        // settings from the environment.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (settings == SettingsKind.Project)
        {
            // The repository's host.json, read as both hosts read it (the environment overrides it).
            builder.Configuration.AddFunctionsConfiguration(RepositoryPaths.Root);
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            [DurableTaskHostOptions.SectionPath + ":hubName"] = hubName,
            [DurableHostingServiceCollectionExtensions.WorkerIdSetting] = $"bench-{Environment.ProcessId}-{hubName}",
        });
        if (extraSettings is not null)
        {
            builder.Configuration.AddInMemoryCollection(extraSettings);
        }
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPartenariatTelemetry(builder.Configuration);
        builder.Services.AddWorkflowServices();
        builder.Services.AddDurableTaskHosting(registry => registry.AddWorkflowTasks());
        return builder.Build();
    }

    /// <summary>The durable settings in force, with Durable Functions' key names.</summary>
    public static IReadOnlyDictionary<string, string> Describe(DurableTaskHostOptions options) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["storageProvider.partitionCount"] = Text(options.PartitionCount),
        ["storageProvider.controlQueueBatchSize"] = Text(options.ControlQueueBatchSize),
        ["storageProvider.controlQueueBufferThreshold"] = Text(options.ControlQueueBufferThreshold),
        ["storageProvider.maxQueuePollingInterval"] = options.MaxQueuePollingInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["storageProvider.useTablePartitionManagement"] = Text(options.UseTablePartitionManagement),
        ["extendedSessionsEnabled"] = Text(options.ExtendedSessionsEnabled),
        ["extendedSessionIdleTimeoutInSeconds"] = Text((int)options.ExtendedSessionIdleTimeout.TotalSeconds),
        ["maxConcurrentActivityFunctions"] = Text(options.MaxConcurrentActivityFunctions),
        ["maxConcurrentOrchestratorFunctions"] = Text(options.MaxConcurrentOrchestratorFunctions),
        ["useAppLease"] = Text(options.UseAppLease),
    };

    private static string Text(object value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!.ToLowerInvariant();
}
