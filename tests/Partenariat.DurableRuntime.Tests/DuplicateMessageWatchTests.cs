using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Partenariat.Workflow.Telemetry;

namespace Partenariat.DurableRuntime.Tests;

public sealed class DuplicateMessageWatchTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<DuplicateMessageWatch> _log = new();
    private readonly Meter _meter = new(DurableTelemetry.MeterName);

    public void Dispose() => _meter.Dispose();

    [Fact]
    public void Record_BelowTheSuspectCount_CountedAndNoSuspect()
    {
        var watch = Watch(out var duplicates);

        watch.Record("fr-1", 2);
        watch.Record("fr-1", 4);

        Assert.Equal(2, duplicates.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Empty(watch.Suspects);
        Assert.Empty(_log.Collector.GetSnapshot());
    }

    [Fact]
    public void Record_AtTheSuspectCountAgainAndAgain_SuspectedAndWarnedOnce()
    {
        var watch = Watch(out _);

        watch.Record("fr-1", DuplicateMessageWatch.SuspectDequeueCount);
        _time.Advance(TimeSpan.FromMinutes(1));
        watch.Record("fr-1", DuplicateMessageWatch.SuspectDequeueCount + 3);

        Assert.Equal(["fr-1"], watch.Suspects);
        var warning = Assert.Single(_log.Collector.GetSnapshot());
        Assert.Equal((LogLevel.Warning, 105), (warning.Level, warning.Id.Id));
        Assert.Contains("fr-1", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Suspects_NoDuplicateForTheWindow_Forgotten()
    {
        var watch = Watch(out _);
        watch.Record("fr-1", 9);

        _time.Advance(DuplicateMessageWatch.SuspectFor + TimeSpan.FromSeconds(1));

        Assert.Empty(watch.Suspects);
    }

    [Fact]
    public void Watching_TheProviderLogsADuplicate_TheWatchReadsItsInstanceAndCount()
    {
        var watch = Watch(out var duplicates);
        var provider = watch.Watching(NullLoggerFactory.Instance).CreateLogger(DuplicateMessageWatch.ProviderCategory);
        var other = watch.Watching(NullLoggerFactory.Instance).CreateLogger("DurableTask.Core");
        // As the provider writes it: its structured event is the state, a dictionary of its fields.
        IReadOnlyDictionary<string, object> duplicate = new Dictionary<string, object> { ["InstanceId"] = "fr-2", ["DequeueCount"] = 7L, ["MessageId"] = "m" };

        provider.Log(LogLevel.Warning, new EventId(DuplicateMessageWatch.DuplicateMessageEventId, "DuplicateMessageDetected"), duplicate, null, (_, _) => "duplicate");
        other.Log(LogLevel.Warning, new EventId(DuplicateMessageWatch.DuplicateMessageEventId), duplicate, null, (_, _) => "not the provider's");
        provider.Log(LogLevel.Warning, new EventId(107), duplicate, null, (_, _) => "another event");

        Assert.True(provider.IsEnabled(LogLevel.Warning));
        Assert.Equal(1, duplicates.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(["fr-2"], watch.Suspects);
    }

    [Fact]
    public async Task CheckHealthAsync_RunningWithASuspect_DegradedNamingIt()
    {
        var watch = Watch(out _);
        var status = new DurableWorkerStatus(watch) { IsRunning = true };
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration(DurableWorkerStatus.HealthCheckName, status, HealthStatus.Degraded, null) };
        var healthy = await status.CheckHealthAsync(context);

        watch.Record("fr-3", 6);
        var suspected = await status.CheckHealthAsync(context);

        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal(HealthStatus.Degraded, suspected.Status);
        Assert.Contains("fr-3", suspected.Description, StringComparison.Ordinal);
    }

    private DuplicateMessageWatch Watch(out MetricCollector<long> duplicates)
    {
        var meters = new SingleMeterFactory(_meter);
        duplicates = new MetricCollector<long>(_meter, DuplicateMessageWatch.DuplicatesCounterName);
        return new DuplicateMessageWatch(_log, _time, meters);
    }

    private sealed class SingleMeterFactory(Meter meter) : IMeterFactory
    {
        public Meter Create(MeterOptions options) => meter;

        public void Dispose()
        {
        }
    }
}
