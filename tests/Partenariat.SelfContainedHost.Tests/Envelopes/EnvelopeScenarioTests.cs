using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Partenariat.Domain.Envelopes;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;
using Partenariat.Testing;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Documents;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Requests.Activities;
using Partenariat.Workflow.ReservationRights;
using Partenariat.Workflow.Telemetry;
using Xunit.Abstractions;

namespace Partenariat.SelfContainedHost.Tests.Envelopes;

/// <summary>
/// The envelopes' ledger under the API, on Azurite: concurrent submissions, the waitlist, the
/// period's end, cancellation, exactly-once disbursement and the reservation-right registry, each
/// checked against the ledger itself (what the end-to-end suite cannot see). Each test has a
/// convention of its own (its line sized for the scenario), so tests sharing the Azurite never
/// share a ledger.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EnvelopeScenarioTests(AzuriteFixture azurite, ITestOutputHelper output) : HostApiTest(azurite)
{
    private const string LineId = "housing-production";
    private const decimal RequestAmount = 500_000m;

    private readonly string _conventionId = "test-" + Guid.NewGuid().ToString("N")[..12];

    private EnvelopeLedgerStore Ledgers => Services.GetRequiredService<EnvelopeLedgerStore>();

    private FinancingRequestStore Requests => Services.GetRequiredService<FinancingRequestStore>();

    [Fact]
    public async Task Submit_200ConcurrentAgainstALineFor50_Reserves50AndWaitlistsTheRest()
    {
        await StartAsync(lineAmount: 50 * RequestAmount);
        var clock = Stopwatch.StartNew();

        var submitted = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => SubmitAsync(Request())));
        var settled = await Eventually.UntilAsync(
            async () => await Settlement.ReadAsync(this) is { Count: 200 } all ? all : null,
            describe: async () => $"the 200 requests to be reserved or waitlisted; {(await Settlement.ReadAsync(this)).Count} are");
        var ledger = await Ledgers.GetAsync(_conventionId, LineId);
        var line = await LineStateAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"200 submissions settled in {clock.Elapsed.TotalSeconds:0.0} s; ledger writes {Ledgers.Writes}, ETag conflicts retried {Ledgers.Conflicts}."));

        Assert.Equal(200, submitted.Select(v => v.RequestId).Distinct().Count());
        Assert.Equal((50, 150), (settled.Pending.Count, settled.Waitlisted.Count));
        Assert.Equal((25_000_000m, 0m), (ledger.Reserved, ledger.Remaining));
        Assert.Equal(settled.Pending.Select(v => v.RequestId).Order(StringComparer.Ordinal), ledger.RequestIdsWith(LedgerPositionStatus.Reserved));
        Assert.Equal((25_000_000m, 50, 0m), (line.Reserved, line.ReservedRequests, line.Remaining));
    }

    [Theory]
    [InlineData("withdrawn")]
    [InlineData("rejected")]
    public async Task Waitlist_FirstLeaves_SecondLeavesTheWaitlistForTheCommitteeAndHoldsTheCredit(string how)
    {
        await StartAsync(lineAmount: RequestAmount);
        var first = await SubmitAsync(Request());
        await WaitForStatusAsync(first.RequestId, RequestState.PendingCommittee);
        var second = await SubmitAsync(Request());
        await WaitForStatusAsync(second.RequestId, RequestState.Waitlisted);

        if (how == "withdrawn")
        {
            await PostAsync($"/api/requests/{first.RequestId}/withdrawal", new { reason = "Operation abandoned." }, HttpStatusCode.Accepted);
            await WaitForStatusAsync(first.RequestId, RequestState.Withdrawn);
        }
        else
        {
            await DecideAsync(new CommitteeDecisionMessage { RequestId = first.RequestId, Outcome = CommitteeOutcome.Rejected, Reason = "Outside the priorities.", Reviewer = "M. Durand" });
            await WaitForStatusAsync(first.RequestId, RequestState.Rejected);
        }

        var pending = await WaitForStatusAsync(second.RequestId, RequestState.PendingCommittee);
        var ledger = await Ledgers.GetAsync(_conventionId, LineId);
        var line = await LineStateAsync();

        Assert.Equal(["Waitlisted", "LeftWaitlist", "CreditReserved", "SentToCommittee"], pending.Timeline.Select(e => e.Action.ToString()).SkipWhile(a => a != "Waitlisted").ToArray());
        Assert.Equal([second.RequestId], ledger.RequestIdsWith(LedgerPositionStatus.Reserved));
        Assert.Equal(LedgerPositionStatus.Released, ledger.Find(first.RequestId)?.Status);
        Assert.Equal((RequestAmount, 1), (line.Reserved, line.ReservedRequests));
    }

    [Fact]
    public async Task PeriodEnd_UncommittedRequest_ExpiresAndTheLineLapses()
    {
        // The host's durable timers run on the wall clock: the period closes 8 s from now.
        var closesAt = DateTimeOffset.UtcNow.AddSeconds(8);
        await StartAsync(lineAmount: 10 * RequestAmount, closesAt: closesAt);
        var before = await LineStateAsync();
        var submitted = await SubmitAsync(Request());
        await WaitForStatusAsync(submitted.RequestId, RequestState.PendingCommittee);

        var expired = await WaitForStatusAsync(submitted.RequestId, RequestState.Expired);
        var line = await Eventually.UntilAsync(async () => await LineStateAsync() is { IsLapsed: true } lapsed ? lapsed : null, describe: () => Task.FromResult("the line to lapse"));
        var late = await SubmitAsync(Request());

        Assert.Equal(closesAt, before.ClosesAt);
        Assert.True(expired.UpdatedAt >= closesAt.AddSeconds(-1), $"Expired at {expired.UpdatedAt:O}, before the close {closesAt:O}.");
        Assert.Equal((5_000_000m, 0m, 0m), (line.Lapsed, line.Reserved, line.Remaining));
        Assert.Null(line.ClosesAt);
        Assert.Equal(LedgerPositionStatus.Expired, (await Ledgers.GetAsync(_conventionId, LineId)).Find(submitted.RequestId)?.Status);
        Assert.Equal(RequestState.Expired, (await WaitForStatusAsync(late.RequestId, RequestState.Expired)).Status);
    }

    [Fact]
    public async Task Cancellation_ApprovedAndPartlyPaid_ReleasesTheUnpaidCredit()
    {
        await StartAsync(lineAmount: 10 * RequestAmount);
        var submitted = await ApproveAsync();
        await ReportWorksStartedAsync(submitted.RequestId);
        await WaitForStatusAsync(submitted.RequestId, RequestState.Disbursing);

        using (var operatorClient = ClientWithKey(OperatorKey))
        {
            using var cancel = await operatorClient.PostAsJsonAsync($"/api/requests/{submitted.RequestId}/cancellation", new { reason = "Operation abandoned by the landlord." });
            Assert.True(cancel.StatusCode == HttpStatusCode.Accepted, await cancel.Content.ReadAsStringAsync());
        }

        var cancelled = await WaitForStatusAsync(submitted.RequestId, RequestState.Cancelled);
        // The view says Cancelled first; the release is the orchestration's next activity.
        await Eventually.UntilAsync(
            async () => (await Ledgers.GetAsync(_conventionId, LineId)).Find(submitted.RequestId)?.Status == LedgerPositionStatus.Released,
            "the unpaid credit to be released");
        // Read again: a whole ledger is two reads (the line's totals, then the positions), and the
        // release may have landed between those of the read that saw it.
        var ledger = await Ledgers.GetAsync(_conventionId, LineId);

        Assert.Contains("250000", cancelled.Timeline.Single(e => e.Action == TimelineAction.Cancelled).Details, StringComparison.Ordinal);
        Assert.Equal((250_000m, 250_000m, 4_750_000m), (ledger.Committed, ledger.Disbursed, ledger.Remaining));
    }

    [Fact]
    public async Task PayTranche_RunTwiceThenByTheOrchestration_OnePaymentRowAndOneLedgerDisbursement()
    {
        var (submitted, evidence, payment) = await FirstTranchePaymentAsync();
        var activity = ActivatorUtilities.CreateInstance<PayTranche>(Services);

        // The activity retried by the runtime: a first run, a second with the same input.
        var first = await activity.RunAsync(null!, payment);
        var second = await activity.RunAsync(null!, payment);
        await PostAsync($"/api/requests/{submitted.RequestId}/milestones", new { kind = "WorksStarted", date = SampleRequests.Today, evidenceDocumentId = evidence }, HttpStatusCode.Accepted);
        await WaitForStatusAsync(submitted.RequestId, RequestState.Disbursing);
        var orders = await Ledgers.GetPaymentOrdersAsync(_conventionId, LineId, submitted.RequestId);
        var position = (await Ledgers.GetAsync(_conventionId, LineId)).Find(submitted.RequestId)!;

        Assert.Equal((true, null, evidence), (first.Paid, first.Refusal, first.Evidence));
        Assert.Equal((false, null, evidence), (second.Paid, second.Refusal, second.Evidence));
        Assert.Equal([payment.DisbursementId], orders.Select(o => o.DisbursementId));
        Assert.Equal((1, 250_000m, evidence), (orders[0].Tranche, orders[0].Amount, orders[0].EvidenceDocumentId));
        Assert.Equal(250_000m, position.Disbursed);
        Assert.Equal([payment.DisbursementId], position.Disbursements.Keys);
    }

    [Fact]
    public async Task PayTranche_EvidenceTheViewLists_PaysWithoutReadingTheBlob()
    {
        var (submitted, evidence, payment) = await FirstTranchePaymentAsync();
        var counter = Services.GetRequiredService<StorageRequestCounter>();
        var before = counter.Snapshot();

        var outcome = await ActivatorUtilities.CreateInstance<PayTranche>(Services).RunAsync(null!, payment);

        var sent = counter.Snapshot().Since(before).ByOperation;
        Assert.Equal((true, null, evidence), (outcome.Paid, outcome.Refusal, outcome.Evidence));
        Assert.Equal<(string, DocumentKind)>([(evidence, DocumentKind.WorksStartOrder)], RequestDocumentKinds(await Requests.GetAsync(Landlord, submitted.RequestId)));
        Assert.DoesNotContain(sent.Keys, operation => operation.StartsWith("blob.", StringComparison.Ordinal));
    }

    // An approved request, its works start order uploaded, and the payment of its first tranche on it.
    private async Task<(FinancingRequestView Submitted, string Evidence, TranchePayment Payment)> FirstTranchePaymentAsync()
    {
        await StartAsync(lineAmount: 10 * RequestAmount);
        var submitted = await ApproveAsync();
        var key = new RequestKey(submitted.RequestId, Landlord, _conventionId, LineId);
        var approved = await GetAsync(submitted.RequestId);
        var evidence = await UploadEvidenceAsync(submitted.RequestId, "WorksStartOrder");
        return (submitted, evidence, new TranchePayment(key, approved.Tranches[0], DateOnly.FromDateTime(DateTime.UtcNow), evidence, []));
    }

    private static (string, DocumentKind)[] RequestDocumentKinds(FinancingRequestView? view) =>
        [.. (view?.Documents ?? []).Select(d => (d.DocumentId, d.Kind))];

    [Fact]
    public async Task ReservationRights_AfterClosure_EachCallerSeesWhatItMay()
    {
        await StartAsync(lineAmount: 10 * RequestAmount);
        var submitted = await ApproveAsync(rights: new { count = 9, kind = "SingleRight", durationYears = 25 });
        var planned = await RightsAsync(LandlordKey, $"?requestId={submitted.RequestId}");
        await ReportWorksStartedAsync(submitted.RequestId);
        await WaitForStatusAsync(submitted.RequestId, RequestState.Disbursing);
        await ReportCompletionAsync(submitted.RequestId);
        await WaitForStatusAsync(submitted.RequestId, RequestState.Closed);

        var own = await RightsAsync(LandlordKey, $"?requestId={submitted.RequestId}");
        var wire = await Client.GetStringAsync(new Uri($"/api/reservation-rights?requestId={submitted.RequestId}", UriKind.Relative));
        var other = await RightsAsync(OtherLandlordKey, $"?requestId={submitted.RequestId}");
        var reviewer = await RightsAsync(ReviewerKey, $"?landlordId={Landlord}&requestId={submitted.RequestId}");
        using var anonymous = ClientWithKey(apiKey: null);
        using var unauthenticated = await anonymous.GetAsync(new Uri("/api/reservation-rights", UriKind.Relative));

        Assert.Equal(ReservationRightStatus.Planned, Assert.Single(planned.Items).Status);
        var right = Assert.Single(own.Items);
        Assert.Equal((9, ReservationRightKind.SingleRight, 25, ReservationRightStatus.Assigned), (right.Count, right.Kind, right.DurationYears, right.Status));
        // Assigned on the completion's date (the test reports it today), for 25 years.
        var delivered = DateOnly.Parse(SampleRequests.Today, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((delivered, delivered.AddYears(25)), (right.StartDate, right.EndDate));
        Assert.Equal(9, own.TotalRights);
        // As the README documents them, and as every other answer writes enums: names, not numbers.
        Assert.Contains("\"kind\":\"SingleRight\"", wire, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Assigned\"", wire, StringComparison.Ordinal);
        Assert.Empty(other.Items);
        Assert.Equal(right, Assert.Single(reviewer.Items));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    private FinancingRequest Request() => SampleRequests.Valid(_conventionId);

    private Task StartAsync(decimal lineAmount, DateTimeOffset? closesAt = null) =>
        // Index 0 is local.settings.json's demonstration convention; this test's convention comes next.
        StartHostAsync("env", SampleConventions.Settings(_conventionId, LineId, lineAmount, index: 1, closesAt));

    private async Task<FinancingRequestView> ApproveAsync(object? rights = null)
    {
        var submitted = await SubmitAsync(Request());
        await WaitForStatusAsync(submitted.RequestId, RequestState.PendingCommittee);
        var decision = JsonSerializer.SerializeToNode(await AnsweringTheCurrentRoundAsync(new CommitteeDecisionMessage { RequestId = submitted.RequestId, Outcome = CommitteeOutcome.Approved, Reviewer = "Mme Martin" }), PartenariatJson.Options)!;
        if (rights is not null)
        {
            decision["rights"] = JsonSerializer.SerializeToNode(rights);
        }

        await DecideAsync(decision.ToJsonString());
        await WaitForStatusAsync(submitted.RequestId, RequestState.Approved);
        return submitted;
    }

    private async Task<EnvelopeLineState> LineStateAsync()
    {
        var envelopes = await Client.GetFromJsonAsync<EnvelopesView>("/api/envelopes", PartenariatJson.Options);
        return envelopes!.Lines.Single(l => l.ConventionId == _conventionId && l.LineId == LineId);
    }

    private async Task<ReservationRightsPage> RightsAsync(string key, string query)
    {
        using var caller = ClientWithKey(key);
        return (await caller.GetFromJsonAsync<ReservationRightsPage>("/api/reservation-rights" + query, PartenariatJson.Options))!;
    }

    private Task<IReadOnlyList<FinancingRequestView>> ListByStatusAsync(RequestState status) =>
        Services.GetRequiredService<FinancingRequestStore>().ListByStatusAsync(status, new EnvelopeLineKey(_conventionId, LineId));

    /// <summary>The line's requests that got a place (pending the committee) and those waitlisted.</summary>
    private sealed record Settlement(IReadOnlyList<FinancingRequestView> Pending, IReadOnlyList<FinancingRequestView> Waitlisted)
    {
        public int Count => Pending.Count + Waitlisted.Count;

        public static async Task<Settlement> ReadAsync(EnvelopeScenarioTests test) =>
            new(await test.ListByStatusAsync(RequestState.PendingCommittee), await test.ListByStatusAsync(RequestState.Waitlisted));
    }

    /// <summary>The decision with an id of its own, answering the request's current round (as the reviewers' desk sends it).</summary>
    private async Task<CommitteeDecisionMessage> AnsweringTheCurrentRoundAsync(CommitteeDecisionMessage decision)
    {
        var view = await Services.GetRequiredService<FinancingRequestStore>().FindAsync(decision.RequestId!);
        return decision with { DecisionId = decision.DecisionId ?? Guid.NewGuid().ToString(), Round = decision.Round ?? view?.Round };
    }
}
