using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Metrics;
using Partenariat.Domain.Envelopes;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Reconciliation;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Telemetry;

namespace Partenariat.Workflow.Tests.Reconciliation;

/// <summary>The reconciler on Azurite: credit held by requests whose orchestration no longer runs is released, once; disagreements are reported.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CreditReconcilerTests(AzuriteFixture azurite)
{
    private const string LineId = "housing-production";
    private const string Landlord = "123456782";
    private static readonly DateOnly Day = new(2026, 6, 1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingDurableClient _client = new();

    [Fact]
    public async Task RunAsync_RequestWhoseInstanceWasPurged_ReleasesItsCreditEndsItFailedAndWakesTheWaitlist()
    {
        var (reconciler, ledgers, requests, line) = await ReconcilerAsync(planned: 1_000m);
        var purged = await StoreAsync(requests, line, RequestState.PendingCommittee);
        var waiting = await StoreAsync(requests, line, RequestState.Waitlisted);
        await ledgers.ApplyAsync(line, purged, Day, l => l.Reserve(purged, 800m, Day));
        await ledgers.ApplyAsync(line, waiting, Day, l => l.ReserveOrWaitlist(waiting, 500m, Day));
        _client.Instances[waiting] = OrchestrationRuntimeStatus.Running;

        var run = await reconciler.RunAsync(_client);

        var released = Assert.Single(run.Released);
        Assert.Equal((purged, "Missing", 800m), (released.RequestId, released.Instance, released.Released));
        Assert.Equal([waiting], released.Woken);
        Assert.Equal(waiting, Assert.Single(_client.Raised).InstanceId);
        var view = await requests.GetWithTimelineAsync(Landlord, purged);
        Assert.Equal((RequestState.Failed, TimelineAction.Failed), (view!.Status, view.Timeline[^1].Action));
        Assert.Contains("were released by the reconciler", view.Timeline[^1].Details, StringComparison.Ordinal);
        Assert.Equal(0m, (await ledgers.GetTotalsAsync(line)).Reserved);
    }

    [Fact]
    public async Task RunAsync_TwicePassOverAFailedInstance_ReleasesOnceAndKeepsBothPasses()
    {
        var (reconciler, ledgers, requests, line) = await ReconcilerAsync(planned: 1_000m);
        var failed = await StoreCommittedAsync(requests, ledgers, line, RequestState.Approved, 300m, OrchestrationRuntimeStatus.Failed);

        var first = await reconciler.RunAsync(_client);
        var second = await reconciler.RunAsync(_client);

        Assert.Equal("Failed", Assert.Single(first.Released).Instance);
        Assert.Empty(second.Released);
        Assert.Equal(0m, (await ledgers.GetTotalsAsync(line)).Committed);
        var runs = await new ReconciliationStore(new TableServiceClient(azurite.ConnectionString)).ListAsync(50);
        Assert.Contains(runs, r => r.StartedAt == first.StartedAt && r.Released.Count == 1);
    }

    [Fact]
    public async Task RunAsync_RunningRequestWhoseViewContradictsTheLedger_ReportedAfterTheGraceAndLeftAlone()
    {
        var (reconciler, ledgers, requests, line) = await ReconcilerAsync(planned: 1_000m);
        var stuck = await StoreCommittedAsync(requests, ledgers, line, RequestState.PendingCommittee, 300m, OrchestrationRuntimeStatus.Running);

        var early = await reconciler.RunAsync(_client);
        _time.Advance(CreditReconciler.Grace + TimeSpan.FromMinutes(1));
        var late = await reconciler.RunAsync(_client);

        Assert.DoesNotContain(early.Findings, f => f.RequestId == stuck);
        var finding = Assert.Single(late.Findings, f => f.RequestId == stuck);
        Assert.Contains("Committed position", finding.What, StringComparison.Ordinal);
        Assert.Empty(late.Released);
        Assert.Equal(300m, (await ledgers.GetTotalsAsync(line)).Committed);
    }

    [Fact]
    public async Task RunAsync_WithPartenariatTelemetry_ReleasedAndFindingsReachTheMeterProvider()
    {
        var exported = new List<MetricSnapshot>();
        var services = new ServiceCollection();
        services.AddPartenariatTelemetry(new ConfigurationBuilder().Build());
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(exported));
        using var provider = services.BuildServiceProvider();
        var meterProvider = provider.GetRequiredService<MeterProvider>();
        var (reconciler, ledgers, requests, line) = await ReconcilerAsync(planned: 1_000m, provider.GetRequiredService<IMeterFactory>());
        var purged = await StoreAsync(requests, line, RequestState.PendingCommittee);
        await ledgers.ApplyAsync(line, purged, Day, l => l.Reserve(purged, 800m, Day));

        var run = await reconciler.RunAsync(_client);
        Assert.True(meterProvider.ForceFlush());

        Assert.Single(run.Released);
        Assert.Equal(1, Sum(exported, CreditReconciler.ReleasedMetric));
        Assert.Equal(run.Findings.Count, Sum(exported, CreditReconciler.FindingsMetric));
    }

    // The sum of a counter in the last export, or null when the metric was not exported.
    private static long? Sum(List<MetricSnapshot> exported, string name) =>
        exported.LastOrDefault(m => m.Name == name) is { } metric ? metric.MetricPoints.Sum(point => point.GetSumLong()) : null;

    private async Task<string> StoreAsync(FinancingRequestStore requests, EnvelopeLineKey line, RequestState status)
    {
        var id = RequestIds.New(Landlord);
        var request = SampleRequests.Valid(line.ConventionId);
        Assert.True(await requests.TryAddAsync(SampleViews.Of(Landlord, id, status, request, submittedAt: _time.GetUtcNow()) with { Step = 1 }));
        return id;
    }

    // A request whose credit was reserved then committed, its instance in the given status.
    private async Task<string> StoreCommittedAsync(FinancingRequestStore requests, EnvelopeLedgerStore ledgers, EnvelopeLineKey line, RequestState status, decimal amount, OrchestrationRuntimeStatus instance)
    {
        var id = await StoreAsync(requests, line, status);
        await ledgers.ApplyAsync(line, id, Day, l => l.Reserve(id, amount, Day));
        await ledgers.ApplyAsync(line, id, Day, l => l.Commit(id, amount, Day));
        _client.Instances[id] = instance;
        return id;
    }

    // A convention of its own per test: the reconciler passes over its line only among the configured ones.
    private async Task<(CreditReconciler Reconciler, EnvelopeLedgerStore Ledgers, FinancingRequestStore Requests, EnvelopeLineKey Line)> ReconcilerAsync(decimal planned, IMeterFactory? meters = null)
    {
        var conventionId = "reconciler-test-" + Guid.NewGuid().ToString("N")[..8];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(SampleConventions.Settings(conventionId, LineId, planned)).Build();
        var tables = new TableServiceClient(azurite.ConnectionString);
        var conventions = ConventionDirectory.FromConfiguration(configuration);
        var ledgers = new EnvelopeLedgerStore(tables, conventions, _time);
        var requests = new FinancingRequestStore(tables);
        var runs = new ReconciliationStore(tables);
        await ledgers.CreateIfNotExistsAsync();
        await requests.CreateIfNotExistsAsync();
        await runs.CreateIfNotExistsAsync();
        return (new CreditReconciler(ledgers, requests, conventions, runs, _time, NullLogger<CreditReconciler>.Instance, meters), ledgers, requests, new EnvelopeLineKey(conventionId, LineId));
    }
}
