using Partenariat.Domain.Disbursements;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Requests.Activities;
using static Partenariat.Workflow.Requests.TimelineAction;

namespace Partenariat.Workflow.Tests.Requests.Orchestration;

/// <summary>
/// The request's orchestration, phase by phase and branch by branch, on a scripted context: what
/// it records, which activities it calls with what, what it waits for. No storage, no runtime.
/// </summary>
public sealed class FinancingRequestOrchestrationTests
{
    private static readonly DateOnly WorksStart = new(2026, 12, 15);
    private static readonly DateOnly Completion = new(2027, 6, 30);

    [Fact]
    public void Review_LineHoldsTheRequest_ReservesAndSendsToTheCommitteeInOneActivity()
    {
        var script = new RequestLifeScript().Run();

        Assert.Equal([Submitted, ReviewStarted, CreditReserved, SentToCommittee], script.Actions);
        Assert.Equal(RequestState.PendingCommittee, script.View.Status);
        var reservation = Assert.Single(script.Context.CallsTo<Reservation>(nameof(ReserveCredit)));
        Assert.Equal((500_000m, 1, null), (reservation.Amount, reservation.Review.Round, reservation.Review.Findings));
        Assert.Equal([nameof(ReserveCredit)], script.Context.Calls.Select(c => c.Name));
        Assert.True(script.Context.IsWaitingFor(RequestEvent.Name));
    }

    [Fact]
    public void Review_LineFull_WaitlistedInOneRecordingAndWaitsForCredit()
    {
        var script = new RequestLifeScript().ReservationsAnswer(RequestLifeScript.Full).Run();

        Assert.Equal([Submitted, ReviewStarted, Waitlisted], script.Actions);
        Assert.Equal(RequestState.Waitlisted, script.View.Status);
        Assert.Equal([nameof(ReserveCredit), nameof(RecordSteps)], script.Context.Calls.Select(c => c.Name));
        Assert.True(script.Context.IsWaitingFor(RequestEvent.Name));
    }

