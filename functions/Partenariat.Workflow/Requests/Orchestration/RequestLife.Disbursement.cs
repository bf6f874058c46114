using Partenariat.Domain.Decisions;
using Partenariat.Domain.Disbursements;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;
using Partenariat.Workflow.Requests.Activities;

namespace Partenariat.Workflow.Requests.Orchestration;

// Phase 4 and 5: the tranches, each paid on its milestone's evidence in the schedule's order (the
// domain's rule); at the last, the disbursement completes, the reservation rights are assigned at
// delivery and the request closes, recorded with the last payment. An operator may cancel the
// operation until then. A milestone is checked here whatever path raised it, as the API checks it:
// reported by the request's landlord, dated between the submission and today, its evidence a
// document of the request of the milestone's kind (checked by the payment's activity), used once.
internal sealed partial class RequestLife
{
    /// <summary>Pays the tranches as their milestones come, then assigns the rights and closes; or the cancellation.</summary>
    private async Task DisburseAsync(GrantDecision approval, DisbursementSchedule schedule)
    {
        var evidence = new Dictionary<int, string>();
        while (!schedule.IsComplete)
        {
            // No period timer here: the period's end no longer concerns a committed request.
            var next = await NextAsync().ConfigureAwait(true)
                ?? throw new InvalidOperationException("A committed request waits for events only.");
            switch (next)
            {
                case { Kind: RequestEventKind.Cancellation }:
                    await CancelAsync(next, schedule).ConfigureAwait(true);
                    return;
                case { Kind: RequestEventKind.Milestone, Milestone: { } early } when IsAhead(schedule, early):
                    KeepForLater(next);
                    break;
                case { Kind: RequestEventKind.Milestone, Milestone: { } milestone }:
                    schedule = await PayAsync(approval, schedule, milestone, next.Actor, evidence).ConfigureAwait(true);
                    break;
                default:
                    await RefuseAsync(next).ConfigureAwait(true);
                    break;
            }
        }
    }

    /// <summary>Whether the milestone's tranche is unpaid and not the next due: an earlier tranche must be paid first.</summary>
    private static bool IsAhead(DisbursementSchedule schedule, MilestoneReport milestone) =>
        schedule.RemainingFor(milestone.Tranche) > 0m && schedule.NextTranche?.Milestone != milestone.Tranche;

    /// <summary>Pays the tranche a milestone triggers, if the schedule allows it now; the schedule after it.</summary>
    private async Task<DisbursementSchedule> PayAsync(GrantDecision approval, DisbursementSchedule schedule, MilestoneReport milestone, string actor, Dictionary<int, string> evidence)
    {
        var paid = schedule.PayTranche(milestone.Tranche, Today);
        var refusal = MilestoneRefusal(milestone, actor, evidence) ?? (paid.IsSuccess ? null : paid.Reason);
        var refused = Plan().Note(actor, TimelineAction.MilestoneRefused, $"{milestone.Kind} cannot be paid now: {refusal}");
        if (refusal is not null || paid.Value is not { } after)
        {
            await RecordAsync(refused).ConfigureAwait(true);
            return schedule;
        }

        var tranche = schedule.Tranches.First(t => t.Milestone == milestone.Tranche);
        evidence[tranche.Number] = milestone.EvidenceDocumentId;
        var tranches = TranchesOf(after, evidence);
        var details = $"Tranche {tranche.Number} ({tranche.Milestone}) of {tranche.Amount:0.##} € paid on evidence {milestone.EvidenceDocumentId}.";
        var steps = _state == RequestState.Approved
            ? Plan().Move(RequestTrigger.StartDisbursing, actor, TimelineAction.TranchePaid, details, tranches: tranches)
            : Plan().Note(actor, TimelineAction.TranchePaid, details, tranches);
        if (after.IsComplete)
        {
            steps = CompleteAndClose(steps, approval, milestone.Date);
        }

        var payment = new TranchePayment(Key, tranches.Single(t => t.Number == tranche.Number), Today, milestone.EvidenceDocumentId, steps.Steps)
        {
            IfRefused = refused.Steps,
            Position = _position,
        };
        var outcome = await PayAsync(payment).ConfigureAwait(true);
        if (outcome.Refusal is not null)
        {
            evidence.Remove(tranche.Number);
            Apply(refused);
            return schedule;
        }

        Apply(steps);
        return after;
    }

