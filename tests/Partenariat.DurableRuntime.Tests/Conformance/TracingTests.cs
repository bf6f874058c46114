using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Partenariat.Testing;
using Partenariat.Workflow.Telemetry;
using static Partenariat.DurableRuntime.Tests.Conformance.ConformanceTasks;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>
/// Optional scenarios: the spans of a durable run. Microsoft.DurableTask's scenarios read its gRPC
/// worker's spans (source <c>Microsoft.DurableTask</c>); here the same tree comes from the client
/// (<c>Partenariat.Durable</c>: creation, events) and the Durable Task Framework
/// (<c>DurableTask.Core</c>: orchestrations, activities, sub-orchestrations, timers, sent events).
/// </summary>
[Collection(ConformanceCollection.Name)]
[Trait(Group, "Optional")]
public sealed class TracingTests(ConformanceFixture fixture) : ConformanceTest(fixture)
{
    private const string Framework = "DurableTask.Core";
    private const string CallerSource = "Conf.Caller";
    private static readonly ActivitySource Caller = new(CallerSource);

    [Fact]
    public async Task CallActivityAsync_TwoActivities_OneTreeFromTheCallerToTheActivitiesCode()
    {
        var (spans, root, id) = await TracedAsync(TwoTracedActivities, spans => spans.Count(s => s.OperationName == "Work") == 2);

        var create = Assert.Single(spans, s => s.OperationName == "create_orchestration:" + TwoTracedActivities);
        Assert.Equal(DurableTelemetry.ActivitySourceName, create.Source.Name);
        Assert.Equal(root.SpanId, create.ParentSpanId);
        Assert.Equal(id, create.GetTagItem(DurableTelemetry.InstanceIdTag));
        var orchestration = spans.Where(s => s.OperationName == "orchestration:" + TwoTracedActivities).ToList();
        Assert.NotEmpty(orchestration);
        Assert.Single(orchestration.Select(s => s.SpanId).Distinct());
        Assert.All(orchestration, s =>
        {
            Assert.Equal(ActivityKind.Server, s.Kind);
            Assert.Equal(create.SpanId, s.ParentSpanId);
            Assert.Equal("Completed", s.GetTagItem("durabletask.task.status"));
        });
        var scheduled = spans.Where(s => s.Kind == ActivityKind.Client && s.OperationName == "activity:" + TracedWork).ToList();
        Assert.Equal(2, scheduled.Count);
        Assert.All(scheduled, s => Assert.Equal(orchestration[0].SpanId, s.ParentSpanId));
        var executed = spans.Where(s => s.Kind == ActivityKind.Server && s.OperationName == "activity:" + TracedWork).ToList();
        Assert.Equal(2, executed.Count);
        Assert.All(executed, s => Assert.Contains(s.ParentSpanId, scheduled.Select(c => c.SpanId)));
        Assert.All(spans.Where(s => s.OperationName == "Work"), s => Assert.Contains(s.ParentSpanId, executed.Select(e => e.SpanId)));
    }

