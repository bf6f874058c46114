using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Partenariat.Domain.Disbursements;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Documents;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Notifications;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Requests.Activities;

namespace Partenariat.Workflow.Tests.Requests.Activities;

/// <summary>The tranche's payment on Azurite, with the request's view this process kept.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PayTrancheTests(AzuriteFixture azurite)
{
    private const string Landlord = "123456782";
    private const string Evidence = "doc-0123456789abcdef01234567";
    private static readonly DateOnly Day = new(2026, 6, 1);

    [Fact]
    public async Task RunAsync_EvidenceListedByAnotherProcessSinceThisOneKeptTheView_PaysOnTheRowRead()
    {
        var storage = await AppStorage.CreateAsync(azurite.ConnectionString);
        var conventionId = "pay-test-" + Guid.NewGuid().ToString("N")[..8];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(SampleConventions.Settings(conventionId, "housing-production", 10_000_000m)).Build();
        var ledger = new EnvelopeLedgerStore(storage.Tables, ConventionDirectory.FromConfiguration(configuration), TimeProvider.System);
        await ledger.CreateIfNotExistsAsync();
        var requestId = RequestIds.New(Landlord);
        var key = new RequestKey(requestId, Landlord, conventionId, "housing-production");
        Assert.True((await ledger.ApplyAsync(key.Line, requestId, Day, l => l.Reserve(requestId, 300_000m, Day))).Succeeded);
        Assert.True((await ledger.ApplyAsync(key.Line, requestId, Day, l => l.Commit(requestId, 300_000m, Day))).Succeeded);
        // This process's store keeps the view as it added it: no documents yet.
        var requests = new FinancingRequestStore(storage.Tables);
        Assert.True(await requests.TryAddAsync(SampleViews.Of(Landlord, requestId, RequestState.Approved) with { Step = 1, Documents = [] }));
        // Another host lists the works start order (its blob is not looked at: the view vouches for it).
        Assert.True(await new FinancingRequestStore(storage.Tables).ChangeAsync(Landlord, requestId, view => (view with { Documents = [new RequestDocument(Evidence, DocumentKind.WorksStartOrder, 1_000)] }, true)));
        var mail = Options.Create(new MailOptions());
        var documents = new DocumentStore(storage.Blobs, Options.Create(new WorkflowOptions()), new FakeTimeProvider(), NullLogger<DocumentStore>.Instance);
        var activity = new PayTranche(ledger, new StepNotifier(requests, new Mailer(mail), mail, NullLogger<StepNotifier>.Instance), requests, new MilestoneEvidence(documents));
        var tranche = new TrancheView(1, DisbursementMilestone.WorksStartOrder, 150_000m, 0m, null, null);
        var paid = new RequestStep(2, new TimelineEntry(new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero), Landlord, TimelineAction.TranchePaid, RequestState.Disbursing, "Tranche 1 paid."));

        var outcome = await activity.RunAsync(new ActivityContext(), new TranchePayment(key, tranche, Day, Evidence, [paid]));

        Assert.Equal((true, null), (outcome.Paid, outcome.Refusal));
        Assert.Equal(RequestState.Disbursing, (await requests.GetAsync(Landlord, requestId))!.Status);
        Assert.Equal(150_000m, (await ledger.GetAsync(conventionId, "housing-production")).Find(requestId)!.Disbursed);
    }

    private sealed class ActivityContext : TaskActivityContext
    {
        public override TaskName Name => nameof(PayTranche);

        public override string InstanceId => "pay-tranche-test";
    }
}
