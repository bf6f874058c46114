using Microsoft.DurableTask;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>
/// The conformance tasks that wait for external events. Orchestrator code cancels its tokens with
/// <c>Cancel()</c>: <c>CancelAsync()</c> would run the callbacks off the orchestration's thread.
/// </summary>
public static partial class ConformanceTasks
{
    public const string LatestWaiterFirst = "Conf.LatestWaiterFirst";
    public const string CancelledWaiter = "Conf.CancelledWaiter";
    public const string ThreeWaiters = "Conf.ThreeWaiters";
    public const string BufferedEvent = "Conf.BufferedEvent";
    public const string EventOrCancellation = "Conf.EventOrCancellation";
    public const string TwoEventsOneCancelled = "Conf.TwoEventsOneCancelled";
    public const string ShortTimeout = "Conf.ShortTimeout";
    public const string TimerCancelsWait = "Conf.TimerCancelsWait";
    public const string WaitingService = "Conf.WaitingService";
    public const string LongWaitingService = "Conf.LongWaitingService";
    public const string SendsEvent = "Conf.SendsEvent";

    private static void RegisterEvents(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<int, int[]>(Events, async (context, count) =>
        {
            var received = new List<int>();
            for (var i = 0; i < count; i++)
            {
                received.Add(await context.WaitForExternalEvent<int>($"Event{i}"));
            }

            return [.. received];
        })
        .AddOrchestratorFunc<int, int[]>(ParallelEvents, (context, count) =>
            Task.WhenAll(Enumerable.Range(0, count).Select(_ => context.WaitForExternalEvent<int>("Event"))))
        .AddOrchestratorFunc<PreservedEventsInput, int>(PreservedEvents, async (context, input) =>
        {
            await context.WaitForExternalEvent<string>("Event");
            var counter = input.Counter + 1;
            if (input.WithTimers)
            {
                await context.CreateTimer(TimeSpan.FromMilliseconds(1), CancellationToken.None);
            }

            if (counter < 10)
            {
                context.ContinueAsNew(input with { Counter = counter }, preserveUnprocessedEvents: true);
            }

            return counter;
        })
        .AddOrchestratorFunc(LatestWaiterFirst, async context =>
        {
            var first = context.WaitForExternalEvent<string>("TestEvent");
            var second = context.WaitForExternalEvent<string>("TestEvent");
            var secondResult = await second;
            var firstResult = await first;
            return $"{firstResult}:{secondResult}";
        })
        .AddOrchestratorFunc(CancelledWaiter, async context =>
        {
            using (var cancelled = new CancellationTokenSource())
            {
                cancelled.Cancel();
                try
                {
                    await context.WaitForExternalEvent<string>("Event", cancelled.Token);
                    throw new InvalidOperationException("A cancelled wait received an event.");
                }
                catch (OperationCanceledException)
                {
                    // Expected: the first waiter gave up before the event came.
                }
            }

            using var cancellation = new CancellationTokenSource();
            var wait = context.WaitForExternalEvent<string>("Event", cancellation.Token);
            var timeout = context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(30), CancellationToken.None);
            if (await Task.WhenAny(wait, timeout) == timeout)
            {
                cancellation.Cancel();
                throw new TimeoutException("The event was lost.");
            }

            return await wait;
        })
        .AddOrchestratorFunc(ThreeWaiters, async context =>
        {
            var one = context.WaitForExternalEvent<string>("Event");
            var two = context.WaitForExternalEvent<string>("Event");
            var three = context.WaitForExternalEvent<string>("Event");
            var third = await three;
            var second = await two;
            var first = await one;
            return $"{first},{second},{third}";
        })
        .AddOrchestratorFunc(BufferedEvent, async context =>
        {
            await context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(100), CancellationToken.None);
            var wait = context.WaitForExternalEvent<string>("Event");
            var timeout = context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(30), CancellationToken.None);
            return await Task.WhenAny(wait, timeout) == timeout ? throw new TimeoutException("The buffered event was not received.") : await wait;
        })
        .AddOrchestratorFunc(EventOrCancellation, async context =>
        {
            using var cancellation = new CancellationTokenSource();
            return await context.WaitForExternalEvent<string>("TestEvent", TimeSpan.FromDays(7), cancellation.Token);
        })
        .AddOrchestratorFunc(TwoEventsOneCancelled, async context =>
        {
            using var first = new CancellationTokenSource();
            using var second = new CancellationTokenSource();
            var one = context.WaitForExternalEvent<string>("Event1", TimeSpan.FromDays(7), first.Token);
            var two = context.WaitForExternalEvent<string>("Event2", TimeSpan.FromDays(7), second.Token);
            if (await Task.WhenAny(one, two) == one)
            {
                second.Cancel();
                return $"Event1: {await one}";
            }

            first.Cancel();
            return $"Event2: {await two}";
        })
        .AddOrchestratorFunc(ShortTimeout, async context =>
        {
            using var cancellation = new CancellationTokenSource();
            try
            {
                return $"Event: {await context.WaitForExternalEvent<string>("TestEvent", TimeSpan.FromMilliseconds(500), cancellation.Token)}";
            }
            catch (OperationCanceledException)
            {
                return "Timeout occurred";
            }
        })
        .AddOrchestratorFunc(TimerCancelsWait, async context =>
        {
            using var cancellation = new CancellationTokenSource();
            var trigger = context.CreateTimer(TimeSpan.FromMilliseconds(100), CancellationToken.None);
            var wait = context.WaitForExternalEvent<string>("TestEvent", TimeSpan.FromDays(7), cancellation.Token);
            if (await Task.WhenAny(trigger, wait) == trigger)
            {
                cancellation.Cancel();
            }

            try
            {
                return $"Event: {await wait}";
            }
            catch (OperationCanceledException)
            {
                return "External cancellation occurred";
            }
        })
        .AddOrchestratorFunc<string, object?>(SendsEvent, (context, target) =>
        {
            context.SendEvent(target, "event", "from another orchestration");
            return Task.FromResult<object?>(null);
        })
        .AddOrchestratorFunc<bool, string>(WaitingService, async (context, shouldThrow) =>
        {
            context.SetCustomStatus("waiting");
            await context.WaitForExternalEvent<string>("event");
            return shouldThrow ? throw new InvalidOperationException("Orchestration failed") : $"{shouldThrow} -> output";
        })
        .AddOrchestratorFunc<bool, string>(LongWaitingService, async (context, shouldThrow) =>
        {
            context.SetCustomStatus("waiting");
            using var timeout = new CancellationTokenSource();
            var wait = context.WaitForExternalEvent<string>("event");
            var timer = context.CreateTimer(TimeSpan.FromSeconds(60), timeout.Token);
            if (await Task.WhenAny(wait, timer) == timer)
            {
                throw new TimeoutException("No event came.");
            }

            // An orchestration finishes only once its timers have fired or been cancelled.
            timeout.Cancel();

            return shouldThrow ? throw new InvalidOperationException("Orchestration failed") : $"{shouldThrow} -> output";
        });

    /// <summary>Input of <see cref="PreservedEvents"/>: the events counted so far, and whether each generation also waits on a timer.</summary>
    public sealed record PreservedEventsInput(int Counter, bool WithTimers);
}
