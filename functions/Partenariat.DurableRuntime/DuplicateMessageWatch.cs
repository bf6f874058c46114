using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Partenariat.Workflow.Telemetry;

namespace Partenariat.DurableRuntime;

/// <summary>
/// Watches the Azure Storage provider's log for an instance whose messages keep coming back as
/// duplicates: the provider logs one ("DuplicateMessageDetected", event 108) each time it dequeues
/// a message it already holds, which happens once an episode outlasted its messages' visibility
/// timeout. A few are harmless (the episode ends and the provider catches up); an instance whose
/// messages reach <see cref="SuspectDequeueCount"/> dequeues is likely stuck on this host until its
/// partition moves (docs/benchmarks.md, "A stuck orchestration"): it is logged (event 105) and
/// named by the "durable" health check, which turns degraded, and every duplicate is counted
/// (meter <see cref="DurableTelemetry.MeterName"/>, counter <see cref="DuplicatesCounterName"/>).
/// Restarting the host releases its partitions: the next owner reloads the instance's history.
/// </summary>
public sealed partial class DuplicateMessageWatch
{
    /// <summary>The counter of duplicate deliveries.</summary>
    public const string DuplicatesCounterName = "partenariat.durable.duplicate_messages";

    /// <summary>The dequeue count from which an instance is suspected stuck.</summary>
    public const long SuspectDequeueCount = 5;

    /// <summary>How long a suspected instance stays named after its last duplicate.</summary>
    public static readonly TimeSpan SuspectFor = TimeSpan.FromMinutes(15);

    /// <summary>The provider's logging category.</summary>
    internal const string ProviderCategory = "DurableTask.AzureStorage";

    /// <summary>The provider's event id for a duplicate message.</summary>
    internal const int DuplicateMessageEventId = 108;

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Counter<long> _duplicates;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _suspects = new(StringComparer.Ordinal);
    private long _seen;

    /// <summary>Creates the watch, its counter on a meter from <paramref name="meterFactory"/> (or a meter of its own).</summary>
    public DuplicateMessageWatch(ILogger<DuplicateMessageWatch> logger, TimeProvider time, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        _logger = logger;
        _time = time;
        var meter = meterFactory?.Create(DurableTelemetry.MeterName) ?? new Meter(DurableTelemetry.MeterName);
        _duplicates = meter.CreateCounter<long>(DuplicatesCounterName, unit: "{message}", description: "Control-queue messages the task hub's provider dequeued again while it still held them.");
    }

    /// <summary>The duplicate deliveries seen since the process started.</summary>
    public long Duplicates => Interlocked.Read(ref _seen);

    /// <summary>The instances whose messages reached <see cref="SuspectDequeueCount"/> dequeues within <see cref="SuspectFor"/>.</summary>
    public IReadOnlyList<string> Suspects
    {
        get
        {
            var since = _time.GetUtcNow() - SuspectFor;
            return [.. _suspects.Where(s => s.Value >= since).Select(s => s.Key).Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>A logger factory that hands the provider loggers that tell this watch of its duplicates, then log as <paramref name="inner"/>'s do.</summary>
    public ILoggerFactory Watching(ILoggerFactory inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        return new WatchingLoggerFactory(inner, this);
    }

    /// <summary>Counts one duplicate delivery of a message of <paramref name="instanceId"/>, dequeued <paramref name="dequeueCount"/> times.</summary>
    public void Record(string? instanceId, long dequeueCount)
    {
        _duplicates.Add(1);
        Interlocked.Increment(ref _seen);
        if (string.IsNullOrEmpty(instanceId) || dequeueCount < SuspectDequeueCount)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var earlier = _suspects.GetValueOrDefault(instanceId);
        _suspects[instanceId] = now;
        if (earlier < now - SuspectFor)
        {
            LogSuspect(_logger, instanceId, dequeueCount);
        }
    }

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Orchestration {InstanceId}'s messages came back {DequeueCount} times while this host held them: it may be stuck here until its partition moves (restart this host to release it)")]
    private static partial void LogSuspect(ILogger logger, string instanceId, long dequeueCount);

    /// <summary>Reads a duplicate's instance and dequeue count from the provider's structured log event.</summary>
    private void Observe<TState>(int eventId, TState state)
    {
        if (eventId != DuplicateMessageEventId || state is not IReadOnlyDictionary<string, object> fields)
        {
            return;
        }

        var instanceId = fields.TryGetValue("InstanceId", out var id) ? id as string : null;
        var dequeueCount = fields.TryGetValue("DequeueCount", out var count) && count is IConvertible convertible
            ? convertible.ToInt64(System.Globalization.CultureInfo.InvariantCulture)
            : 0;
        Record(instanceId, dequeueCount);
    }

    private sealed class WatchingLoggerFactory(ILoggerFactory inner, DuplicateMessageWatch watch) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName)
        {
            var logger = inner.CreateLogger(categoryName);
            return string.Equals(categoryName, ProviderCategory, StringComparison.Ordinal) ? new WatchingLogger(logger, watch) : logger;
        }

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        // The host owns the inner factory.
        public void Dispose()
        {
        }
    }

    private sealed class WatchingLogger(ILogger inner, DuplicateMessageWatch watch) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        // Warnings are always wanted here, whatever the host's log filter keeps.
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning || inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            watch.Observe(eventId.Id, state);
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
