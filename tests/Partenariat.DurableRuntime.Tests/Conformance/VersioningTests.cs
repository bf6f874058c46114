using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Partenariat.DurableRuntime.Tests.Conformance.ConformanceTasks;
using Strategy = Microsoft.DurableTask.Worker.DurableTaskWorkerOptions.VersionMatchStrategy;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>
/// Versioning scenarios: versions carried through orchestrations, activities and sub-orchestrations,
/// the client's default version, the worker's versioning, versioned registrations.
/// </summary>
[Collection(ConformanceCollection.Name)]
[Trait(Group, "Versioning")]
public sealed class VersioningTests(ConformanceFixture fixture) : ConformanceTest(fixture)
{
    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_ClientDefaultVersion_OrchestratorSeesIt()
    {
        var client = await ClientAsync("client01", "0.1");

        var result = await RunAsync(client, Versioned, string.Empty);

        Assert.Equal("Orchestration version: 0.1", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CallActivityAsync_ClientDefaultVersion_ActivityInheritsIt()
    {
        var client = await ClientAsync("client01", "0.1");

        var result = await RunAsync(client, ActivityVersion, string.Empty);

        Assert.Equal("Activity version: 0.1", result.ReadOutputAs<string>());
    }

    [Theory]
    [InlineData("0.2")]
    [InlineData("")]
    public async Task ScheduleNewOrchestrationInstanceAsync_VersionGiven_OverridesTheClientDefault(string version)
    {
        var client = await ClientAsync("client01", "0.1");

        var result = await RunAsync(client, Versioned, string.Empty, new StartOrchestrationOptions { Version = version });

        Assert.Equal($"Orchestration version: {version}", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task UseVersioning_MatchStrategyNotGiven_RunsAnyVersion()
    {
        var client = await ClientAsync("w01failclient02", "0.2", new() { Version = "0.1", FailureStrategy = DurableTaskWorkerOptions.VersionFailureStrategy.Fail });

        var result = await RunAsync(client, Versioned, string.Empty);

        Assert.Equal("Orchestration version: 0.2", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task UseVersioning_MatchStrategyNone_RunsAnyVersion()
    {
        var client = await ClientAsync("w01nonefailclient02", "0.2", Worker("0.1", Strategy.None));

        var result = await RunAsync(client, Versioned, string.Empty);

        Assert.Equal("Orchestration version: 0.2", result.ReadOutputAs<string>());
    }

    [Theory]
    [InlineData(Strategy.Strict)]
    [InlineData(Strategy.CurrentOrOlder)]
    public async Task UseVersioning_StrictOtherOrCurrentOrOlderNewerVersion_FailsWithVersionMismatch(Strategy strategy)
    {
        var client = await ClientAsync($"w01{strategy}failclient02", "0.2", Worker("0.1", strategy));

        var result = await RunAsync(client, Versioned, string.Empty);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(VersionCheck.MismatchErrorType, result.FailureDetails?.ErrorType);
    }

    [Fact]
    public async Task UseVersioning_CurrentOrOlderOlderVersion_Runs()
    {
        var client = await ClientAsync("w03cuofailclient02", "0.2", Worker("0.3", Strategy.CurrentOrOlder));

        var result = await RunAsync(client, Versioned, string.Empty);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Orchestration version: 0.2", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task UseVersioning_StrictActivityCalledWithAnotherVersion_ActivityFailsWithVersionMismatch()
    {
        var client = await ClientAsync($"w01{Strategy.Strict}failclient02", "0.2", Worker("0.1", Strategy.Strict));

        var result = await RunAsync(client, ActivityOfAnotherVersion, "9.9", new StartOrchestrationOptions { Version = "0.1" });

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(VersionCheck.MismatchErrorType, result.FailureDetails?.InnerFailure?.ErrorType);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_NoVersionGiven_InheritsTheWorkersDefaultVersion()
    {
        var client = await ClientAsync("wdefault01client01", "0.1", new() { DefaultVersion = "0.1" });

        var result = await RunAsync(client, VersionedParent, null);

        Assert.Equal("Orchestration version: 0.1", result.ReadOutputAs<string>());
    }

    [Theory]
    [InlineData("0.2")]
    [InlineData("")]
    public async Task CallSubOrchestratorAsync_VersionGiven_OverridesTheWorkersDefaultVersion(string version)
    {
        var client = await ClientAsync("wdefault01client01", "0.1", new() { DefaultVersion = "0.1" });

        var result = await RunAsync(client, VersionedParent, version);

        Assert.Equal($"Orchestration version: {version}", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ContinueAsNew_NewVersion_NextGenerationRunsThatVersion()
    {
        var result = await RunAsync(Client, NewVersion, 0);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("v2", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task UseVersioning_RejectNewerVersion_LeftPendingUntilAWorkerOfThatVersionRunsIt()
    {
        var hub = ConformanceFixture.HubName("reject");
        var older = await Fixture.StartHostAsync(hub, Configure(null, Reject("1.0")));
        var olderClient = older.Services.GetRequiredService<DurableTaskClient>();
        var newer = await olderClient.ScheduleNewOrchestrationInstanceAsync(Versioned, string.Empty, new StartOrchestrationOptions { Version = "2.0" });
        // A later instance of the worker's own version runs: the worker has had the newer one and left it.
        var current = await RunAsync(olderClient, Versioned, string.Empty, new StartOrchestrationOptions { Version = "1.0" });
        var left = await olderClient.GetInstanceAsync(newer);
        await older.StopAsync();
        older.Dispose();

        var upgraded = await Fixture.StartHostAsync(hub, Configure(null, Reject("2.0")));
        var result = await CompletedAsync(upgraded.Services.GetRequiredService<DurableTaskClient>(), newer);

        Assert.Equal("Orchestration version: 1.0", current.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Pending, left?.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Orchestration version: 2.0", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task AddOrchestrator_TwoVersionsOfOneName_EachVersionRunsItsClass()
    {
        var v1 = await RunAsync(Client, VersionedClass, 5, new StartOrchestrationOptions { Version = "v1" });
        var v2 = await RunAsync(Client, VersionedClass, 5, new StartOrchestrationOptions { Version = "v2" });

        Assert.Equal("v1:5", v1.ReadOutputAs<string>());
        Assert.Equal("v2:5", v2.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CallActivityAsync_ExplicitActivityVersion_OverridesTheOrchestrationsVersion()
    {
        var result = await RunAsync(Client, ActivityOverride, 5, new StartOrchestrationOptions { Version = "v2" });

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("activity-v1:5", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CallActivityAsync_InheritedVersionOfAnUnversionedActivity_RunsTheUnversionedOne()
    {
        var result = await RunAsync(Client, InheritedFallback, 5, new StartOrchestrationOptions { Version = "v2" });

        Assert.Equal("activity-unversioned:5", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_NoVersionWhenOnlyVersionedClassesExist_FailsAsNotFound()
    {
        var result = await RunAsync(Client, VersionedClass, 5);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(OrchestrationObjects.NotFoundErrorType, result.FailureDetails?.ErrorType);
        Assert.Contains(VersionedClass, result.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContinueAsNew_NewVersionOfAVersionedClass_NextGenerationRunsTheNewClass()
    {
        var result = await RunAsync(Client, Migrating, 4, new StartOrchestrationOptions { Version = "v1" });

        Assert.Equal("v2:5", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task UseVersioning_CurrentOrOlderWithTwoVersionedClasses_EachAcceptedVersionRunsItsClass()
    {
        var client = await ClientAsync("wv2cuo", null, new() { Version = "v2", DefaultVersion = "v2", MatchStrategy = Strategy.CurrentOrOlder });

        var v1 = await RunAsync(client, VersionedClass, 5, new StartOrchestrationOptions { Version = "v1" });
        var v2 = await RunAsync(client, VersionedClass, 5, new StartOrchestrationOptions { Version = "v2" });

        Assert.Equal("v1:5", v1.ReadOutputAs<string>());
        Assert.Equal("v2:5", v2.ReadOutputAs<string>());
    }

    private static DurableTaskWorkerOptions.VersioningOptions Worker(string version, Strategy strategy) =>
        new() { Version = version, MatchStrategy = strategy, FailureStrategy = DurableTaskWorkerOptions.VersionFailureStrategy.Fail };

    private static DurableTaskWorkerOptions.VersioningOptions Reject(string version) =>
        new() { Version = version, MatchStrategy = Strategy.CurrentOrOlder, FailureStrategy = DurableTaskWorkerOptions.VersionFailureStrategy.Reject };

    private static Action<IServiceCollection> Configure(string? clientVersion, DurableTaskWorkerOptions.VersioningOptions? worker) => services =>
    {
        if (clientVersion is not null)
        {
            services.AddDurableTaskClient(builder => builder.UseDefaultVersion(clientVersion));
        }

        if (worker is not null)
        {
            services.AddDurableTaskWorker(builder => builder.UseVersioning(worker));
        }
    };

    private Task<DurableTaskClient> ClientAsync(string profile, string? clientVersion, DurableTaskWorkerOptions.VersioningOptions? worker = null) =>
        Fixture.ClientAsync(profile, Configure(clientVersion, worker));
}