    [Fact]
    public void Review_LedgerRefusesForAnotherReason_TheOrchestrationFails()
    {
        var script = new RequestLifeScript().ReservationsAnswer(new LedgerReply(Domain.Envelopes.LedgerOutcome.Conflict, "Another position.", 0m));

        var failure = Assert.Throws<InvalidOperationException>(script.Run);

        Assert.Contains("Conflict", failure.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_CreditReleasedWhileWaitlisted_FirstCommitteeRoundAfterTheRelease()
    {
        var script = new RequestLifeScript().ReservationsAnswer(RequestLifeScript.Full).Run();

        script.Raise(new RequestEvent(RequestEventKind.CreditReleased, "system"));

        Assert.Equal([Submitted, ReviewStarted, Waitlisted, LeftWaitlist, CreditReserved, SentToCommittee], script.Actions);
        Assert.Equal(RequestState.PendingCommittee, script.View.Status);
        Assert.Equal(1, script.Context.CallsTo<Reservation>(nameof(ReserveCredit))[^1].Review.Round);
        script.Approve();
        Assert.Equal(RequestState.Approved, script.View.Status);
    }

    [Fact]
    public void Review_ReleaseThatStillDoesNotMakeRoom_StaysWaitlistedRecordingNothing()
    {
        var script = new RequestLifeScript().ReservationsAnswer(RequestLifeScript.Full, RequestLifeScript.Full).Run();

        script.Raise(new RequestEvent(RequestEventKind.CreditReleased, "system"));

        Assert.Equal([Submitted, ReviewStarted, Waitlisted], script.Actions);
        Assert.Equal(2, script.Context.CallsTo<Reservation>(nameof(ReserveCredit)).Count);
        Assert.True(script.Context.IsWaitingFor(RequestEvent.Name));
    }

    [Fact]
    public void Review_LineLapsed_ExpiresAndLapsesTheLine()
    {
        var script = new RequestLifeScript().ReservationsAnswer(RequestLifeScript.Lapsed).Run();

        Assert.Equal([Submitted, ReviewStarted, Expired], script.Actions);
        Assert.Equal(nameof(RequestState.Expired), script.Result);
        Assert.Single(script.Context.CallsTo<LineLapse>(nameof(LapseEnvelopeLine)));
    }

    [Fact]
    public void Review_PeriodEndsWhileWaitlisted_Expires()
    {
        var script = new RequestLifeScript().ReservationsAnswer(RequestLifeScript.Full).Run();

        script.AdvanceTo(RequestLifeScript.ClosesAt.UtcDateTime);

        Assert.Equal([Submitted, ReviewStarted, Waitlisted, LapseAhead, Expired], script.Actions);
        Assert.Equal(nameof(RequestState.Expired), script.Result);
        Assert.Equal(DateOnly.FromDateTime(RequestLifeScript.ClosesAt.UtcDateTime), script.Context.CallsTo<LineLapse>(nameof(LapseEnvelopeLine)).Single().On);
    }

    [Fact]
    public void Review_WithdrawnWhileWaitlisted_WithdrawsAndWakesTheNextWaitlisted()
    {
        var script = new RequestLifeScript().ReservationsAnswer(RequestLifeScript.Full).Run();
        script.Waitlisted = ["fr-123456782-00000000000000bb"];

        script.Raise(new RequestEvent(RequestEventKind.Withdrawal, RequestLifeScript.LandlordId, "Projet abandonné."));

        Assert.Equal([Submitted, ReviewStarted, Waitlisted, Withdrawn], script.Actions);
        Assert.Equal(nameof(RequestState.Withdrawn), script.Result);
        var woken = Assert.Single(script.Context.SentEvents);
        Assert.Equal(("fr-123456782-00000000000000bb", RequestEvent.Name), (woken.InstanceId, woken.EventName));
    }

    [Fact]
    public void Review_OtherEventWhileWaitlisted_RefusedAndStillWaiting()
    {
        var script = new RequestLifeScript().ReservationsAnswer(RequestLifeScript.Full).Run();

        script.Raise(new RequestEvent(RequestEventKind.Cancellation, "operator", "Opération abandonnée."));

        Assert.Equal([Submitted, ReviewStarted, Waitlisted, EventRefused], script.Actions);
        Assert.Equal(RequestState.Waitlisted, script.View.Status);
        Assert.False(script.HasEnded);
    }

    [Fact]
    public void Committee_FullApproval_CommitsThenRecordsTheDecisionTranchesAndPlannedRights()
    {
        var script = new RequestLifeScript().Run();

        script.Approve();

        Assert.Equal([Submitted, ReviewStarted, CreditReserved, SentToCommittee, Approved], script.Actions);
        var commitment = script.Context.CallsTo<Commitment>(nameof(CommitCredit)).Single();
        Assert.Equal(500_000m, commitment.Amount);
        Assert.Equal(
            [(1, DisbursementMilestone.WorksStartOrder, 250_000m), (2, DisbursementMilestone.CompletionDeclaration, 250_000m)],
            script.View.Tranches.Select(t => (t.Number, t.Milestone, t.Amount)));
        // 500,000 € would be 32 rights; the operation has 10 dwellings: 10, never more.
        var proposed = ReservationRightsPolicy.Default.Propose(500_000m, dwellings: 10)!;
        Assert.Equal(10, proposed.Count);
        Assert.Equal(new ReservationRightView(proposed.Count, proposed.Kind, proposed.DurationYears, ReservationRightStatus.Planned, null, null), script.View.ReservationRights);
        Assert.Equal("committee (Mme Martin)", script.View.Timeline[^1].Actor);
    }

    [Fact]
    public void Committee_ReducedApproval_CommitsTheReducedAmount()
    {
        var script = new RequestLifeScript().Run();

        script.Approve(amount: 400_000m, rights: new RightsTerms(5, ReservationRightKind.SingleRight, 20));

        Assert.Equal(400_000m, script.Context.CallsTo<Commitment>(nameof(CommitCredit)).Single().Amount);
        Assert.True(script.View.Decision!.IsReducedApproval);
        Assert.Equal([200_000m, 200_000m], script.View.Tranches.Select(t => t.Amount));
        Assert.Equal((5, ReservationRightKind.SingleRight, 20), (script.View.ReservationRights!.Count, script.View.ReservationRights.Kind, script.View.ReservationRights.DurationYears));
    }

    [Fact]
    public void Committee_ReducedApprovalThatFreesCredit_WakesTheWaitlistedTheLedgerNames()
    {
        var script = new RequestLifeScript { CommitReply = RequestLifeScript.Applied with { Woken = ["fr-123456782-00000000000000bb"] } }.Run();

        script.Approve(amount: 400_000m);

        var woken = Assert.Single(script.Context.SentEvents);
        Assert.Equal("fr-123456782-00000000000000bb", woken.InstanceId);
        Assert.Equal(RequestEventKind.CreditReleased, script.Context.SentPayload<RequestEvent>(0).Kind);
    }

    [Fact]
    public void Committee_Rejection_RejectsAndReleasesTheCredit()
    {
        var script = new RequestLifeScript().Run();

        script.Decide(new CommitteeDecisionMessage { Outcome = CommitteeOutcome.Rejected, Reason = "Hors priorités.", Reviewer = "M. Bernard" });

        Assert.Equal(Rejected, script.Actions[^1]);
        Assert.Equal(nameof(RequestState.Rejected), script.Result);
        Assert.Equal("Hors priorités.", script.View.Decision?.Reason);
        Assert.Single(script.Context.CallsTo<CreditRelease>(nameof(ReleaseCredit)));
    }

    [Fact]
    public void Committee_DecisionTheDomainRefuses_RecordedAsRefusedAndStillPending()
    {
        var script = new RequestLifeScript().Run();

        script.Decide(new CommitteeDecisionMessage { Outcome = CommitteeOutcome.Approved, ApprovedAmount = 600_000m, Reviewer = "Mme Martin" });

        Assert.Equal(DecisionRefused, script.Actions[^1]);
        Assert.Contains("exceeds the requested", script.View.Timeline[^1].Details, StringComparison.Ordinal);
        Assert.Equal(RequestState.PendingCommittee, script.View.Status);
        Assert.Empty(script.Context.CallsTo<Commitment>(nameof(CommitCredit)));
    }

    [Fact]
    public void Committee_DecisionForAnotherRequest_RefusedAndStillPending()
    {
        var script = new RequestLifeScript().Run();

        script.Decide(new CommitteeDecisionMessage { RequestId = "fr-123456782-00000000000000cc", Outcome = CommitteeOutcome.Approved, Reviewer = "Mme Martin" });

        Assert.Equal(DecisionRefused, script.Actions[^1]);
        Assert.Equal(RequestState.PendingCommittee, script.View.Status);
    }

    [Fact]
    public void Committee_AnswerAndSecondRoundDecisionBeforeTheQuestion_KeptAndTakenInTurn()
    {
        // A killed host's question came back late: the answer and the second round's approval overtook it.
        var script = new RequestLifeScript().Run();
        var afterSending = script.Actions.Count;

        script.Raise(new RequestEvent(RequestEventKind.InformationAnswer, RequestLifeScript.LandlordId, "Déposé le 3 novembre."));
        script.Decide(new CommitteeDecisionMessage { Outcome = CommitteeOutcome.Approved, Round = 2, Reviewer = "Mme Martin" });
        Assert.Equal(afterSending, script.Actions.Count);
        script.Decide(new CommitteeDecisionMessage { Outcome = CommitteeOutcome.InformationRequested, Question = "Le permis ?", Reviewer = "Mme Martin", Round = 1 });

        Assert.Equal([InformationRequested, InformationAnswered, SentToCommittee, Approved], script.Actions.TakeLast(4));
        Assert.Equal(RequestState.Approved, script.View.Status);
        Assert.Equal(2, script.View.Round);
    }

    [Fact]
    public void Committee_InformationAnswered_SecondRoundWithTheAnswer()
    {
        var script = new RequestLifeScript().Run();

        script.Decide(new CommitteeDecisionMessage { Outcome = CommitteeOutcome.InformationRequested, Question = "Le permis de construire ?", Reviewer = "Mme Martin" });
        Assert.Equal(RequestState.InformationRequested, script.View.Status);
        Assert.Equal(new DateTime(2026, 12, 31, 9, 0, 0, DateTimeKind.Utc), script.View.InformationRequest!.DueAt.UtcDateTime);
        script.Raise(new RequestEvent(RequestEventKind.InformationAnswer, RequestLifeScript.LandlordId, "Déposé le 3 novembre."));

        Assert.Equal([InformationRequested, InformationAnswered, SentToCommittee], script.Actions.TakeLast(3));
        Assert.Equal(RequestState.PendingCommittee, script.View.Status);
        Assert.Equal("Déposé le 3 novembre.", script.View.InformationRequest!.Answer);
        var review = script.Context.CallsTo<ReviewRequest>(nameof(SendForReview)).Single();
        Assert.Equal((2, 0), (review.Round, review.Findings!.Count));
        Assert.DoesNotContain(script.Context.PendingTimers, t => t == RequestLifeScript.Start + RequestLifeScript.InformationDue); // the answer's due date, cancelled
        script.Approve();
        Assert.Null(script.View.InformationRequest);
        Assert.Equal(RequestState.Approved, script.View.Status);
    }

    [Fact]
    public void Committee_NoAnswerByTheDueDate_ClosedWithoutFollowUpAndCreditReleased()
    {
        var script = new RequestLifeScript().Run();
        script.Decide(new CommitteeDecisionMessage { Outcome = CommitteeOutcome.InformationRequested, Question = "Le plan de financement ?", Reviewer = "Mme Martin" });

        script.AdvanceTo(RequestLifeScript.Start + RequestLifeScript.InformationDue);

        Assert.Equal(ClosedWithoutFollowUp, script.Actions[^1]);
        Assert.Equal(nameof(RequestState.ClosedWithoutFollowUp), script.Result);
        Assert.Single(script.Context.CallsTo<CreditRelease>(nameof(ReleaseCredit)));
    }

    [Fact]
    public void Committee_PeriodEndsWhileInformationIsRequested_Expires()
    {
        var script = new RequestLifeScript().Run();
        script.AdvanceTo(RequestLifeScript.ClosesAt.UtcDateTime.AddDays(-10));
        script.Decide(new CommitteeDecisionMessage { Outcome = CommitteeOutcome.InformationRequested, Question = "Le permis ?", Reviewer = "Mme Martin" });

        script.AdvanceTo(RequestLifeScript.ClosesAt.UtcDateTime);

        Assert.Equal(Expired, script.Actions[^1]);
        Assert.Equal(nameof(RequestState.Expired), script.Result);
        Assert.Empty(script.Context.PendingTimers);
    }

    [Fact]
    public void Committee_WithdrawnWhileInformationIsRequested_WithdrawsAndClosesTheQuestion()
    {
        var script = new RequestLifeScript().Run();
        script.Decide(new CommitteeDecisionMessage { Outcome = CommitteeOutcome.InformationRequested, Question = "Le permis ?", Reviewer = "Mme Martin" });

        script.Raise(new RequestEvent(RequestEventKind.Withdrawal, RequestLifeScript.LandlordId, "Abandon."));

        Assert.Equal(nameof(RequestState.Withdrawn), script.Result);
        Assert.Null(script.View.InformationRequest);
        Assert.Empty(script.Context.PendingTimers);
    }

    [Fact]
    public void Committee_AnotherEventWhileInformationIsRequested_RefusedAndStillWaiting()
    {
        var script = new RequestLifeScript().Run();
        script.Decide(new CommitteeDecisionMessage { Outcome = CommitteeOutcome.InformationRequested, Question = "Le permis ?", Reviewer = "Mme Martin" });

        script.Raise(new RequestEvent(RequestEventKind.Cancellation, "operator", "Opération abandonnée."));

        Assert.Equal(EventRefused, script.Actions[^1]);
        Assert.Equal(RequestState.InformationRequested, script.View.Status);
    }

    [Fact]
    public void Committee_PeriodCloseNearBeforeTheDecision_WarnsTheLandlordOnceAndGoesOnWaiting()
    {
        var script = new RequestLifeScript().Run();

        script.AdvanceTo((RequestLifeScript.ClosesAt - RequestLifeScript.LapseWarning).UtcDateTime);
        script.AdvanceTo((RequestLifeScript.ClosesAt - RequestLifeScript.LapseWarning).UtcDateTime.AddDays(1));

        Assert.Equal([SentToCommittee, LapseAhead], script.Actions.TakeLast(2));
        Assert.Equal(RequestState.PendingCommittee, script.View.Status);
        script.Approve();
        Assert.Equal(RequestState.Approved, script.View.Status);
    }

    [Fact]
    public void Committee_Waiting_HoldsOneTimerAtATimeTheWarningsThenThePeriodsEnd()
    {
        var script = new RequestLifeScript().Run();
        var warning = (RequestLifeScript.ClosesAt - RequestLifeScript.LapseWarning).UtcDateTime;

        Assert.Equal([warning], script.Context.PendingTimers);
        script.AdvanceTo(warning);

        Assert.Equal([RequestLifeScript.ClosesAt.UtcDateTime], script.Context.PendingTimers);
        Assert.Equal(LapseAhead, script.Actions[^1]);
    }

    [Fact]
    public void Committee_FirstVersionWaiting_HoldsThePeriodsEndFromTheStartAndTheWarning()
    {
        // The first version's timers, as the requests it started recorded them: their replay depends on it.
        var script = new RequestLifeScript(firstVersion: true).Run();

        Assert.Equal([RequestLifeScript.ClosesAt.UtcDateTime, (RequestLifeScript.ClosesAt - RequestLifeScript.LapseWarning).UtcDateTime], script.Context.PendingTimers);
        script.AdvanceTo(RequestLifeScript.ClosesAt.UtcDateTime);

        Assert.Equal([SentToCommittee, LapseAhead, Expired], script.Actions.TakeLast(3));
        Assert.Equal(nameof(RequestState.Expired), script.Result);
    }

    [Fact]
    public void Commitment_CommittedBeforeTheWarning_NoTimerLeftAndNoPeriodsEndCreated()
    {
        var script = new RequestLifeScript().Run();
        script.Approve();

        Assert.Empty(script.Context.PendingTimers);
        Assert.Equal(1, script.Context.TimersCreated);
    }

    [Fact]
    public void Commitment_Committed_NoWarningOfThePeriodsClose()
    {
        var script = new RequestLifeScript().Run();
        script.Approve();

        script.AdvanceTo(RequestLifeScript.ClosesAt.UtcDateTime);

        Assert.DoesNotContain(LapseAhead, script.Actions);
    }

    [Fact]
    public void Committee_PeriodEndsBeforeTheDecision_Expires()
    {
        var script = new RequestLifeScript().Run();

        script.AdvanceTo(RequestLifeScript.ClosesAt.UtcDateTime);

        Assert.Equal([SentToCommittee, LapseAhead, Expired], script.Actions.TakeLast(3));
        Assert.Equal(nameof(RequestState.Expired), script.Result);
    }

    [Fact]
    public void Committee_Withdrawal_WithdrawsAndReleases()
    {
        var script = new RequestLifeScript().Run();

        script.Raise(new RequestEvent(RequestEventKind.Withdrawal, RequestLifeScript.LandlordId, "Abandon."));

        Assert.Equal(nameof(RequestState.Withdrawn), script.Result);
        Assert.Single(script.Context.CallsTo<CreditRelease>(nameof(ReleaseCredit)));
    }

    [Fact]
    public void Committee_MilestoneBeforeTheDecision_KeptAndPaidOnceApproved()
    {
        // Only a reordering delivers it so early (the API raises it once the view shows the approval).
        var script = new RequestLifeScript().Run();

        script.ReportMilestone(MilestoneKind.WorksStarted, WorksStart, "doc-os");
        var before = script.Actions.Count;
        script.Approve();

        Assert.Equal(SentToCommittee, script.Actions[before - 1]);
        Assert.Equal([Approved, TranchePaid], script.Actions.TakeLast(2));
        Assert.Equal(RequestState.Disbursing, script.View.Status);
        Assert.Equal("doc-os", script.View.Tranches[0].EvidenceDocumentId);
    }

    [Fact]
    public void Commitment_LineLapsedBeforeTheCommitment_ExpiresWithoutRecordingTheApproval()
    {
        var script = new RequestLifeScript { CommitReply = RequestLifeScript.Lapsed }.Run();

        script.Approve();

        Assert.Equal([SentToCommittee, Expired], script.Actions.TakeLast(2));
        Assert.Null(script.View.Decision);
        Assert.Equal(nameof(RequestState.Expired), script.Result);
    }

    [Fact]
    public void Commitment_Committed_ThePeriodsEndNoLongerConcernsTheRequest()
    {
        var script = new RequestLifeScript().Run();
        script.Approve();

        script.AdvanceTo(RequestLifeScript.ClosesAt.UtcDateTime.AddDays(1));

        Assert.Equal(RequestState.Approved, script.View.Status);
        Assert.False(script.HasEnded);
        Assert.Empty(script.Context.PendingTimers);
    }

    [Fact]
    public void Disbursement_BothMilestones_PaysTheTranchesThenAssignsTheRightsAndCloses()
    {
        var script = new RequestLifeScript().Run();
        script.Approve();

        script.ReportMilestone(MilestoneKind.WorksStarted, WorksStart, "doc-os");
        Assert.Equal(RequestState.Disbursing, script.View.Status);
        script.ReportMilestone(MilestoneKind.Completion, Completion, "doc-daact");

        Assert.Equal([Approved, TranchePaid, TranchePaid, Disbursed, RightsAssigned, Closed], script.Actions.TakeLast(6));
        Assert.Equal(nameof(RequestState.Closed), script.Result);
        Assert.Equal([(250_000m, "doc-os"), (250_000m, "doc-daact")], script.View.Tranches.Select(t => (t.Paid, t.EvidenceDocumentId)));
        var payments = script.Context.CallsTo<TranchePayment>(nameof(PayTranche));
        Assert.Equal(
            [DisbursementSchedule.DisbursementIdOf(RequestLifeScript.RequestId, 1), DisbursementSchedule.DisbursementIdOf(RequestLifeScript.RequestId, 2)],
            payments.Select(p => p.DisbursementId));
        var rights = script.View.ReservationRights!;
        Assert.Equal((ReservationRightStatus.Assigned, Completion, new DateOnly(2057, 6, 30)), (rights.Status, rights.StartDate, rights.EndDate));
    }

    [Fact]
    public void Disbursement_EachLedgerOperation_GivenThePositionThePreviousOneLeft()
    {
        var script = new RequestLifeScript().Run();
        script.Approve();

        script.ReportMilestone(MilestoneKind.WorksStarted, WorksStart);
        script.ReportMilestone(MilestoneKind.Completion, Completion);

        Assert.Equal(nameof(RequestState.Closed), script.Result);
        Assert.Equal(
            [(nameof(ReserveCredit), PositionVersion.None), (nameof(CommitCredit), new PositionVersion("v1", "etag-1")),
             (nameof(PayTranche), new PositionVersion("v2", "etag-2")), (nameof(PayTranche), new PositionVersion("v3", "etag-3"))],
            script.PositionsGiven);
    }

    [Fact]
    public void Disbursement_RefusedEvidenceThenCancellation_TheReleaseGivenThePositionTheCommitmentLeft()
    {
        var script = new RequestLifeScript { EvidenceRefusal = "document 'doc-plan' is a SitePlan, and this tranche needs a WorksStartOrder." }.Run();
        script.Approve();
        script.ReportMilestone(MilestoneKind.WorksStarted, WorksStart, "doc-plan");

        script.Raise(new RequestEvent(RequestEventKind.Cancellation, "operator", "Opération abandonnée."));

        Assert.Equal(nameof(RequestState.Cancelled), script.Result);
        Assert.Equal((nameof(ReleaseCredit), new PositionVersion("v2", "etag-2")), script.PositionsGiven[^1]); // v1 the reservation's, v2 the commitment's
    }

    [Fact]
    public void Disbursement_CompletionBeforeWorksStart_KeptUntilTheWorksStartIsPaid()
    {
        // The chaos campaign's case: the works start's event came back late from a killed host, the
        // completion overtook it. Refusing the completion recorded a step under the number the lost
        // episode's payment had already used, and the works start was then shown paid twice.
        var script = new RequestLifeScript().Run();
        script.Approve();

        script.ReportMilestone(MilestoneKind.Completion, Completion, "doc-daact");
        Assert.Equal(Approved, script.Actions[^1]);
        Assert.Empty(script.Context.CallsTo<TranchePayment>(nameof(PayTranche)));
        script.ReportMilestone(MilestoneKind.WorksStarted, WorksStart, "doc-os");

        Assert.Equal([Approved, TranchePaid, TranchePaid, Disbursed, RightsAssigned, Closed], script.Actions.TakeLast(6));
        Assert.Equal([(250_000m, "doc-os"), (250_000m, "doc-daact")], script.View.Tranches.Select(t => (t.Paid, t.EvidenceDocumentId)));
        Assert.Equal(2, script.Context.CallsTo<TranchePayment>(nameof(PayTranche)).Count());
    }

    [Fact]
    public void Disbursement_SameMilestoneTwice_PaidOnce()
    {
        var script = new RequestLifeScript().Run();
        script.Approve();

        script.ReportMilestone(MilestoneKind.WorksStarted, WorksStart, "doc-os");
        script.ReportMilestone(MilestoneKind.WorksStarted, WorksStart, "doc-os-bis");

        Assert.Equal([TranchePaid, MilestoneRefused], script.Actions.TakeLast(2));
        Assert.Contains("already paid", script.View.Timeline[^1].Details, StringComparison.Ordinal);
        Assert.Single(script.Context.CallsTo<TranchePayment>(nameof(PayTranche)));
    }

    [Fact]
    public void Disbursement_OneDocumentForBothMilestones_TheSecondRefused()
    {
        var script = new RequestLifeScript().Run();
        script.Approve();

        script.ReportMilestone(MilestoneKind.WorksStarted, WorksStart, "doc-plan");
        script.ReportMilestone(MilestoneKind.Completion, Completion, "doc-plan");

        Assert.Equal([TranchePaid, MilestoneRefused], script.Actions.TakeLast(2));
        Assert.Contains("already proved tranche 1", script.View.Timeline[^1].Details, StringComparison.Ordinal);
        Assert.Equal(RequestState.Disbursing, script.View.Status);
    }

    [Fact]
    public void Disbursement_MilestoneDatedInTheFutureOrBeforeTheRequest_Refused()
    {
        var script = new RequestLifeScript().Run();
        script.Approve();

        script.Raise(new RequestEvent(RequestEventKind.Milestone, RequestLifeScript.LandlordId, Milestone: new MilestoneReport(MilestoneKind.WorksStarted, new DateOnly(9999, 6, 1), "doc-os")));
        script.Raise(new RequestEvent(RequestEventKind.Milestone, RequestLifeScript.LandlordId, Milestone: new MilestoneReport(MilestoneKind.WorksStarted, new DateOnly(1900, 1, 1), "doc-os")));

        Assert.Equal([MilestoneRefused, MilestoneRefused], script.Actions.TakeLast(2));
        Assert.All(script.View.Timeline.TakeLast(2), e => Assert.Contains("must be between the submission", e.Details, StringComparison.Ordinal));
        Assert.Empty(script.Context.CallsTo<TranchePayment>(nameof(PayTranche)));
    }

    [Fact]
    public void Disbursement_MilestoneRaisedInAnotherLandlordsName_Refused()
    {
        var script = new RequestLifeScript().Run();
        script.Approve();

        script.ReportMilestone(MilestoneKind.WorksStarted, WorksStart, actor: "987654324");

        Assert.Equal(MilestoneRefused, script.Actions[^1]);
        Assert.Contains("only the request's landlord", script.View.Timeline[^1].Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Disbursement_EvidenceOfTheWrongKind_RefusedByThePaymentAndNothingPaid()
    {
        var script = new RequestLifeScript { EvidenceRefusal = "document 'doc-plan' is a SitePlan, and this tranche needs a WorksStartOrder." }.Run();
        script.Approve();

        script.ReportMilestone(MilestoneKind.WorksStarted, WorksStart, "doc-plan");

        Assert.Equal(MilestoneRefused, script.Actions[^1]);
        Assert.EndsWith("needs a WorksStartOrder.", script.View.Timeline[^1].Details, StringComparison.Ordinal);
        Assert.Equal(RequestState.Approved, script.View.Status);
        script.EvidenceRefusal = null;
        script.ReportMilestone(MilestoneKind.WorksStarted, WorksStart, "doc-plan");
        Assert.Equal(RequestState.Disbursing, script.View.Status); // the same document, accepted once it proves the milestone
    }

    [Fact]
    public void Disbursement_OutcomeAboutOtherEvidence_AskedAgainAndThisEvidencePays()
    {
        var script = new RequestLifeScript().Run();
        script.Approve();
        // A lost episode took the wrong evidence first: its refusal comes back under this payment's task number.
        script.LostEpisodesOutcomes.Enqueue(new TrancheOutcome(false, "document 'doc-plan' is a SitePlan, and this tranche needs a WorksStartOrder.", "doc-plan"));

        script.ReportMilestone(MilestoneKind.WorksStarted, WorksStart, "doc-os");

        Assert.Empty(script.LostEpisodesOutcomes);
        Assert.Equal(RequestState.Disbursing, script.View.Status);
        Assert.DoesNotContain(MilestoneRefused, script.Actions);
        Assert.Equal("doc-os", script.View.Tranches![0].EvidenceDocumentId);
    }

    [Fact]
    public void Committee_StaleDecisionOfAnEarlierRound_RefusedAndTheAnsweredQuestionStaysAnswered()
    {
        var script = new RequestLifeScript().Run();
        var ask = new CommitteeDecisionMessage { DecisionId = "ask-1", Outcome = CommitteeOutcome.InformationRequested, Question = "Le permis ?", Reviewer = "Mme Martin" };
        script.Decide(ask);
        script.Raise(new RequestEvent(RequestEventKind.InformationAnswer, RequestLifeScript.LandlordId, "Déposé."));

        script.Decide(ask with { Round = 1 }); // the first round's question, delivered again
        script.Decide(ask with { DecisionId = "ask-2", Round = 1 }); // another decision, for the first round

        Assert.Equal([DecisionRefused, DecisionRefused], script.Actions.TakeLast(2));
        Assert.Contains("Decision 'ask-1' was already applied.", script.View.Timeline[^2].Details, StringComparison.Ordinal);
        Assert.Contains("answers round 1, but the request is in round 2", script.View.Timeline[^1].Details, StringComparison.Ordinal);
        Assert.Equal((RequestState.PendingCommittee, "Déposé."), (script.View.Status, script.View.InformationRequest?.Answer));
    }

    [Fact]
    public void Committee_DecisionWithoutItsIdOrRound_Refused()
    {
        var script = new RequestLifeScript().Run();

        script.Raise(new RequestEvent(RequestEventKind.CommitteeDecision, "Mme Martin", Decision: new CommitteeDecisionMessage { RequestId = script.Id, Outcome = CommitteeOutcome.Approved, Reviewer = "Mme Martin" }));

        Assert.Equal(DecisionRefused, script.Actions[^1]);
        Assert.Contains("decisionId", script.View.Timeline[^1].Details, StringComparison.Ordinal);
        Assert.Equal(RequestState.PendingCommittee, script.View.Status);
    }

    [Fact]
    public void Run_AnActivityFailsForGood_ReleasesTheCreditRecordsTheFailureAndFails()
    {
        var script = new RequestLifeScript().Run();
        script.Context.OnActivity<Commitment, LedgerReply>(nameof(CommitCredit), _ => throw new InvalidOperationException("Storage unreachable."));

        var failure = Assert.Throws<InvalidOperationException>(() => script.Approve());

        Assert.IsType<Microsoft.DurableTask.TaskFailedException>(failure.InnerException!.InnerException);
        Assert.Single(script.Context.CallsTo<CreditRelease>(nameof(ReleaseCredit)));
        Assert.Equal((TimelineAction.Failed, RequestState.Failed), (script.Actions[^1], script.View.Status));
        Assert.Contains("Storage unreachable.", script.View.Timeline[^1].Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Disbursement_CancelledAfterTheFirstTranche_CancelsRecordingWhatWasPaid()
    {
        var script = new RequestLifeScript().Run();
        script.Approve();
        script.ReportMilestone(MilestoneKind.WorksStarted, WorksStart);

        script.Raise(new RequestEvent(RequestEventKind.Cancellation, "operator", "Opération abandonnée."));

        Assert.Equal(nameof(RequestState.Cancelled), script.Result);
        Assert.Contains("to recover: 250000 €", script.View.Timeline[^1].Details, StringComparison.Ordinal);
        Assert.Single(script.Context.CallsTo<CreditRelease>(nameof(ReleaseCredit)));
    }

    [Fact]
    public void Disbursement_ApprovalWithoutRights_ClosesWithNoRightAssigned()
    {
        var script = new RequestLifeScript().Run();
        script.Approve(rights: new RightsTerms(0, ReservationRightKind.SingleRight, 1));

        script.ReportMilestone(MilestoneKind.WorksStarted, WorksStart);
        script.ReportMilestone(MilestoneKind.Completion, Completion);

        Assert.Equal(nameof(RequestState.Closed), script.Result);
        Assert.Null(script.View.ReservationRights);
        Assert.Equal("No reservation right was attached to the decision.", script.View.Timeline.Single(e => e.Action == RightsAssigned).Details);
    }

    [Fact]
    public void Disbursement_WithdrawalAfterTheApproval_Refused()
    {
        var script = new RequestLifeScript().Run();
        script.Approve();

        script.Raise(new RequestEvent(RequestEventKind.Withdrawal, RequestLifeScript.LandlordId, "Trop tard."));

        Assert.Equal(EventRefused, script.Actions[^1]);
        Assert.Equal(RequestState.Approved, script.View.Status);
    }
}
