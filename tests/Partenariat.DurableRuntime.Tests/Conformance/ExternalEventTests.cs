using Microsoft.DurableTask.Client;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>Core scenarios: external events (order, buffering, several waiters, timeouts and cancellation).</summary>
[Collection(ConformanceCollection.Name)]
[Trait(Group, "Core")]
public sealed class ExternalEventTests(ConformanceFixture fixture) : ConformanceTest(fixture)
{
    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public async Task RaiseEventAsync_EventsOfDistinctNames_ReceivedInOrder(int count)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(ConformanceTasks.Events, count);
        await StartedAsync(Client, id);

        for (var i = 0; i < count; i++)
        {
            await Client.RaiseEventAsync(id, $"Event{i}", i);
        }

        var result = await CompletedAsync(Client, id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(Enumerable.Range(0, count), result.ReadOutputAs<int[]>() ?? []);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public async Task RaiseEventAsync_ParallelWaitersOfOneName_NewestWaiterReceivesFirst(int count)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(ConformanceTasks.ParallelEvents, count);
        await StartedAsync(Client, id);

        for (var i = 0; i < count; i++)
        {
            await Client.RaiseEventAsync(id, "Event", i);
        }

        var result = await CompletedAsync(Client, id);
        Assert.Equal(Enumerable.Range(0, count).Reverse(), result.ReadOutputAs<int[]>() ?? []);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ContinueAsNew_PreservingUnprocessedEvents_EveryEventCounted(bool withTimers)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(ConformanceTasks.PreservedEvents, new ConformanceTasks.PreservedEventsInput(0, withTimers));
        // On this provider an event that overtakes its instance's start is dropped: let it start.
        await StartedAsync(Client, id);

        for (var i = 0; i < 10; i++)
        {
            await Client.RaiseEventAsync(id, "Event");
        }

        var result = await CompletedAsync(Client, id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(10, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task WaitForExternalEvent_TwoWaitersOfOneName_LatestWaiterGetsTheFirstEvent()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(ConformanceTasks.LatestWaiterFirst);
        await StartedAsync(Client, id);

        await Client.RaiseEventAsync(id, "TestEvent", "second-event");
        await Client.RaiseEventAsync(id, "TestEvent", "first-event");
        var result = await CompletedAsync(Client, id);

        Assert.Equal("first-event:second-event", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_FirstWaiterCancelled_SecondWaiterReceivesTheEvent()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(ConformanceTasks.CancelledWaiter);
        await StartedAsync(Client, id);

        await Client.RaiseEventAsync(id, "Event", "test-payload");
        var result = await CompletedAsync(Client, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("test-payload", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_ThreeWaitersThreeEvents_LastInFirstOut()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(ConformanceTasks.ThreeWaiters);
        await StartedAsync(Client, id);

        await Client.RaiseEventAsync(id, "Event", "event-1");
        await Client.RaiseEventAsync(id, "Event", "event-2");
        await Client.RaiseEventAsync(id, "Event", "event-3");
        var result = await CompletedAsync(Client, id);

        Assert.Equal("event-3,event-2,event-1", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_EventBeforeTheWaiter_BufferedAndReceived()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(ConformanceTasks.BufferedEvent);
        // Started, the orchestrator waits on a timer before it waits for the event.
        await StartedAsync(Client, id);
        await Client.RaiseEventAsync(id, "Event", "buffered-event");

        var result = await CompletedAsync(Client, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("buffered-event", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_TimeoutAndTokenEventComes_EventWins()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(ConformanceTasks.EventOrCancellation);
        await StartedAsync(Client, id);

        await Client.RaiseEventAsync(id, "TestEvent", "test-payload");
        var result = await CompletedAsync(Client, id);

        Assert.Equal("test-payload", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_TwoWaitsOneEvent_OtherWaitCancelled()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(ConformanceTasks.TwoEventsOneCancelled);
        await StartedAsync(Client, id);

        await Client.RaiseEventAsync(id, "Event1", "first-event");
        var result = await CompletedAsync(Client, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Event1: first-event", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_NoEventWithinTheTimeout_TimeoutWins()
    {
        var result = await RunAsync(Client, ConformanceTasks.ShortTimeout);

        Assert.Equal("Timeout occurred", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_TokenCancelledByATimer_CancellationWins()
    {
        var result = await RunAsync(Client, ConformanceTasks.TimerCancelsWait);

        Assert.Equal("External cancellation occurred", result.ReadOutputAs<string>());
    }
}
