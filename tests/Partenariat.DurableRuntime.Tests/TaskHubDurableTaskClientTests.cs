using OrchestrationAlreadyExistsException = DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Partenariat.Testing;
using Partenariat.Workflow.Diagnostics;

namespace Partenariat.DurableRuntime.Tests;

/// <summary>The durable semantics, through the self-contained host's client and worker, on Azurite.</summary>
[Collection(DurableHostCollection.Name)]
public sealed class TaskHubDurableTaskClientTests(DurableHostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private DurableTaskClient Client => fixture.Client;

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_Sequence_CompletesWithEveryActivityResultInOrder()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "test");

        var result = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(HelloSequence.Cities.Select(c => $"Hello, {c} (test)!"), result.ReadOutputAs<string[]>());
        Assert.Equal("\"test\"", result.SerializedInput);
        Assert.Equal(nameof(HelloSequence), result.Name);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_FanOutFanIn_SumsEveryParallelResult()
    {
        const int n = 100;
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutFanIn), n);

        var result = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal((long)n * (n + 1) * (2 * n + 1) / 6, result.ReadOutputAs<long>());
    }

    [Fact]
    public async Task RaiseEventAsync_AfterTheOrchestrationWaits_DeliversTheEvent()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForSignal), new WaitForSignalInput("Go"));
        await WaitForCustomStatusAsync(id, WaitForSignal.WaitingStatus);

        await Client.RaiseEventAsync(id, "Go", "late");
        var result = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("received:late", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RaiseEventAsync_BeforeTheOrchestrationWaits_IsBufferedAndDelivered()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForSignal), new WaitForSignalInput("Go"));
        await Client.RaiseEventAsync(id, "Go", "early");

        var result = await WaitAsync(id);

        Assert.Equal("received:early", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task GetInstanceAsync_WhileWaiting_ShowsTheCustomStatus()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForSignal), new WaitForSignalInput("Go"));

        var metadata = await WaitForCustomStatusAsync(id, WaitForSignal.WaitingStatus);

        Assert.Equal(OrchestrationRuntimeStatus.Running, metadata.RuntimeStatus);
        Assert.Equal(WaitForSignal.WaitingStatus, metadata.ReadCustomStatusAs<string>());
        await Client.TerminateInstanceAsync(id);
    }

    [Fact]
    public async Task WaitForExternalEvent_NoEventBeforeTheTimeout_TimesOut()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForSignal), new WaitForSignalInput("Never", TimeoutSeconds: 2));

        var result = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(WaitForSignal.TimedOut, result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CreateTimer_ThreeSeconds_FiresWithinItsWindow()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(DurableTimer), 3);

        var result = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        // Timers fire on a poll of the control queue: up to about a second early or a poll interval late.
        var elapsed = result.LastUpdatedAt - result.CreatedAt;
        Assert.InRange(elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20));
        var firedAt = new DateTimeOffset(DateTime.SpecifyKind(result.ReadOutputAs<DateTime>(), DateTimeKind.Utc));
        Assert.InRange(firedAt - result.CreatedAt, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildCompletes_ParentReturnsItsResult()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SubOrchestration), "child");

        var result = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(HelloSequence.Cities.Select(c => $"Hello, {c} (child)!"), result.ReadOutputAs<string[]>());
        var child = await Client.GetInstanceAsync(id + ":child", getInputsAndOutputs: true);
        Assert.NotNull(child);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
        Assert.Equal(nameof(HelloSequence), child.Name);
    }

    [Fact]
    public async Task RetryPolicy_FailuresFewerThanAttempts_Succeeds()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryThenFail), new RetryThenFailInput(Failures: 2, MaxAttempts: 3));

        var result = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(3, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task RetryPolicy_FailuresOutlastAttempts_FailsWithTypeMessageAndInnerFailure()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryThenFail), new RetryThenFailInput(Failures: 5, MaxAttempts: 2));

        var result = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var failure = Assert.IsType<TaskFailureDetails>(result.FailureDetails);
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        Assert.Contains(nameof(FailOnDemand), failure.ErrorMessage, StringComparison.Ordinal);
        var activityFailure = Assert.IsType<TaskFailureDetails>(failure.InnerFailure);
        Assert.Equal(typeof(InvalidOperationException).FullName, activityFailure.ErrorType);
        Assert.Equal($"Attempt 2 of '{id}' fails on demand.", activityFailure.ErrorMessage);
        var cause = Assert.IsType<TaskFailureDetails>(activityFailure.InnerFailure);
        Assert.Equal(typeof(TimeoutException).FullName, cause.ErrorType);
        Assert.Equal("The inner cause.", cause.ErrorMessage);
    }

    [Fact]
    public async Task SuspendAndResume_EventWhileSuspended_WaitsForTheResume()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForSignal), new WaitForSignalInput("Go"));
        await WaitForCustomStatusAsync(id, WaitForSignal.WaitingStatus);

        await Client.SuspendInstanceAsync(id, "pause");
        await WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended);
        await Client.RaiseEventAsync(id, "Go", "while suspended");
        // The event is recorded while the instance stays suspended.
        await Eventually.UntilAsync(
            async () => (await Client.GetOrchestrationHistoryAsync(id)).OfType<DurableTask.Core.History.EventRaisedEvent>().Any(),
            "the event to reach the suspended instance's history",
            Patience);
        var suspended = await Client.GetInstanceAsync(id);
        await Client.ResumeInstanceAsync(id, "go on");
        var result = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, suspended?.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("received:while suspended", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminateInstanceAsync_Running_EndsTerminatedWithTheGivenOutput()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForSignal), new WaitForSignalInput("Never"));
        await WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        await Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("stopped by the test"));
        var result = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("stopped by the test", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdStillRunning_IsRefusedAndFinishedOneStartsAgain()
    {
        var id = "restart-" + Guid.NewGuid().ToString("N");
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForSignal), new WaitForSignalInput("Go"), new StartOrchestrationOptions(id));
        await WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        var refused = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForSignal), new WaitForSignalInput("Go"), new StartOrchestrationOptions(id)));
        await Client.RaiseEventAsync(id, "Go", "first");
        var first = await WaitAsync(id);
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "second", new StartOrchestrationOptions(id));
        var second = await WaitAsync(id);

        Assert.Contains("Running", refused.Message, StringComparison.Ordinal);
        Assert.Equal("received:first", first.ReadOutputAs<string>());
        Assert.Equal(nameof(HelloSequence), second.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, second.RuntimeStatus);
    }

    [Fact]
    public async Task ContinueAsNew_FiveGenerations_EndsWithTheLastInput()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(EternalCounter), new EternalCounterInput(0, 5));

        var result = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(5, result.ReadOutputAs<int>());
        Assert.Equal(5, result.ReadInputAs<EternalCounterInput>()?.Count);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_UnknownName_Fails()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("NoSuchOrchestrator");

        var result = await WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("NoSuchOrchestrator", result.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAllInstancesAsync_PrefixAndPageSize_PagesThroughEveryMatch()
    {
        var prefix = "query-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), null, new StartOrchestrationOptions(prefix + i)));
        }

        foreach (var id in ids)
        {
            await WaitAsync(id);
        }

        var query = new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 2, Statuses = [OrchestrationRuntimeStatus.Completed] };
        var pages = new List<Page<OrchestrationMetadata>>();
        await foreach (var page in Client.GetAllInstancesAsync(query).AsPages(pageSizeHint: 2))
        {
            pages.Add(page);
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), pages.SelectMany(p => p.Values).Select(m => m.InstanceId).Order(StringComparer.Ordinal));
        Assert.All(pages, page => Assert.InRange(page.Values.Count, 0, 2));
        Assert.True(pages.Count >= 3, $"5 instances in pages of 2 take at least 3 pages, not {pages.Count}.");
        var none = new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Failed] };
        Assert.Empty(await ToListAsync(Client.GetAllInstancesAsync(none)));
        var future = new OrchestrationQuery { InstanceIdPrefix = prefix, CreatedFrom = DateTimeOffset.UtcNow.AddHours(1) };
        Assert.Empty(await ToListAsync(Client.GetAllInstancesAsync(future)));
    }

    [Fact]
    public async Task PurgeInstanceAsync_Finished_RemovesItAndRunningIsRefused()
    {
        var done = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence));
        await WaitAsync(done);
        var running = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForSignal), new WaitForSignalInput("Never"));
        await WaitForStatusAsync(running, OrchestrationRuntimeStatus.Running);

        var purged = await Client.PurgeInstanceAsync(done);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.PurgeInstanceAsync(running));

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(done));
        Assert.Contains("Terminate it first", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await Client.PurgeInstanceAsync("no-such-instance")).PurgedInstanceCount);
        await Client.TerminateInstanceAsync(running);
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_ByCreationWindowAndStatus_RemovesOnlyThoseMatching()
    {
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var failed = await Client.ScheduleNewOrchestrationInstanceAsync("NoSuchOrchestrator");
        var completed = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence));
        await WaitAsync(failed);
        await WaitAsync(completed);

        var result = await Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, DateTimeOffset.UtcNow.AddSeconds(1), [OrchestrationRuntimeStatus.Failed]));

        Assert.True(result.PurgedInstanceCount >= 1);
        Assert.Null(await Client.GetInstanceAsync(failed));
        Assert.NotNull(await Client.GetInstanceAsync(completed));
    }

    private static async Task<List<T>> ToListAsync<T>(AsyncPageable<T> pageable)
        where T : notnull
    {
        var list = new List<T>();
        await foreach (var item in pageable)
        {
            list.Add(item);
        }

        return list;
    }

    private async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    private Task<OrchestrationMetadata> WaitForStatusAsync(string instanceId, OrchestrationRuntimeStatus status) =>
        PollAsync(instanceId, m => m.RuntimeStatus == status, $"status {status}");

    private Task<OrchestrationMetadata> WaitForCustomStatusAsync(string instanceId, string customStatus) =>
        PollAsync(instanceId, m => m.SerializedCustomStatus == $"\"{customStatus}\"", $"custom status {customStatus}");

    private Task<OrchestrationMetadata> PollAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, string what) =>
        Eventually.UntilAsync(
            async () => await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true) is { } metadata && condition(metadata) ? metadata : null,
            Patience,
            async () => $"instance '{instanceId}' to reach {what}; it is {(await Client.GetInstanceAsync(instanceId))?.RuntimeStatus}");
}
