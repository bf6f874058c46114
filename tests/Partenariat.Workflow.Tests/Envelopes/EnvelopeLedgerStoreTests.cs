using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Partenariat.Domain.Envelopes;
using Partenariat.Testing;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Tests.Envelopes;

/// <summary>The ledger store on Azurite: disbursements and their payment orders, stored together once.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EnvelopeLedgerStoreTests(AzuriteFixture azurite)
{
    private const string Line = "housing-production";
    private static readonly DateOnly Day = new(2026, 6, 1);

    [Fact]
    public async Task ApplyAsync_DisbursementWithItsPaymentOrder_StoresBothOnce()
    {
        var (store, convention) = await StoreAsync();
        var order = Order(await CommittedRequestAsync(store, convention), tranche: 1, 50_000m);

        var first = await DisburseAsync(store, convention, order);
        var again = await DisburseAsync(store, convention, order);

        Assert.Equal((LedgerOutcome.Applied, LedgerOutcome.AlreadyApplied), (first.Outcome, again.Outcome));
        Assert.Equal([order], await store.GetPaymentOrdersAsync(convention, Line, order.RequestId));
        Assert.Equal(50_000m, (await store.GetAsync(convention, Line)).Find(order.RequestId)!.Disbursed);
    }

    [Fact]
    public async Task ApplyAsync_RefusedDisbursement_StoresNoPaymentOrder()
    {
        var (store, convention) = await StoreAsync();
        var order = Order(await CommittedRequestAsync(store, convention), tranche: 1, 150_000m);

        var refused = await DisburseAsync(store, convention, order);

        Assert.False(refused.Succeeded);
        Assert.Empty(await store.GetPaymentOrdersAsync(convention, Line, order.RequestId));
    }

    [Fact]
    public async Task GetPaymentOrdersAsync_SeveralRequestsOnTheLine_ReturnsTheRequestsOwnInTrancheOrder()
    {
        var (store, convention) = await StoreAsync();
        var requestId = RequestIds.New("123456782");
        var other = requestId + "0"; // an id that starts like the first one
        foreach (var id in new[] { requestId, other })
        {
            await CommittedRequestAsync(store, convention, id);
            foreach (var tranche in new[] { 1, 2 })
            {
                Assert.True((await DisburseAsync(store, convention, Order(id, tranche, 50_000m))).Succeeded);
            }
        }

        var orders = await store.GetPaymentOrdersAsync(convention, Line, requestId);

        Assert.Equal([1, 2], orders.Select(o => o.Tranche));
        Assert.All(orders, o => Assert.Equal(requestId, o.RequestId));
        // The payment orders sit beside the positions without changing the line's figures.
        var ledger = await store.GetAsync(convention, Line);
        Assert.Equal(200_000m, ledger.Disbursed);
        Assert.Equal(2, ledger.PositionsByRequest.Count);
    }

    private static PaymentOrder Order(string requestId, int tranche, decimal amount) =>
        new(PaymentOrder.DisbursementIdOf(requestId, tranche), requestId, "123456782", tranche, tranche == 1 ? "WorksStarted" : "Completion", amount, Day, $"doc-{tranche}");

    // A request whose 100,000 € are reserved then committed on the line.
    private static async Task<string> CommittedRequestAsync(EnvelopeLedgerStore store, string convention, string? requestId = null)
    {
        requestId ??= RequestIds.New("123456782");
        Assert.True((await store.ApplyAsync(convention, Line, l => l.Reserve(requestId, 100_000m, Day))).Succeeded);
        Assert.True((await store.ApplyAsync(convention, Line, l => l.Commit(requestId, 100_000m, Day))).Succeeded);
        return requestId;
    }

    private static Task<LedgerResult> DisburseAsync(EnvelopeLedgerStore store, string convention, PaymentOrder order) =>
        store.ApplyAsync(convention, Line, l => l.Disburse(order.RequestId, order.DisbursementId, order.Amount), order);

    // A convention of its own per test (its own ledger partition), with one line of 10 M€.
    private async Task<(EnvelopeLedgerStore Store, string ConventionId)> StoreAsync()
    {
        var conventionId = "ledger-test-" + Guid.NewGuid().ToString("N")[..8];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(SampleConventions.Settings(conventionId, Line, 10_000_000m)).Build();
        // The store reads no date from its clock: the clock only paces the retries of an ETag
        // conflict, which must really wait (a fake clock would hold them forever).
        var store = new EnvelopeLedgerStore(new TableServiceClient(azurite.ConnectionString), ConventionDirectory.FromConfiguration(configuration), TimeProvider.System);
        await store.CreateIfNotExistsAsync();
        return (store, conventionId);
    }
}
