using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Partenariat.DurableRuntime;
using Partenariat.Testing;
using Partenariat.Workflow;
using Partenariat.Workflow.Durable;
using Partenariat.Workflow.Configuration;
using Partenariat.Workflow.Telemetry;

namespace Partenariat.Benchmarks;

/// <summary>
/// A host wired like the self-contained host's durable part (the workflow's services, its
/// orchestrators and activities, <see cref="DurableRuntimeServiceCollectionExtensions.AddDurableTaskHosting"/>
/// and the telemetry), on a task hub of its own.
/// </summary>
internal static class BenchmarkHost
{
    public static IHost Build(SettingsKind settings, string connectionString, string hubName, IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        // No default configuration sources: Durable Functions' defaults must not pick up durableTask
        // settings from the environment.
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (settings == SettingsKind.Project)
        {
            // The repository's host.json, read as both hosts read it (the environment overrides it).
            builder.Configuration.AddFunctionsConfiguration(RepositoryPaths.Root);
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            [DurableTaskHostOptions.SectionPath + ":hubName"] = hubName,
            [DurableRuntimeServiceCollectionExtensions.WorkerIdSetting] = $"bench-{Environment.ProcessId}-{hubName}",
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

    /// <summary>
    /// The self-contained host itself (its <c>AddPartenariatHost</c> wiring: workflow, durable worker,
    /// the WebJobs SDK's queue trigger on <c>committee-decisions</c>), its HTTP server on a port the
    /// system picks, reading a host.json written for the run into <paramref name="scriptRoot"/>: the
    /// repository's, or (defaults) the same without its <c>extensions.durableTask</c> tuning.
    /// </summary>
    public static IHost BuildSelfContained(SettingsKind settings, string connectionString, string hubName, string scriptRoot, IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        Directory.CreateDirectory(scriptRoot);
        var hostJson = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")))!;
        if (settings == SettingsKind.Defaults)
        {
            hostJson["extensions"]!["durableTask"] = new System.Text.Json.Nodes.JsonObject { ["hubName"] = hubName };
        }

        File.WriteAllText(Path.Combine(scriptRoot, "host.json"), hostJson.ToJsonString());
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions { Args = [], ContentRootPath = scriptRoot });
        builder.Configuration[FunctionsConfiguration.ScriptRootSetting] = scriptRoot;
        builder.Configuration[Microsoft.AspNetCore.Hosting.WebHostDefaults.ServerUrlsKey] = "http://127.0.0.1:0";
        Partenariat.SelfContainedHost.Startup.HostBuilderExtensions.AddPartenariatHost(builder);
        // After host.json and the environment: the run's own storage, hub and convention win.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            [DurableTaskHostOptions.SectionPath + ":hubName"] = hubName,
            [DurableRuntimeServiceCollectionExtensions.WorkerIdSetting] = $"bench-{Environment.ProcessId}-{hubName}",
            ["AzureFunctionsJobHost:logging:logLevel:default"] = "Warning",
        });
        if (extraSettings is not null)
        {
            builder.Configuration.AddInMemoryCollection(extraSettings);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The queue trigger may poll a queue in the moment before the host creates it: a 404 Azure.Core logs as a warning.
        builder.Logging.AddFilter("Azure.Core", LogLevel.Error);
        var app = builder.Build();
        Partenariat.SelfContainedHost.Startup.HostBuilderExtensions.MapPartenariatHost(app);
        return app;
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