    /// <summary>
    /// Pays <paramref name="payment"/> and returns its outcome. An outcome about other evidence is
    /// not this payment's: an episode lost with its host (never checkpointed) took the events in
    /// another order and its payment activity, run under this task's number, answered it. The
    /// payment is then asked again (the activity is idempotent by disbursement id: it says what
    /// became of this evidence), as long as such answers come, a few times at most.
    /// </summary>
    private async Task<TrancheOutcome> PayAsync(TranchePayment payment)
    {
        const int MaxAsks = 8;
        for (var ask = 1; ask <= MaxAsks; ask++)
        {
            var outcome = await context.CallActivityAsync<TrancheOutcome>(nameof(PayTranche), payment, Retries).ConfigureAwait(true);
            _position = outcome.Position;
            if (outcome.Evidence is null || string.Equals(outcome.Evidence, payment.EvidenceDocumentId, StringComparison.Ordinal))
            {
                return outcome;
            }
        }

        throw new InvalidOperationException($"Tranche {payment.Tranche.Number}'s payment on '{payment.EvidenceDocumentId}' was answered {MaxAsks} times about other evidence.");
    }

    /// <summary>Why a milestone cannot pay (whatever path raised it), before its evidence is read: who, when, and a document used once.</summary>
    private string? MilestoneRefusal(MilestoneReport milestone, string actor, Dictionary<int, string> evidence)
    {
        var submittedOn = DateOnly.FromDateTime(input.Request.SubmittedAt.UtcDateTime);
        if (!string.Equals(actor, Key.LandlordId, StringComparison.Ordinal))
        {
            return "only the request's landlord reports its milestones.";
        }

        if (milestone.Date < submittedOn || milestone.Date > Today)
        {
            return $"the milestone's date {milestone.Date:yyyy-MM-dd} must be between the submission ({submittedOn:yyyy-MM-dd}) and today ({Today:yyyy-MM-dd}).";
        }

        return evidence.FirstOrDefault(e => e.Value == milestone.EvidenceDocumentId) is { Value: not null } used
            ? $"document '{milestone.EvidenceDocumentId}' already proved tranche {used.Key}: each document proves one milestone."
            : null;
    }

    /// <summary>The last tranche paid: disbursed, the rights assigned at delivery (the domain's rule), closed.</summary>
    private PlannedSteps CompleteAndClose(PlannedSteps steps, GrantDecision approval, DateOnly deliveredOn)
    {
        var disbursed = steps.Move(RequestTrigger.CompleteDisbursement, System, TimelineAction.Disbursed, $"{approval.ApprovedAmount:0.##} € disbursed.");
        var assigned = approval.Rights is { } terms
            ? ReservationRightView.From(ReservationRight.Plan(Key.RequestId, terms).Assign(deliveredOn).Value!)
            : null;
        var details = assigned is null
            ? "No reservation right was attached to the decision."
            : $"{assigned.Count} {assigned.Kind} right(s) from {assigned.StartDate:O} to {assigned.EndDate:O}.";
        return disbursed
            .Move(RequestTrigger.AssignRights, System, TimelineAction.RightsAssigned, details, rights: assigned)
            .Move(RequestTrigger.Close, System, TimelineAction.Closed, null);
    }

    /// <summary>The tranches as the view shows them: the schedule's amounts, what was paid, when, on which evidence.</summary>
    private static List<TrancheView> TranchesOf(DisbursementSchedule schedule, Dictionary<int, string> evidence) =>
        schedule.Tranches.Select(t => new TrancheView(
            t.Number,
            t.Milestone,
            t.Amount,
            schedule.PaidFor(t.Milestone),
            schedule.Disbursements.LastOrDefault(d => d.Milestone == t.Milestone)?.PaidOn,
            evidence.GetValueOrDefault(t.Number))).ToList();
}
