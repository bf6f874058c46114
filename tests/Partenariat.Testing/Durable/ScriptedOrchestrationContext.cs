using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Partenariat.Testing.Durable;

/// <summary>
/// A <see cref="TaskOrchestrationContext"/> a test scripts, to run an orchestrator's code without a
/// durable runtime or storage: its clock is set by the test, activities answer through handlers the
/// test registers (and are recorded), external events are raised by the test, timers fire when the
/// test moves the clock past them. Everything runs on the test's thread: an orchestrator advances
/// until it waits on an event or a timer, and each call here returns once it waits again.
/// </summary>
/// <remarks>
/// Inputs, results and event payloads go through JSON as they would through the runtime, so that a
/// value that does not survive serialization fails here too.
/// </remarks>
public sealed class ScriptedOrchestrationContext(string instanceId, DateTime start, string name = "orchestration") : TaskOrchestrationContext
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<string, Func<string?, string?>> _activities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<string?>> _bufferedEvents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Action<string?>>> _waiters = new(StringComparer.Ordinal);
    private readonly List<(DateTime FireAt, TaskCompletionSource Source)> _timers = [];
    private DateTime _now = start;
    private int _guids;

    /// <summary>The activities called, in order: name and input (as JSON).</summary>
    public List<(string Name, string? Input)> Calls { get; } = [];

    /// <summary>The events sent to other instances: instance id, event name, payload (as JSON).</summary>
    public List<(string InstanceId, string EventName, string? Payload)> SentEvents { get; } = [];

    /// <summary>The payload of the event sent at <paramref name="index"/>, read back as the runtime would.</summary>
    public T SentPayload<T>(int index) => JsonSerializer.Deserialize<T>(SentEvents[index].Payload ?? "null", Json)!;

    /// <summary>The timers created and not yet fired or cancelled.</summary>
    public IReadOnlyList<DateTime> PendingTimers => _timers.Where(t => !t.Source.Task.IsCompleted).Select(t => t.FireAt).ToList();

    /// <summary>How many timers the orchestration created, fired, cancelled or pending.</summary>
    public int TimersCreated => _timers.Count;

    /// <summary>Whether some code waits for <paramref name="eventName"/> now.</summary>
    public bool IsWaitingFor(string eventName) => _waiters.TryGetValue(eventName, out var waiting) && waiting.Count > 0;

    /// <inheritdoc />
    public override TaskName Name => new(name);

    /// <inheritdoc />
    public override string InstanceId => instanceId;

    /// <inheritdoc />
    public override ParentOrchestrationInstance? Parent => null;

    /// <inheritdoc />
    public override DateTime CurrentUtcDateTime => _now;

    /// <inheritdoc />
    public override bool IsReplaying => false;

    /// <inheritdoc />
    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    /// <inheritdoc />
    public override TaskOrchestrationEntityFeature Entities => throw new NotSupportedException("The scripted context has no entities.");

    /// <summary>Answers activity <paramref name="activity"/> with <paramref name="handler"/> from now on.</summary>
    public ScriptedOrchestrationContext OnActivity<TInput, TResult>(string activity, Func<TInput, TResult> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _activities[activity] = input => JsonSerializer.Serialize(handler(JsonSerializer.Deserialize<TInput>(input ?? "null", Json)!), Json);
        return this;
    }

    /// <summary>The inputs of the calls to <paramref name="activity"/>, in order.</summary>
    public IReadOnlyList<TInput> CallsTo<TInput>(string activity) =>
        Calls.Where(c => c.Name == activity).Select(c => JsonSerializer.Deserialize<TInput>(c.Input ?? "null", Json)!).ToList();

    /// <summary>Raises an external event on this instance: delivered to its waiter, or kept until one waits.</summary>
    public void Raise(string eventName, object? payload)
    {
        var json = JsonSerializer.Serialize(payload, Json);
        if (_waiters.TryGetValue(eventName, out var waiting) && waiting.Count > 0)
        {
            waiting.Dequeue()(json);
            return;
        }

        if (!_bufferedEvents.TryGetValue(eventName, out var buffered))
        {
            _bufferedEvents[eventName] = buffered = new Queue<string?>();
        }

        buffered.Enqueue(json);
    }

    /// <summary>Moves the clock to <paramref name="when"/>, firing the timers due by then, earliest first.</summary>
    public void AdvanceTo(DateTime when)
    {
        while (_timers.Where(t => !t.Source.Task.IsCompleted && t.FireAt <= when).OrderBy(t => t.FireAt).FirstOrDefault() is { Source: not null } due)
        {
            _now = due.FireAt > _now ? due.FireAt : _now;
            due.Source.TrySetResult();
        }

        _now = when > _now ? when : _now;
    }

    /// <inheritdoc />
    public override T GetInput<T>() => throw new NotSupportedException("Pass the input to the orchestrator's RunAsync.");

    /// <inheritdoc />
    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        var json = JsonSerializer.Serialize(input, Json);
        Calls.Add((name.Name, json));
        if (!_activities.TryGetValue(name.Name, out var handler))
        {
            return Task.FromException<TResult>(new InvalidOperationException($"The test gave no handler for activity '{name.Name}'."));
        }

        try
        {
            return Task.FromResult(JsonSerializer.Deserialize<TResult>(handler(json) ?? "null", Json)!);
        }
        catch (Exception exception)
        {
            // What the runtime raises in the orchestrator once an activity failed (its retries spent).
            return Task.FromException<TResult>(new TaskFailedException(name.Name, Calls.Count, TaskFailureDetails.FromException(exception)));
        }
    }

    /// <inheritdoc />
    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var source = new TaskCompletionSource();
        if (cancellationToken.IsCancellationRequested)
        {
            source.SetCanceled(cancellationToken);
            return source.Task;
        }

        cancellationToken.Register(() => source.TrySetCanceled(cancellationToken));
        _timers.Add((fireAt, source));
        return source.Task;
    }

    /// <inheritdoc />
    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        if (_bufferedEvents.TryGetValue(eventName, out var buffered) && buffered.Count > 0)
        {
            return Task.FromResult(JsonSerializer.Deserialize<T>(buffered.Dequeue() ?? "null", Json)!);
        }

        var source = new TaskCompletionSource<T>();
        if (!_waiters.TryGetValue(eventName, out var waiting))
        {
            _waiters[eventName] = waiting = new Queue<Action<string?>>();
        }

        waiting.Enqueue(json => source.TrySetResult(JsonSerializer.Deserialize<T>(json ?? "null", Json)!));
        cancellationToken.Register(() => source.TrySetCanceled(cancellationToken));
        return source.Task;
    }

    /// <inheritdoc />
    public override void SendEvent(string instanceId, string eventName, object payload) =>
        SentEvents.Add((instanceId, eventName, JsonSerializer.Serialize(payload, Json)));

    /// <inheritdoc />
    public override void SetCustomStatus(object? customStatus)
    {
    }

    /// <inheritdoc />
    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException("The scripted context runs one orchestrator.");

    /// <inheritdoc />
    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        throw new NotSupportedException("The scripted context runs one execution.");

    /// <inheritdoc />
    public override Guid NewGuid() => new(++_guids, 0, 0, [0, 0, 0, 0, 0, 0, 0, 0]);
}