    [Fact]
    public async Task CallActivityAsync_ActivityFails_OrchestrationAndActivitySpansMarkedError()
    {
        var (spans, _, _) = await TracedAsync(Faulty, spans => spans.Any(s => s.Kind == ActivityKind.Server && s.OperationName == "activity:" + FaultyActivity));

        var orchestration = spans.First(s => s.OperationName == "orchestration:" + Faulty);
        Assert.Equal(ActivityStatusCode.Error, orchestration.Status);
        Assert.Equal("Failed", orchestration.GetTagItem("durabletask.task.status"));
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(spans, s => s.Kind == ActivityKind.Client && s.OperationName == "activity:" + FaultyActivity).Status);
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.OperationName == "activity:" + FaultyActivity).Status);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_Child_ChildsSpanUnderTheParentsCall()
    {
        var (spans, _, id) = await TracedAsync(Recursive, spans => spans.Count(s => s.Kind == ActivityKind.Server && s.OperationName == "orchestration:" + Recursive) >= 3, 1);

        var parent = spans.First(s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem(DurableTelemetry.InstanceIdTag), id));
        var call = Assert.Single(spans, s => s.Kind == ActivityKind.Client && s.ParentSpanId == parent.SpanId);
        Assert.Equal("orchestration:" + Recursive, call.OperationName);
        var child = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.ParentSpanId == call.SpanId);
        Assert.NotEqual(id, child.GetTagItem(DurableTelemetry.InstanceIdTag));
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildFails_CallAndChildSpansMarkedError()
    {
        var (spans, _, _) = await TracedAsync(NestedFailure, spans => spans.Any(s => s.Kind == ActivityKind.Server && s.OperationName == "orchestration:" + NestedFailureChild));

        Assert.Equal(ActivityStatusCode.Error, Assert.Single(spans, s => s.Kind == ActivityKind.Client && s.OperationName == "orchestration:" + NestedFailureChild).Status);
        Assert.All(spans.Where(s => s.Kind == ActivityKind.Server && s.OperationName.StartsWith("orchestration:", StringComparison.Ordinal)), s =>
            Assert.Equal(ActivityStatusCode.Error, s.Status));
    }

    [Fact]
    public async Task CreateTimer_OneSecond_TimerSpanUnderTheOrchestrationWithItsFireTime()
    {
        var (spans, _, _) = await TracedAsync(ConformanceTasks.Timer, spans => spans.Any(s => s.OperationName.EndsWith(":timer", StringComparison.Ordinal)), 1.0);

        var orchestration = spans.First(s => s.OperationName == "orchestration:" + ConformanceTasks.Timer);
        var timer = Assert.Single(spans, s => s.OperationName == $"orchestration:{ConformanceTasks.Timer}:timer");
        Assert.Equal(orchestration.SpanId, timer.ParentSpanId);
        Assert.NotNull(timer.GetTagItem("durabletask.fire_at"));
    }

    [Fact]
    public async Task SendEvent_ToAnotherInstance_EventSpanUnderTheSendersOrchestration()
    {
        var target = await Client.ScheduleNewOrchestrationInstanceAsync(WaitingService, false);
        await StatusAsync(Client, target, OrchestrationRuntimeStatus.Running);

        var (spans, _, _) = await TracedAsync(SendsEvent, spans => spans.Any(s => s.OperationName == "orchestration_event:event"), target);
        var received = await CompletedAsync(Client, target);

        var sender = spans.First(s => s.OperationName == "orchestration:" + SendsEvent);
        var sent = Assert.Single(spans, s => s.OperationName == "orchestration_event:event");
        Assert.Equal(Framework, sent.Source.Name);
        Assert.Equal(ActivityKind.Producer, sent.Kind);
        Assert.Equal(sender.SpanId, sent.ParentSpanId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, received.RuntimeStatus);
    }

    [Fact]
    public async Task RaiseEventAsync_FromTheClient_EventSpanUnderTheCallerWithTheEventAndInstance()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = Listen(spans);
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(WaitingService, false);
        await StatusAsync(Client, id, OrchestrationRuntimeStatus.Running);
        ActivitySpanId rootId;
        using (var root = Caller.StartActivity("Raise"))
        {
            rootId = root!.SpanId;
            await Client.RaiseEventAsync(id, "event", "payload");
        }

        await CompletedAsync(Client, id);

        var raised = Assert.Single(spans, s => s.OperationName == "raise_event:event" && s.ParentSpanId == rootId);
        Assert.Equal(ActivityKind.Producer, raised.Kind);
        Assert.Equal("event", raised.GetTagItem(DurableTelemetry.EventNameTag));
        Assert.Equal(id, raised.GetTagItem(DurableTelemetry.InstanceIdTag));
    }

    // Runs the orchestrator under a caller's span and answers the spans of that trace once complete.
    private async Task<(List<Activity> Spans, Activity Root, string InstanceId)> TracedAsync(string orchestrator, Func<List<Activity>, bool> complete, object? input = null)
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = Listen(spans);
        Activity root;
        string id;
        using (root = Caller.StartActivity("Caller")!)
        {
            id = await Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input);
            await CompletedAsync(Client, id);
        }

        // A span is recorded when it ends, a moment after the instance is reported complete.
        var ofTrace = await Eventually.UntilAsync(
            () => Task.FromResult(OfTrace(spans, root) is var found && complete(found) ? found : null),
            Patience,
            () => Task.FromResult($"the spans of '{orchestrator}': {string.Join(", ", OfTrace(spans, root).Select(s => s.OperationName))}"));
        return (ofTrace, root, id);
    }

    private static List<Activity> OfTrace(IEnumerable<Activity?> spans, Activity root) =>
        [.. spans.OfType<Activity>().Where(span => span.TraceId == root.TraceId)];

    private static ActivityListener Listen(ConcurrentBag<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is Framework or DurableTelemetry.ActivitySourceName or CallerSource or TracingSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
