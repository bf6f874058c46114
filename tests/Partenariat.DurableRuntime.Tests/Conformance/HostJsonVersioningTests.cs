using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using static Partenariat.DurableRuntime.Tests.Conformance.ConformanceTasks;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>
/// Versioning scenarios from host.json, with Durable Functions' meaning of <c>defaultVersion</c>,
/// <c>versionMatchStrategy</c> and <c>versionFailureStrategy</c>.
/// </summary>
[Collection(ConformanceCollection.Name)]
[Trait(Group, "Versioning")]
public sealed class HostJsonVersioningTests(ConformanceFixture fixture) : ConformanceTest(fixture)
{
    private const string Section = DurableTaskHostOptions.SectionPath + ":";

    [Fact]
    public async Task DefaultVersion_NewOrchestrationsAndTheirSubOrchestrations_RunThatVersion()
    {
        var client = await Fixture.ClientAsync("hostjson15", settings: Settings(("defaultVersion", "1.5")));

        var started = await RunAsync(client, Versioned, string.Empty);
        var child = await RunAsync(client, VersionedParent, null);

        Assert.Equal("Orchestration version: 1.5", started.ReadOutputAs<string>());
        Assert.Equal("Orchestration version: 1.5", child.ReadOutputAs<string>());
    }

    [Fact]
    public async Task VersionMatchStrategyStrictAndFailureStrategyFail_OtherVersionFailsOwnVersionRuns()
    {
        var client = await Fixture.ClientAsync(
            "hostjsonstrictfail",
            settings: Settings(("defaultVersion", "1.0"), ("versionMatchStrategy", "Strict"), ("versionFailureStrategy", "Fail")));

        var other = await RunAsync(client, Versioned, string.Empty, new StartOrchestrationOptions { Version = "1.1" });
        var own = await RunAsync(client, Versioned, string.Empty);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, other.RuntimeStatus);
        Assert.Equal(VersionCheck.MismatchErrorType, other.FailureDetails?.ErrorType);
        Assert.Equal("Orchestration version: 1.0", own.ReadOutputAs<string>());
    }

    [Fact]
    public async Task DefaultVersionWithItsDefaultStrategies_NewerVersionLeftPendingOlderRuns()
    {
        var client = await Fixture.ClientAsync("hostjson20", settings: Settings(("defaultVersion", "2.0")));

        var newer = await client.ScheduleNewOrchestrationInstanceAsync(Versioned, string.Empty, new StartOrchestrationOptions { Version = "3.0" });
        var older = await RunAsync(client, Versioned, string.Empty, new StartOrchestrationOptions { Version = "1.0" });
        var left = await client.GetInstanceAsync(newer);

        Assert.Equal("Orchestration version: 1.0", older.ReadOutputAs<string>());
        // CurrentOrOlder and Reject: the newer instance waits for a worker of its version.
        Assert.Equal(OrchestrationRuntimeStatus.Pending, left?.RuntimeStatus);
        await client.TerminateInstanceAsync(newer);
    }

    [Fact]
    public async Task UseVersioning_AlongsideHostJsonKeys_TheWorkersOwnVersioningWins()
    {
        var client = await Fixture.ClientAsync(
            "hostjsonoverridden",
            services => services.AddDurableTaskWorker(builder => builder.UseVersioning(new DurableTaskWorkerOptions.VersioningOptions { Version = "3.0" })),
            Settings(("defaultVersion", "1.0"), ("versionMatchStrategy", "Strict"), ("versionFailureStrategy", "Fail")));

        var result = await RunAsync(client, Versioned, string.Empty, new StartOrchestrationOptions { Version = "2.0" });

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Orchestration version: 2.0", result.ReadOutputAs<string>());
    }

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] settings) =>
        settings.ToDictionary(setting => Section + setting.Key, setting => (string?)setting.Value, StringComparer.Ordinal);
}
