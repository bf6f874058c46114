using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Partenariat.Domain.Decisions;
using Partenariat.Domain.Envelopes;
using Partenariat.Domain.Reports;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;
using Partenariat.Testing;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Reports;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Telemetry;

namespace Partenariat.Benchmarks;

/// <summary>
/// The <c>reports</c> scenario, on a fresh Azurite: stores N requests (default 10,000), each a view
/// with 10 timeline entries (100,000 in all), through <see cref="FinancingRequestStore"/> itself
/// (one batch transaction per request, its read model row written by the observer), spread over 100
/// landlords, in every status; then times a period's report (its JSON, CSV files and workbook) and
/// counts the storage requests it costs, against reading the views themselves; and counts what one
/// envelope operation reads on a line holding 10 and then 1,000 positions.
/// </summary>
internal static class ReportsScenario
{
    private const string ConventionId = "bench-2026-2027";
    private const string LineId = "housing-production";
    private const int Concurrency = 32;
    private const int EntriesPerRequest = 10;

    public static async Task RunAsync(int requests, int repeat, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteInstance.StartAsync(cancellationToken);
        var counter = new StorageRequestCounter();
        var tables = new TableServiceClient(azurite.ConnectionString, counter.Attach(new TableClientOptions()));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(SampleConventions.Settings(ConventionId, LineId, 100_000_000_000m)).Build();
        var conventions = ConventionDirectory.FromConfiguration(configuration);
        var projection = new ReportProjectionStore(tables, conventions);
        var store = new FinancingRequestStore(tables, [projection]);
        var ledgers = new EnvelopeLedgerStore(tables, conventions, TimeProvider.System);
        await store.CreateIfNotExistsAsync(cancellationToken);
        await projection.CreateIfNotExistsAsync(cancellationToken);
        await ledgers.CreateIfNotExistsAsync(cancellationToken);

        var clock = Stopwatch.StartNew();
        var before = counter.Snapshot();
        await Concurrently.ForEachAsync(requests, Concurrency, i => store.TryAddAsync(View(i), cancellationToken), cancellationToken);
        Print($"Stored {requests} requests and {requests * EntriesPerRequest} timeline entries in {clock.Elapsed.TotalSeconds:0.0} s: {Count(counter.Snapshot().Since(before))}");

        var line = new EnvelopeLineKey(ConventionId, LineId);
        await OperationCostAsync(ledgers, counter, line, positions: 10, cancellationToken);
        await OperationCostAsync(ledgers, counter, line, positions: 1_000, cancellationToken);

        var service = new ReportService(conventions, ledgers, projection, TimeProvider.System);
        var convention = conventions.Catalog.Find(ConventionId)!;
        var asOf = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var round = 0; round < repeat; round++)
        {
            before = counter.Snapshot();
            clock.Restart();
            var report = await service.BuildAsync(convention, asOf, null, cancellationToken);
            var built = clock.Elapsed;
            var json = JsonSerializer.SerializeToUtf8Bytes(report, PartenariatJson.Options);
            var serialized = clock.Elapsed;
            var csv = ReportTables.Of(report).Sum(t => ReportCsv.Write(t).Length);
            var csvDone = clock.Elapsed;
            var charts = ReportCharts.Titles.Select(c => new WorkbookChart(c.Value, ReportCharts.Draw(report, c.Key, ChartFormat.Png), ReportCharts.Width, ReportCharts.Height)).ToList();
            var workbook = ReportWorkbook.Write(ReportTables.Of(report), charts);
            var total = clock.Elapsed;
            clock.Restart();
            var rows = await projection.ListAsync(ConventionId, cancellationToken: cancellationToken);
            var read = clock.Elapsed;
            SteeringReports.Build(convention, asOf, null, [], rows, conventions.Territory);
            var computed = clock.Elapsed - read;
            Print($"Report {round + 1}: {report.Totals.Requests} requests; read and computed in {built.TotalMilliseconds:0} ms ({Count(counter.Snapshot().Since(before))}; alone: the rows read in {read.TotalMilliseconds:0} ms, computed in {computed.TotalMilliseconds:0} ms); " +
                $"JSON {json.Length / 1024} KB +{(serialized - built).TotalMilliseconds:0} ms; CSV {csv / 1024} KB +{(csvDone - serialized).TotalMilliseconds:0} ms; " +
                $"workbook with charts {workbook.Length / 1024} KB +{(total - csvDone).TotalMilliseconds:0} ms");
        }

