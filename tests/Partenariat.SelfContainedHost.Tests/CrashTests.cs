using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Partenariat.DurableRuntime;
using Partenariat.Testing;
using Partenariat.Workflow.Diagnostics;
using Partenariat.Workflow.Storage;

namespace Partenariat.SelfContainedHost.Tests;

/// <summary>
/// The self-contained host killed with SIGKILL while orchestrations are in flight: what it had
/// dequeued comes back when the queues' visibility timeout ends and its partition leases expire,
/// and another process finishes every instance. Real processes, real Azurite.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class CrashTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Instances = 12;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly SlowSequenceInput Workload = new(Steps: 4, PauseMilliseconds: 400);

    private readonly string _hub = "crash" + Guid.NewGuid().ToString("N")[..10];
    private readonly List<SupervisedProcess> _hosts = [];
    private DurableTaskHub? _clientHub;
    private TaskHubDurableTaskClient? _client;

    public Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString })
            .Build();
        _clientHub = new DurableTaskHub(ReadOptions(_hub), StorageConnection.FromConfiguration(configuration), NullLoggerFactory.Instance, "crash-test-client");
        // The hosts are real processes on the wall clock: so is the client that drives them.
        _client = new TaskHubDurableTaskClient("crash", _clientHub, JsonDataConverter.Default, new InstanceCompletionSignals(), TimeProvider.System);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        _clientHub?.Dispose();
    }

    [Fact]
    public async Task Host_KilledMidOrchestrations_ANewProcessFinishesEveryInstance()
    {
        var first = await StartHostAsync();
        var ids = await StartWorkloadAsync();
        await WaitUntilSomeAreMidwayAsync(ids);

        await first.KillChildAsync();
        var midway = await CountStatusesAsync(ids);
        await StartHostAsync();
        var results = await WaitForAllAsync(ids);

        Assert.True(midway.Running > 0, "some instances were still running when the host was killed");
        Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
        Assert.All(results, r => Assert.Equal(Workload.Steps * Workload.PauseMilliseconds, r.ReadOutputAs<int>()));
    }

    [Fact]
    public async Task TwoHosts_OneKilled_TheOtherTakesItsPartitionsAndFinishesItsWork()
    {
        var first = await StartHostAsync("crash-worker-a");
        var second = await StartHostAsync("crash-worker-b");
        await WaitForOwnersAsync(owners => owners.Distinct().Count() == 2, "both hosts to own partitions");
        var ids = await StartWorkloadAsync();
        await WaitUntilSomeAreMidwayAsync(ids);

        await first.KillChildAsync();
        var results = await WaitForAllAsync(ids);
        var owners = await WaitForOwnersAsync(o => o.All(owner => owner == "crash-worker-b"), "the survivor to own every partition");

        Assert.False(second.HasExited);
        Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
        Assert.Equal(4, owners.Count);
    }

    private static DurableTaskHostOptions ReadOptions(string? hub = null) => DurableTaskHostOptions.Read(
        new ConfigurationBuilder().AddInMemoryCollection(Settings(hub ?? "unused").Select(s => new KeyValuePair<string, string?>(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value))).Build());

    private static Dictionary<string, string?> Settings(string hub) => new()
    {
        ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = hub,
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount"] = "4",
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:01",
        // A dead worker's dequeued messages reappear when their visibility timeout ends.
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__controlQueueVisibilityTimeout"] = "00:00:10",
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:00:10",
    };

    private async Task<SupervisedProcess> StartHostAsync(string? workerId = null)
    {
        var environment = Settings(_hub);
        environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        environment["Logging__LogLevel__Default"] = "Warning";
        if (workerId is not null)
        {
            environment["Partenariat__DurableWorkerId"] = workerId;
        }

        var host = SelfContainedHostProcess.Start(environment);
        _hosts.Add(host);
        await host.WaitForLineAsync(l => l.Contains("Durable worker started", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        return host;
    }

    private async Task<List<string>> StartWorkloadAsync()
    {
        var ids = new List<string>();
        for (var i = 0; i < Instances; i++)
        {
            ids.Add(await _client!.ScheduleNewOrchestrationInstanceAsync(nameof(SlowSequence), Workload));
        }

        return ids;
    }

    private Task WaitUntilSomeAreMidwayAsync(List<string> ids) =>
        Eventually.UntilAsync(async () => (await CountStatusesAsync(ids)).Midway > 0, "an instance to get midway", Patience);

    private async Task<(int Running, int Midway)> CountStatusesAsync(List<string> ids)
    {
        var running = 0;
        var midway = 0;
        foreach (var id in ids)
        {
            var metadata = await _client!.GetInstanceAsync(id);
            if (metadata?.RuntimeStatus == OrchestrationRuntimeStatus.Running)
            {
                running++;
                if (metadata.SerializedCustomStatus is { } step && step != "null")
                {
                    midway++;
                }
            }
        }

        return (running, midway);
    }

    private async Task<List<OrchestrationMetadata>> WaitForAllAsync(List<string> ids)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var results = new List<OrchestrationMetadata>();
        foreach (var id in ids)
        {
            results.Add(await _client!.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token));
        }

        return results;
    }

    private Task<List<string>> WaitForOwnersAsync(Func<List<string>, bool> condition, string what)
    {
        var table = new TableClient(azurite.ConnectionString, _hub + "Partitions");
        var owners = new List<string>();
        return Eventually.UntilAsync(
            async () =>
            {
                owners = [];
                await foreach (var lease in table.QueryAsync<TableEntity>())
                {
                    owners.Add(lease.GetString("CurrentOwner") ?? string.Empty);
                }

                return owners.Count == 4 && condition(owners) ? owners : null;
            },
            Patience,
            () => Task.FromResult($"{what}; owners: {string.Join(", ", owners)}"));
    }
}

/// <summary>The crash tests run beside the other tests, on an Azurite of their own.</summary>
[CollectionDefinition(Name)]
public sealed class CrashCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Crash";
}
