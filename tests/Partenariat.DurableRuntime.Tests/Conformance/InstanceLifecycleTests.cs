using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Partenariat.Testing;
using static Partenariat.DurableRuntime.Tests.Conformance.ConformanceTasks;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>Core scenarios: instance ids taken again (dedupe statuses), suspend and resume.</summary>
[Collection(ConformanceCollection.Name)]
[Trait(Group, "Core")]
public sealed class InstanceLifecycleTests(ConformanceFixture fixture) : ConformanceTest(fixture)
{
    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_DedupeStatusesWithCompletedOnCompleted_Throws()
    {
        var id = await FinishedAsync(shouldThrow: false);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => Client.ScheduleNewOrchestrationInstanceAsync(
            WaitingService, false, new StartOrchestrationOptions(id).WithDedupeStatuses(OrchestrationRuntimeStatus.Completed)));
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_DedupeStatusesWithoutCompletedOnCompleted_Replaces()
    {
        var id = await FinishedAsync(shouldThrow: false);

        var started = await Client.ScheduleNewOrchestrationInstanceAsync(
            WaitingService, false, new StartOrchestrationOptions(id).WithDedupeStatuses(OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated));
        var replaced = await StatusAsync(Client, id, OrchestrationRuntimeStatus.Running);

        Assert.Equal(id, started);
        Assert.Equal("waiting", replaced.ReadCustomStatusAs<string>());
        await Client.TerminateInstanceAsync(id);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_DedupeStatusesWithFailedOnFailed_Throws()
    {
        var id = await FinishedAsync(shouldThrow: true);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => Client.ScheduleNewOrchestrationInstanceAsync(
            WaitingService, false, new StartOrchestrationOptions(id).WithDedupeStatuses(OrchestrationRuntimeStatus.Failed)));
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_DedupeStatusesAndNoInstance_Creates()
    {
        var id = NewId("dedupe-new");

        var started = await Client.ScheduleNewOrchestrationInstanceAsync(
            WaitingService, false, new StartOrchestrationOptions(id).WithDedupeStatuses(OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed));

        Assert.Equal(id, started);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await StatusAsync(Client, id, OrchestrationRuntimeStatus.Running)).RuntimeStatus);
        await Client.TerminateInstanceAsync(id);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_SeveralDedupeStatusesOneMatching_Throws()
    {
        var id = await FinishedAsync(shouldThrow: false);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => Client.ScheduleNewOrchestrationInstanceAsync(
            WaitingService,
            false,
            new StartOrchestrationOptions(id).WithDedupeStatuses(OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated)));
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_DedupeStatusesWithoutRunningOnRunning_TerminatesAndReplaces()
    {
        var id = NewId("dedupe-running");
        await Client.ScheduleNewOrchestrationInstanceAsync(WaitingService, false, new StartOrchestrationOptions(id));
        await StatusAsync(Client, id, OrchestrationRuntimeStatus.Running);

        await Client.ScheduleNewOrchestrationInstanceAsync(Greet, "again", new StartOrchestrationOptions(id).WithDedupeStatuses(OrchestrationRuntimeStatus.Completed));
        var result = await Eventually.UntilAsync(
            async () => await Client.GetInstanceAsync(id, getInputsAndOutputs: true) is { Name: Greet, RuntimeStatus: OrchestrationRuntimeStatus.Completed } done ? done : null,
            Patience);

        Assert.Equal("Hello, again!", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_NoDedupeStatusesOnRunning_ThrowsAndLeavesItRunning()
    {
        var id = NewId("running");
        await Client.ScheduleNewOrchestrationInstanceAsync(WaitingService, false, new StartOrchestrationOptions(id));
        await StatusAsync(Client, id, OrchestrationRuntimeStatus.Running);

        var refused = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            Client.ScheduleNewOrchestrationInstanceAsync(WaitingService, false, new StartOrchestrationOptions(id)));

        Assert.Contains("Running", refused.Message, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client.GetInstanceAsync(id))?.RuntimeStatus);
        await Client.TerminateInstanceAsync(id);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_RunningReplaceableButTerminatedRefused_ThrowsArgumentExceptionAndLeavesItRunning()
    {
        var id = NewId("contradiction");
        await Client.ScheduleNewOrchestrationInstanceAsync(WaitingService, false, new StartOrchestrationOptions(id));
        await StatusAsync(Client, id, OrchestrationRuntimeStatus.Running);

        await Assert.ThrowsAsync<ArgumentException>(() => Client.ScheduleNewOrchestrationInstanceAsync(
            WaitingService, false, new StartOrchestrationOptions(id).WithDedupeStatuses(OrchestrationRuntimeStatus.Terminated)));

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client.GetInstanceAsync(id))?.RuntimeStatus);
        await Client.TerminateInstanceAsync(id);
    }

    [Fact]
    public async Task SuspendAndResume_WithReasons_SuspendedThenRunningThenCompleted()
    {
        var id = await RunningAsync();

        await Client.SuspendInstanceAsync(id, "Test suspension");
        var suspended = await StatusAsync(Client, id, OrchestrationRuntimeStatus.Suspended);
        await Client.ResumeInstanceAsync(id, "Test resumption");
        var resumed = await StatusAsync(Client, id, OrchestrationRuntimeStatus.Running);
        await Client.RaiseEventAsync(id, "event");
        var result = await CompletedAsync(Client, id);

        Assert.Equal(id, suspended.InstanceId);
        Assert.Equal(id, resumed.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
    }

    [Fact]
    public async Task SuspendInstanceAsync_WithoutReason_Suspends()
    {
        var id = await RunningAsync();

        await Client.SuspendInstanceAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await StatusAsync(Client, id, OrchestrationRuntimeStatus.Suspended)).RuntimeStatus);
        await Client.TerminateInstanceAsync(id);
    }

    [Fact]
    public async Task ResumeInstanceAsync_WithoutReason_Resumes()
    {
        var id = await RunningAsync();
        await Client.SuspendInstanceAsync(id, "Test suspension");
        await StatusAsync(Client, id, OrchestrationRuntimeStatus.Suspended);

        await Client.ResumeInstanceAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await StatusAsync(Client, id, OrchestrationRuntimeStatus.Running)).RuntimeStatus);
        await Client.TerminateInstanceAsync(id);
    }

    [Fact]
    public async Task SuspendInstanceAsync_Completed_NoErrorAndStillCompleted()
    {
        var id = await FinishedAsync(shouldThrow: false);

        await Client.SuspendInstanceAsync(id, "Test suspension");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await Client.GetInstanceAsync(id))?.RuntimeStatus);
    }

    [Fact]
    public async Task ResumeInstanceAsync_NotSuspended_NoErrorAndStillRunning()
    {
        var id = await RunningAsync();

        await Client.ResumeInstanceAsync(id, "Test resumption");

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client.GetInstanceAsync(id))?.RuntimeStatus);
        await Client.RaiseEventAsync(id, "event");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await CompletedAsync(Client, id)).RuntimeStatus);
    }

    private async Task<string> RunningAsync()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(LongWaitingService, false);
        await StatusAsync(Client, id, OrchestrationRuntimeStatus.Running);
        return id;
    }

    private async Task<string> FinishedAsync(bool shouldThrow)
    {
        var id = NewId("dedupe");
        await Client.ScheduleNewOrchestrationInstanceAsync(WaitingService, shouldThrow, new StartOrchestrationOptions(id));
        await StartedAsync(Client, id);
        await Client.RaiseEventAsync(id, "event");
        var finished = await CompletedAsync(Client, id);
        Assert.Equal(shouldThrow ? OrchestrationRuntimeStatus.Failed : OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        return id;
    }
}
