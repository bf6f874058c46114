using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using static Partenariat.DurableRuntime.Tests.Conformance.ConformanceTasks;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>Core scenarios: the client (metadata, queries, purge, restart, history, deduplication, suspend and resume).</summary>
[Collection(ConformanceCollection.Name)]
[Trait(Group, "Core")]
public sealed class ClientTests(ConformanceFixture fixture) : ConformanceTest(fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetInstanceAsync_WithoutInputsAndOutputs_NoInputOutputNorFailure(bool shouldThrow)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(WaitingService, shouldThrow);
        await StatusAsync(Client, id, OrchestrationRuntimeStatus.Running);
        var running = await Client.GetInstanceAsync(id);

        await Client.RaiseEventAsync(id, "event");
        var finished = await CompletedAsync(Client, id);
        var metadata = await Client.GetInstanceAsync(id);

        AssertBare(running, id, OrchestrationRuntimeStatus.Running);
        AssertBare(metadata, id, shouldThrow ? OrchestrationRuntimeStatus.Failed : OrchestrationRuntimeStatus.Completed);
        Assert.Equal(shouldThrow, finished.FailureDetails is not null);
    }

    [Fact]
    public async Task GetAllInstancesAsync_ByPrefix_OnlyThoseInstancesRunningThenCompleted()
    {
        var prefix = NewId("query") + "-";
        var outsider = await Client.ScheduleNewOrchestrationInstanceAsync(WaitingService, false);
        string[] ids = [prefix + "1", prefix + "2"];
        foreach (var id in ids)
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(WaitingService, false, new StartOrchestrationOptions(id));
            await StatusAsync(Client, id, OrchestrationRuntimeStatus.Running);
        }

        var running = await ListAsync(Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix }));
        foreach (var id in ids)
        {
            await Client.RaiseEventAsync(id, "event");
            await CompletedAsync(Client, id);
        }

        var completed = await ListAsync(Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix }));
        var fetched = await ListAsync(Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, FetchInputsAndOutputs = true }));

        Assert.Equal(ids, running.Select(m => m.InstanceId).Order(StringComparer.Ordinal));
        Assert.All(running, m => Assert.Equal(OrchestrationRuntimeStatus.Running, m.RuntimeStatus));
        Assert.All(completed, m => Assert.Equal(OrchestrationRuntimeStatus.Completed, m.RuntimeStatus));
        Assert.DoesNotContain(completed, m => m.InstanceId == outsider);
        Assert.All(completed, m => Assert.Null(m.SerializedInput));
        Assert.All(fetched, m => Assert.Equal("false", m.SerializedInput));
        Assert.All(fetched, m => Assert.Equal("False -> output", m.ReadOutputAs<string>()));
    }

    [Fact]
    public async Task GetAllInstancesAsync_AsPagesOf5And4_PagesOfThatSizeResumableFromAToken()
    {
        var prefix = NewId("pages") + "-";
        for (var i = 0; i < 21; i++)
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(WaitingService, false, new StartOrchestrationOptions($"{prefix}{i:D2}"));
        }

        var pageable = Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix });
        var pages = await ListAsync(pageable.AsPages(pageSizeHint: 5));
        var resumed = await ListAsync(pageable.AsPages(pages[1].ContinuationToken, pageSizeHint: 4));

        Assert.Equal(5, pages.Count);
        Assert.All(pages, page => Assert.Equal(page.ContinuationToken is null ? 1 : 5, page.Values.Count));
        Assert.Equal(3, resumed.Count);
        Assert.Equal(
            pages.Skip(2).SelectMany(page => page.Values).Select(m => m.InstanceId),
            resumed.SelectMany(page => page.Values).Select(m => m.InstanceId));
        await foreach (var instance in pageable)
        {
            await Client.TerminateInstanceAsync(instance.InstanceId);
        }
    }

    [Fact]
    public async Task PurgeInstanceAsync_Completed_RemovedAndCounted()
    {
        var done = await RunAsync(Client, Empty);

        var result = await Client.PurgeInstanceAsync(done.InstanceId, new PurgeInstanceOptions(Recursive: true));

        Assert.Equal(1, result.PurgedInstanceCount);
        Assert.NotEqual(false, result.IsComplete);
        Assert.Null(await Client.GetInstanceAsync(done.InstanceId));
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_CompletedInTheWindow_AllRemoved()
    {
        var from = DateTimeOffset.UtcNow.AddMinutes(-5);
        var done = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            done.Add((await RunAsync(Client, Empty)).InstanceId);
        }

        var result = await Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, DateTimeOffset.UtcNow, [OrchestrationRuntimeStatus.Completed]));

        Assert.True(result.PurgedInstanceCount >= 3, $"{result.PurgedInstanceCount} purged.");
        foreach (var id in done)
        {
            Assert.Null(await Client.GetInstanceAsync(id));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RestartAsync_Completed_StartsAgainWithItsNameAndInput(bool restartWithNewInstanceId)
    {
        var original = await Client.ScheduleNewOrchestrationInstanceAsync(WaitingService, false, new StartOrchestrationOptions { Tags = new Dictionary<string, string> { ["kind"] = "restartable" } });
        await StatusAsync(Client, original, OrchestrationRuntimeStatus.Running);
        await Client.RaiseEventAsync(original, "event");
        await CompletedAsync(Client, original);

        var restarted = await Client.RestartAsync(original, restartWithNewInstanceId);
        // An event that reaches a new id before its start is dropped: wait for the start.
        await StatusAsync(Client, restarted, OrchestrationRuntimeStatus.Running);
        await Client.RaiseEventAsync(restarted, "event");
        var result = await CompletedAsync(Client, restarted);

        Assert.Equal(restartWithNewInstanceId, restarted != original);
        Assert.Equal(WaitingService, result.Name);
        Assert.Equal("false", result.SerializedInput);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("restartable", result.Tags["kind"]);
    }

    [Fact]
    public async Task RestartAsync_UnknownInstance_ThrowsArgumentException()
    {
        var id = NewId("nobody");

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Client.RestartAsync(id));

        Assert.Contains(id, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestartAsync_RunningUnderItsOwnId_ThrowsInvalidOperationAndLeavesItRunning()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(WaitingService, false);
        await StatusAsync(Client, id, OrchestrationRuntimeStatus.Running);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.RestartAsync(id, restartWithNewInstanceId: false));

        Assert.IsType<OrchestrationAlreadyExistsException>(refused.InnerException);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client.GetInstanceAsync(id))?.RuntimeStatus);
        await Client.TerminateInstanceAsync(id);
    }

    [Fact]
    public async Task GetOrchestrationHistoryAsync_CompletedSequence_EveryEventInOrder()
    {
        var result = await RunAsync(Client, Chain);

        var history = await Client.GetOrchestrationHistoryAsync(result.InstanceId);

        var started = Assert.IsType<ExecutionStartedEvent>(history.First(e => e is ExecutionStartedEvent));
        Assert.Equal(Chain, started.Name);
        Assert.Equal(10, history.OfType<TaskScheduledEvent>().Count());
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"], history.OfType<TaskCompletedEvent>().Select(e => e.Result));
        var completed = Assert.Single(history.OfType<ExecutionCompletedEvent>());
        Assert.Equal(DurableTask.Core.OrchestrationStatus.Completed, completed.OrchestrationStatus);
    }

    [Fact]
    public async Task GetOrchestrationHistoryAsync_UnknownInstance_ThrowsArgumentException()
    {
        var id = NewId("nobody");

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Client.GetOrchestrationHistoryAsync(id));

        Assert.Contains(id, refused.Message, StringComparison.Ordinal);
    }

    private static void AssertBare(OrchestrationMetadata? metadata, string id, OrchestrationRuntimeStatus status)
    {
        Assert.NotNull(metadata);
        Assert.Equal(WaitingService, metadata.Name);
        Assert.Equal(id, metadata.InstanceId);
        Assert.Equal(status, metadata.RuntimeStatus);
        Assert.Null(metadata.SerializedInput);
        Assert.Null(metadata.SerializedOutput);
        Assert.Null(metadata.FailureDetails);
    }

    private static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