        // What a report would cost reading the views themselves (no read model): a query per status across landlords.
        before = counter.Snapshot();
        clock.Restart();
        var views = 0;
        foreach (var status in Enum.GetValues<RequestState>())
        {
            views += (await store.ListByStatusAsync(status, line, cancellationToken)).Count;
        }

        Print($"Without the read model, reading the {views} views: {clock.Elapsed.TotalMilliseconds:0} ms ({Count(counter.Snapshot().Since(before))})");
    }

    private static async Task OperationCostAsync(EnvelopeLedgerStore ledgers, StorageRequestCounter counter, EnvelopeLineKey line, int positions, CancellationToken cancellationToken)
    {
        var on = DateOnly.FromDateTime(DateTime.UtcNow);
        var held = (await ledgers.GetTotalsAsync(line, cancellationToken)).Totals.ReservedRequests;
        for (var i = held; i < positions; i++)
        {
            var id = $"fr-bench-{i:D6}";
            await ledgers.ApplyAsync(line, id, on, l => l.Reserve(id, 1_000m, on), cancellationToken: cancellationToken);
        }

        var requestId = $"fr-measured-{positions}";
        var before = counter.Snapshot();
        var result = await ledgers.ApplyAsync(line, requestId, on, l => l.Reserve(requestId, 1_000m, on), cancellationToken: cancellationToken);
        var cost = counter.Snapshot().Since(before);
        Print($"An envelope reservation on a line holding {positions} positions ({result.Outcome}): {Count(cost)}, rows read {cost.ByOperation.GetValueOrDefault("table.GetEntity")}");
    }

    private static FinancingRequestView View(int i)
    {
        var random = new Random(i);
        var landlord = (100_000_000 + (i % 100)).ToString(CultureInfo.InvariantCulture);
        var requestId = $"fr-{landlord}-{i:x16}";
        var submittedAt = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero).AddDays(random.Next(0, 300));
        var states = Enum.GetValues<RequestState>();
        var status = states[random.Next(states.Length)];
        var committed = status is RequestState.Approved or RequestState.Disbursing or RequestState.Disbursed or RequestState.RightsAssigned or RequestState.Closed or RequestState.Cancelled;
        var decidedOn = DateOnly.FromDateTime(submittedAt.UtcDateTime).AddDays(random.Next(20, 90));
        var timeline = Enumerable.Range(0, EntriesPerRequest)
            .Select(n => new TimelineEntry(submittedAt.AddHours(n * 30), n == 0 ? landlord : "system", n == 0 ? TimelineAction.Submitted : TimelineAction.DocumentUploaded, n == 0 ? RequestState.Submitted : status, n == 0 ? null : $"Step {n} of the benchmark's request."))
            .ToList();
        return SampleViews.Of(landlord, requestId, status, SampleRequests.Valid(ConventionId), submittedAt: submittedAt) with
        {
            StatusSince = timeline[^1].At,
            UpdatedAt = timeline[^1].At,
            Timeline = timeline,
            Step = EntriesPerRequest,
            Decision = committed ? new DecisionView(DecisionOutcome.Approved, 500_000m, 450_000m, true, null, [], "Bench", decidedOn) : null,
            Tranches = committed ? [new TrancheView(1, Domain.Disbursements.DisbursementMilestone.WorksStartOrder, 225_000m, status == RequestState.Approved ? 0m : 225_000m, null, null)] : [],
            ReservationRights = committed ? new ReservationRightView(29, ReservationRightKind.RecurringRight, 30, ReservationRightStatus.Planned, null, null) : null,
        };
    }

    private static string Count(StorageRequestSnapshot snapshot) =>
        $"{snapshot.Total} storage requests: " + string.Join(", ", snapshot.ByOperation.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"));

    private static void Print(FormattableString line) => Console.WriteLine(FormattableString.Invariant(line));

    private static void Print(string line) => Console.WriteLine(line);
}
