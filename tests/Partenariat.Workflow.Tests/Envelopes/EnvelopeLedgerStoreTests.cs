using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Partenariat.Domain.Common;
using Partenariat.Domain.Envelopes;
using Partenariat.Testing;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;
using Partenariat.Workflow.Telemetry;

namespace Partenariat.Workflow.Tests.Envelopes;

/// <summary>
/// The ledger store on Azurite: bounded operations, the waitlist, the lapse, payment orders stored
/// with their disbursement, totals that add up, and the chain of entries.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EnvelopeLedgerStoreTests(AzuriteFixture azurite)
{
    private const string LineId = "housing-production";
    private static readonly DateOnly Day = new(2026, 6, 1);

    [Fact]
    public async Task ApplyAsync_DisbursementWithItsPaymentOrder_StoresBothOnce()
    {
        var (store, line) = await StoreAsync();
        var requestId = RequestIds.New("123456782");
        await CommitAsync(store, line, requestId, 100_000m);
        var order = Order(requestId, tranche: 1, 50_000m);

        var first = await DisburseAsync(store, line, order);
        var again = await DisburseAsync(store, line, order);

        Assert.Equal(LedgerOutcome.Applied, first.Outcome);
        Assert.Equal(LedgerOutcome.AlreadyApplied, again.Outcome);
        Assert.Equal([order], await store.GetPaymentOrdersAsync(line.ConventionId, LineId, requestId));
        var ledger = await store.GetAsync(line.ConventionId, LineId);
        Assert.Equal(50_000m, ledger.Find(requestId)!.Disbursed);
    }

    [Fact]
    public async Task ApplyAsync_RefusedDisbursement_StoresNoPaymentOrder()
    {
        var (store, line) = await StoreAsync();
        var requestId = RequestIds.New("123456782");
        await CommitAsync(store, line, requestId, 100_000m);

        var refused = await DisburseAsync(store, line, Order(requestId, tranche: 1, 150_000m));

        Assert.False(refused.Succeeded);
        Assert.Empty(await store.GetPaymentOrdersAsync(line.ConventionId, LineId, requestId));
    }

    [Fact]
    public async Task GetPaymentOrdersAsync_SeveralRequestsOnTheLine_ReturnsTheRequestsOwnInTrancheOrder()
    {
        var (store, line) = await StoreAsync();
        var requestId = RequestIds.New("123456782");
        var other = requestId + "0"; // an id that starts like the first one
        foreach (var id in new[] { requestId, other })
        {
            await CommitAsync(store, line, id, 100_000m);
            foreach (var tranche in new[] { 1, 2 })
            {
                await DisburseAsync(store, line, Order(id, tranche, 50_000m));
            }
        }

        var orders = await store.GetPaymentOrdersAsync(line.ConventionId, LineId, requestId);

        Assert.Equal([1, 2], orders.Select(o => o.Tranche));
        Assert.All(orders, o => Assert.Equal(requestId, o.RequestId));
        var ledger = await store.GetAsync(line.ConventionId, LineId);
        Assert.Equal(200_000m, ledger.Disbursed);
        Assert.Equal(2, ledger.PositionsByRequest.Count);
    }

    [Fact]
    public async Task ApplyAsync_LineHoldingMany_AnOperationCostsTwoReadsAndOneTransaction()
    {
        var (store, line) = await StoreAsync();
        for (var i = 0; i < 30; i++)
        {
            await ReserveAsync(store, line, RequestIds.New("123456782"), 1_000m);
        }

        var counter = new StorageRequestCounter();
        var counted = Store(counter, line.ConventionId);
        await ReserveAsync(counted, line, RequestIds.New("123456782"), 1_000m);

        var counts = counter.Snapshot().ByOperation;
        Assert.Equal((2, 1, 3), (counts.GetValueOrDefault("table.GetEntity"), counts.GetValueOrDefault("table.Batch"), (int)counter.Total));
    }

    [Fact]
    public async Task ApplyAsync_EachGivenThePositionTheLastLeft_ReadsTheLineRowOnceForAll()
    {
        var (store, line) = await StoreAsync();
        var requestId = RequestIds.New("123456782");
        var counter = new StorageRequestCounter();
        var counted = Store(counter, line.ConventionId);

        var reserved = await counted.ApplyAsync(line, requestId, Day, l => l.Reserve(requestId, 100_000m, Day), known: PositionVersion.None);
        var committed = await counted.ApplyAsync(line, requestId, Day, l => l.Commit(requestId, 80_000m, Day), known: reserved.Position);
        var order = Order(requestId, tranche: 1, 30_000m);
        var paid = await counted.ApplyAsync(line, requestId, Day, l => l.Disburse(requestId, order.DisbursementId, order.Amount), order, committed.Position);

        Assert.All(new[] { reserved, committed, paid }, o => Assert.Equal(LedgerOutcome.Applied, o.Outcome));
        var counts = counter.Snapshot().ByOperation;
        // The line row read by the first operation; the next two take it as the one before left it.
        Assert.Equal((1, 3), (counts.GetValueOrDefault("table.GetEntity"), counts.GetValueOrDefault("table.Batch")));
        var position = (await store.GetAsync(line.ConventionId, LineId)).Find(requestId)!;
        Assert.Equal((80_000m, 30_000m), (position.Committed, position.Disbursed));
        Assert.True(paid.Position is { Exists: true });
        Assert.Empty(await store.VerifyTotalsAsync(line));
    }

    [Fact]
    public async Task ApplyAsync_LineChangedByAnotherProcessSinceThisOneKeptIt_FailsItsTransactionAndAppliesOnTheStoredRow()
    {
        var (store, line) = await StoreAsync(planned: 1_000m);
        var other = Store(counter: null, line.ConventionId); // another host's store: its own line row kept
        var (first, second, third) = (RequestIds.New("123456782"), RequestIds.New("123456782"), RequestIds.New("123456782"));
        await ReserveAsync(store, line, first, 900m);
        Assert.Equal(LedgerOutcome.Applied, (await ReserveAsync(other, line, second, 100m)).Outcome);

        // This store's kept row still shows 100 € free: the reservation would over-commit the line.
        var late = await ReserveAsync(store, line, third, 100m);

        Assert.Equal(LedgerOutcome.Waitlisted, late.Outcome);
        Assert.Equal(1, store.Conflicts);
        var ledger = await store.GetAsync(line.ConventionId, LineId);
        Assert.Equal((1_000m, 1), (ledger.Reserved, ledger.Totals.WaitlistedRequests));
        Assert.Empty(await store.VerifyTotalsAsync(line));
    }

    [Fact]
    public async Task ApplyAsync_RefusalReckonedOnAKeptLineRow_ReadsTheLineAgainBeforeAnswering()
    {
        var (store, line) = await StoreAsync(planned: 1_000m);
        var other = Store(counter: null, line.ConventionId);
        var (holder, late) = (RequestIds.New("123456782"), RequestIds.New("123456782"));
        await ReserveAsync(store, line, holder, 1_000m);
        Assert.Equal(LedgerOutcome.Applied, (await other.ApplyAsync(line, holder, Day, l => l.Release(holder))).Outcome);

        // The kept row says the line is full, which would refuse the reservation and write nothing.
        var reserved = await store.ApplyAsync(line, late, Day, l => l.Reserve(late, 500m, Day));

        Assert.Equal(LedgerOutcome.Applied, reserved.Outcome);
        Assert.Equal(500m, (await store.GetAsync(line.ConventionId, LineId)).Reserved);
    }

    [Fact]
    public async Task ApplyAsync_GivenAPositionChangedSince_ReadsItAndAppliesOnTheStoredOne()
    {
        var (store, line) = await StoreAsync();
        var (requestId, reserved) = await ReserveFirstAsync(store, line);
        var released = await store.ApplyAsync(line, requestId, Day, l => l.Release(requestId)); // an operator's release, say

        var committed = await store.ApplyAsync(line, requestId, Day, l => l.Commit(requestId, 100_000m, Day), known: reserved.Position);

        Assert.Equal(LedgerOutcome.Applied, released.Outcome);
        Assert.False(committed.Succeeded);
        var ledger = await store.GetAsync(line.ConventionId, LineId);
        Assert.Equal((0m, 0m), (ledger.Reserved, ledger.Committed));
        Assert.Empty(await store.VerifyTotalsAsync(line));
    }

    [Fact]
    public async Task ApplyAsync_GivenAVersionWhoseRowIsGone_AnswersFromWhatIsStored()
    {
        var (store, line) = await StoreAsync();
        var (requestId, reserved) = await ReserveFirstAsync(store, line);
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(StorageNames.LedgerTable);
        await table.DeleteEntityAsync(line.Value, "p:" + requestId); // removed by hand

        var committed = await store.ApplyAsync(line, requestId, Day, l => l.Commit(requestId, 100_000m, Day), known: reserved.Position);

        Assert.Equal(LedgerOutcome.NotFound, committed.Outcome);
    }

    [Fact]
    public async Task ApplyAsync_FirstReservationRunAgainAsIfItHadNoPosition_AnswersAlreadyAppliedAndReservesOnce()
    {
        var (store, line) = await StoreAsync();
        var requestId = RequestIds.New("123456782");

        var first = await store.ApplyAsync(line, requestId, Day, l => l.ReserveOrWaitlist(requestId, 100_000m, Day), known: PositionVersion.None);
        var again = await store.ApplyAsync(line, requestId, Day, l => l.ReserveOrWaitlist(requestId, 100_000m, Day), known: PositionVersion.None);

        Assert.Equal((LedgerOutcome.Applied, LedgerOutcome.AlreadyApplied), (first.Outcome, again.Outcome));
        Assert.Equal(100_000m, (await store.GetAsync(line.ConventionId, LineId)).Reserved);
        Assert.Equal(first.Position, again.Position);
    }

    [Fact]
    public async Task ApplyAsync_GivenAStalePositionThatWouldChangeNothing_AnswersFromTheStoredOne()
    {
        var (store, line) = await StoreAsync();
        var requestId = RequestIds.New("123456782");
        var reserved = await store.ApplyAsync(line, requestId, Day, l => l.Reserve(requestId, 100_000m, Day));
        var committed = await store.ApplyAsync(line, requestId, Day, l => l.Commit(requestId, 100_000m, Day), known: reserved.Position);

        // The reserved version says the request holds nothing committed to disburse: the stored one does.
        var order = Order(requestId, tranche: 1, 40_000m);
        var paid = await store.ApplyAsync(line, requestId, Day, l => l.Disburse(requestId, order.DisbursementId, order.Amount), order, reserved.Position);

        Assert.Equal(LedgerOutcome.Applied, committed.Outcome);
        Assert.Equal(LedgerOutcome.Applied, paid.Outcome);
        Assert.Equal(40_000m, (await store.GetAsync(line.ConventionId, LineId)).Disbursed);
    }

    [Fact]
    public async Task ApplyAsync_ReleaseOnAFullLine_WakesTheWaitlistInOrderWhileItFits()
    {
        var (store, line) = await StoreAsync(planned: 1_000m);
        var holder = RequestIds.New("123456782");
        await ReserveAsync(store, line, holder, 900m);
        var (first, second, third) = (RequestIds.New("123456782"), RequestIds.New("123456782"), RequestIds.New("123456782"));
        var waitlisted = new[] { (first, 300m), (second, 500m), (third, 600m) };
        foreach (var (id, amount) in waitlisted)
        {
            Assert.Equal(LedgerOutcome.Waitlisted, (await ReserveAsync(store, line, id, amount)).Outcome);
        }

        var released = await store.ApplyAsync(line, holder, Day, l => l.Release(holder));
        var woken = await store.ApplyAsync(line, first, Day, l => l.ReserveOrWaitlist(first, 300m, Day));

        Assert.Equal([first, second], released.Woken);
        Assert.Equal(LedgerOutcome.Applied, woken.Outcome);
        var ledger = await store.GetAsync(line.ConventionId, LineId);
        Assert.Equal((300m, 2), (ledger.Reserved, ledger.Totals.WaitlistedRequests));
        Assert.Empty(await store.VerifyTotalsAsync(line));
    }

    [Fact]
    public async Task ApplyAsync_LapseOfALineWithReservations_OneRowAndTheReservationsReadExpired()
    {
        var (store, line) = await StoreAsync(planned: 1_000m);
        var (pending, committed) = (RequestIds.New("123456782"), RequestIds.New("123456782"));
        await ReserveAsync(store, line, pending, 200m);
        await CommitAsync(store, line, committed, 300m);
        var counter = new StorageRequestCounter();

        var afterThePeriod = new DateOnly(2028, 1, 1);
        var lapsed = await Store(counter, line.ConventionId).ApplyAsync(line, null, afterThePeriod, l => l.Lapse(afterThePeriod));

        Assert.Equal(LedgerOutcome.Applied, lapsed.Outcome);
        Assert.Equal(2, counter.Total); // the line row read, one transaction (the line row and its entry)
        var ledger = await store.GetAsync(line.ConventionId, LineId);
        Assert.Equal((0m, 300m, 700m), (ledger.Reserved, ledger.Committed, ledger.Lapsed));
        Assert.Equal(LedgerPositionStatus.Expired, ledger.Find(pending)!.Status);
        Assert.Empty(await store.VerifyTotalsAsync(line));
    }

    [Fact]
    public async Task VerifyTotalsAsync_LineRowAlteredInStorage_NamesTheDifference()
    {
        var (store, line) = await StoreAsync();
        await ReserveAsync(store, line, RequestIds.New("123456782"), 1_000m);
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(StorageNames.LedgerTable);
        var row = (await table.GetEntityAsync<TableEntity>(line.Value, "line")).Value;
        row["Reserved"] = "1500";
        await table.UpdateEntityAsync(row, row.ETag);

        var problems = await store.VerifyTotalsAsync(line);

        Assert.Contains(problems, p => p.Contains("reserved is 1500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_EveryChange_ChainsAnEntryThatAnAlterationBreaks()
    {
        var (store, line) = await StoreAsync();
        var requestId = RequestIds.New("123456782");
        await CommitAsync(store, line, requestId, 100_000m);
        await DisburseAsync(store, line, Order(requestId, 1, 40_000m));
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(StorageNames.LedgerTable);

        var (entries, head) = await ChainAsync(table, line);
        Assert.Equal(3, entries.Count);
        Assert.Empty(AuditChain.Verify(line.Value, entries, head));

        var second = (await table.GetEntityAsync<TableEntity>(line.Value, "e:000000000002")).Value;
        second["Entry"] = second.GetString("Entry").Replace("100000", "90000", StringComparison.Ordinal);
        await table.UpdateEntityAsync(second, second.ETag);
        (entries, head) = await ChainAsync(table, line);

        var problem = Assert.Single(AuditChain.Verify(line.Value, entries, head));
        Assert.Contains("entry 2 was altered", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetYearlyMovementsAsync_CommitmentsOverTwoYears_SumsEachYearApart()
    {
        var (store, line) = await StoreAsync();
        var (early, late) = (RequestIds.New("123456782"), RequestIds.New("123456782"));
        await CommitAsync(store, line, early, 100m);
        await store.ApplyAsync(line, late, Day.AddYears(1), l => l.Reserve(late, 40m, Day.AddYears(1)));
        await store.ApplyAsync(line, late, Day.AddYears(1), l => l.Commit(late, 40m, Day.AddYears(1)));

        var years = await store.GetYearlyMovementsAsync(line);

        Assert.Equal(100m, years[Day.Year][LedgerMovementKind.Committed]);
        Assert.Equal((40m, 40m), (years[Day.Year + 1][LedgerMovementKind.Reserved], years[Day.Year + 1][LedgerMovementKind.Committed]));
    }

    private static async Task<(List<ChainedEntry> Entries, string Head)> ChainAsync(TableClient table, EnvelopeLineKey line)
    {
        var entries = new List<ChainedEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {line.Value} and RowKey ge {"e:"} and RowKey lt {"e;"}")))
        {
            var content = row.GetString("Entry");
            entries.Add(new ChainedEntry(JsonDocument.Parse(content).RootElement.GetProperty("sequence").GetInt64(), row.GetString("PreviousHash"), content, row.GetString("Hash")));
        }

        var head = (await table.GetEntityAsync<TableEntity>(line.Value, "line")).Value.GetString("Head");
        return (entries, head);
    }

    private static PaymentOrder Order(string requestId, int tranche, decimal amount) =>
        new(PaymentOrder.DisbursementIdOf(requestId, tranche), requestId, "123456782", tranche, tranche == 1 ? "WorksStarted" : "Completion", amount, Day, $"doc-{tranche}");

    // A request's first reservation of 100,000 €, given that it holds no position yet.
    private static async Task<(string RequestId, LedgerOperation Reserved)> ReserveFirstAsync(EnvelopeLedgerStore store, EnvelopeLineKey line)
    {
        var requestId = RequestIds.New("123456782");
        return (requestId, await store.ApplyAsync(line, requestId, Day, l => l.Reserve(requestId, 100_000m, Day), known: PositionVersion.None));
    }

    private static Task<LedgerOperation> ReserveAsync(EnvelopeLedgerStore store, EnvelopeLineKey line, string requestId, decimal amount) =>
        store.ApplyAsync(line, requestId, Day, l => l.ReserveOrWaitlist(requestId, amount, Day));

    private static Task<LedgerOperation> DisburseAsync(EnvelopeLedgerStore store, EnvelopeLineKey line, PaymentOrder order) =>
        store.ApplyAsync(line, order.RequestId, Day, l => l.Disburse(order.RequestId, order.DisbursementId, order.Amount), order);

    private static async Task CommitAsync(EnvelopeLedgerStore store, EnvelopeLineKey line, string requestId, decimal amount)
    {
        Assert.True((await store.ApplyAsync(line, requestId, Day, l => l.Reserve(requestId, amount, Day))).Succeeded);
        Assert.True((await store.ApplyAsync(line, requestId, Day, l => l.Commit(requestId, amount, Day))).Succeeded);
    }

    // A convention of its own per test (its own ledger partition), with one line.
    private async Task<(EnvelopeLedgerStore Store, EnvelopeLineKey Line)> StoreAsync(decimal planned = 10_000_000m)
    {
        var conventionId = "ledger-test-" + Guid.NewGuid().ToString("N")[..8];
        _settings[conventionId] = planned;
        var store = Store(counter: null, conventionId);
        await store.CreateIfNotExistsAsync();
        return (store, new EnvelopeLineKey(conventionId, LineId));
    }

    private readonly Dictionary<string, decimal> _settings = [];

    // A period 2026-2027 (SampleConventions) with one line of the planned amount.
    private EnvelopeLedgerStore Store(StorageRequestCounter? counter, string conventionId)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(SampleConventions.Settings(conventionId, LineId, _settings[conventionId])).Build();
        var options = counter?.Attach(new TableClientOptions()) ?? new TableClientOptions();
        return new EnvelopeLedgerStore(new TableServiceClient(azurite.ConnectionString, options), ConventionDirectory.FromConfiguration(configuration), TimeProvider.System);
    }
}
