using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Audit;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Reports;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Tests.Reports;

/// <summary>
/// The reports' parts wired as the hosts wire them, on Azurite, for a convention period of the
/// test's own (2026-2027, one production line): the views' store with the read model as its
/// observer, the ledger, the report service and API, the audit export; the clock on 2026-09-01.
/// </summary>
internal sealed class ReportFixture
{
    public const string LineId = "housing-production";
    public const string SteeringKey = "steering-key";
    public const string OperatorKey = "operator-key";
    public const string LandlordKey = "landlord-key";
    public const string OtherLandlordKey = "other-landlord-key";
    public const string Landlord = "123456782";
    public const string OtherLandlord = "987654324";

    public ReportFixture(string connectionString)
    {
        var settings = SampleConventions.Settings(ConventionId, LineId, 10_000_000m);
        settings["Authentication:SteeringApiKey"] = SteeringKey;
        settings["Authentication:OperatorApiKey"] = OperatorKey;
        settings[$"Authentication:ApiKeys:{Landlord}"] = LandlordKey;
        settings[$"Authentication:ApiKeys:{OtherLandlord}"] = OtherLandlordKey;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Conventions = ConventionDirectory.FromConfiguration(configuration);
        Tables = new TableServiceClient(connectionString);
        Projection = new ReportProjectionStore(Tables, Conventions);
        Requests = new FinancingRequestStore(Tables, [Projection]);
        Ledgers = new EnvelopeLedgerStore(Tables, Conventions, Clock);
        var authentication = new CallerAuthentication(configuration);
        Api = new ReportApi(authentication, new ReportService(Conventions, Ledgers, Projection, Clock), Projection, Requests);
        Audit = new AuditService(Ledgers, Requests, Clock);
        AuditApi = new AuditApi(authentication, Audit, Conventions);
    }

    public string ConventionId { get; } = "report-test-" + Guid.NewGuid().ToString("N")[..8];

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero));

    public ConventionDirectory Conventions { get; }

    public TableServiceClient Tables { get; }

    public ReportProjectionStore Projection { get; }

    public FinancingRequestStore Requests { get; }

    public EnvelopeLedgerStore Ledgers { get; }

    public ReportApi Api { get; }

    public AuditService Audit { get; }

    public AuditApi AuditApi { get; }

    public EnvelopeLineKey Line => new(ConventionId, LineId);

    public async Task CreateTablesAsync()
    {
        await Requests.CreateIfNotExistsAsync();
        await Projection.CreateIfNotExistsAsync();
        await Ledgers.CreateIfNotExistsAsync();
    }

    /// <summary>Stores a submitted request of <paramref name="landlord"/> on the test's period (the sample request: 500,000 €, 4 PLAI and 6 PLUS in Chenôve, Le Mail).</summary>
    public async Task<RequestKey> SubmitAsync(string landlord = Landlord, DateTimeOffset? at = null)
    {
        var requestId = RequestIds.New(landlord);
        var submittedAt = at ?? new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var view = SampleViews.Of(landlord, requestId, RequestState.Submitted, SampleRequests.Valid(ConventionId), submittedAt: submittedAt) with
        {
            Timeline = [new TimelineEntry(submittedAt, landlord, TimelineAction.Submitted, RequestState.Submitted, null)],
            Step = 1,
        };
        Assert.True(await Requests.TryAddAsync(view));
        return new RequestKey(requestId, landlord, ConventionId, LineId);
    }

    /// <summary>Reserves the request's 500,000 € and records its review and sending to the committee (steps 2 to 4) on <paramref name="at"/>.</summary>
    public async Task SendToCommitteeAsync(RequestKey key, DateTimeOffset at)
    {
        var on = DateOnly.FromDateTime(at.UtcDateTime);
        Assert.True((await Ledgers.ApplyAsync(key.Line, key.RequestId, on, l => l.Reserve(key.RequestId, 500_000m, on))).Succeeded);
        await Requests.RecordStepsAsync(key,
        [
            new RequestStep(2, new TimelineEntry(at, "system", TimelineAction.ReviewStarted, RequestState.UnderReview, null)),
            new RequestStep(3, new TimelineEntry(at, "system", TimelineAction.CreditReserved, RequestState.UnderReview, null)),
            new RequestStep(4, new TimelineEntry(at, "system", TimelineAction.SentToCommittee, RequestState.PendingCommittee, null)),
        ]);
    }

    /// <summary>Commits 450,000 € of the request (a reduced approval) and records the approval (step 5) on <paramref name="at"/>.</summary>
    public async Task ApproveAsync(RequestKey key, DateTimeOffset at)
    {
        var on = DateOnly.FromDateTime(at.UtcDateTime);
        Assert.True((await Ledgers.ApplyAsync(key.Line, key.RequestId, on, l => l.Commit(key.RequestId, 450_000m, on))).Succeeded);
        await Requests.RecordStepsAsync(key,
        [
            new RequestStep(5, new TimelineEntry(at, "committee (Mme Martin)", TimelineAction.Approved, RequestState.Approved, null),
                Decision: new DecisionView(Domain.Decisions.DecisionOutcome.Approved, 500_000m, 450_000m, true, null, [], "Mme Martin", on),
                Rights: new ReservationRightView(29, Domain.ReservationRights.ReservationRightKind.RecurringRight, 30, Domain.ReservationRights.ReservationRightStatus.Planned, null, null)),
        ]);
    }
}
