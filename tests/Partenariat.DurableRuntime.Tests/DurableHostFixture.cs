using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Partenariat.DurableRuntime;
using Partenariat.Testing;
using Partenariat.Workflow;
using Partenariat.Workflow.Durable;

namespace Partenariat.DurableRuntime.Tests;

/// <summary>
/// One Azurite and one durable host (worker and client, as the self-contained host wires them) for
/// a test collection, on a task hub of its own, polling every second so timers fire promptly.
/// </summary>
public sealed class DurableHostFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;
    private IHost? _host;

    /// <summary>The test Azurite.</summary>
    public AzuriteInstance Azurite => _azurite ?? throw new InvalidOperationException("Not started.");

    /// <summary>The host's client.</summary>
    public DurableTaskClient Client => Host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>The host.</summary>
    public IHost Host => _host ?? throw new InvalidOperationException("Not started.");

    /// <summary>The task hub's name.</summary>
    public string HubName { get; } = "semantics" + Guid.NewGuid().ToString("N")[..8];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        _host = BuildHost(_azurite.ConnectionString, HubName);
        await _host.StartAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(TimeSpan.FromSeconds(30));
            _host.Dispose();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>
    /// A host with the durable runtime over <paramref name="connectionString"/>, running the tasks
    /// <paramref name="registerTasks"/> registers (the workflow's by default); <paramref name="configureServices"/> adds to its services.
    /// </summary>
    public static IHost BuildHost(
        string connectionString,
        string hubName,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        Action<DurableTaskRegistry>? registerTasks = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = hubName,
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:partitionCount"] = "2",
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:01",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.SetMinimumLevel(Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("PARTENARIAT_TEST_LOG"), out var level) ? level : LogLevel.Warning);
        builder.Services.AddWorkflowServices();
        builder.Services.AddDurableTaskHosting(registerTasks ?? (registry => registry.AddWorkflowTasks()));
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }
}

/// <summary>The collection sharing one durable host.</summary>
[CollectionDefinition(Name)]
public sealed class DurableHostCollection : ICollectionFixture<DurableHostFixture>
{
    public const string Name = "DurableHost";
}
