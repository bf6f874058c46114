using Partenariat.Domain.Decisions;
using Partenariat.Domain.Disbursements;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Requests.Activities;

namespace Partenariat.Workflow.Requests.Orchestration;

// Phase 3: the commitment. The approved amount is committed on the line (a reduced approval frees
// the difference); only once committed is the approval recorded, with its decision, its tranches
// (the domain's disbursement schedule) and its planned reservation rights. A line that lapsed
// meanwhile expires the request instead.
internal sealed partial class RequestLife
{
    /// <summary>Commits the approval; its disbursement schedule, or null when the request expired instead.</summary>
    private async Task<DisbursementSchedule?> CommitAsync(GrantDecision approval)
    {
        var schedule = DisbursementSchedule.ForDecision(approval, new TrancheSchedulePolicy { WorksStartOrderPercent = input.WorksStartOrderPercent });
        var rights = approval.Rights is { } terms ? ReservationRightView.From(ReservationRight.Plan(Key.RequestId, terms)) : null;
        var details = approval.IsReducedApproval
            ? $"Approved for {approval.ApprovedAmount:0.##} € of {approval.RequestedAmount:0.##} € requested."
            : $"Approved for {approval.ApprovedAmount:0.##} €.";
        var approved = Plan().Move(RequestTrigger.Approve, ReviewerOf(approval.Reviewer), TimelineAction.Approved, details,
            decision: DecisionView.From(approval), tranches: TranchesOf(schedule, []), rights: rights);
        var reply = await context.CallActivityAsync<LedgerReply>(nameof(CommitCredit), new Commitment(Key, approval.ApprovedAmount, Today, approved.Steps) { Position = _position }, Retries).ConfigureAwait(true);
        _position = reply.Position;
        if (!reply.Succeeded)
        {
            await ExpireAsync(reply.Reason).ConfigureAwait(true);
            return null;
        }

        Apply(approved);
        Wake(reply.Woken); // a reduced approval frees the difference

        // Committed: the period's end no longer concerns this request.
        _periodTimer.Cancel();
        _periodEnd = null;
        return schedule;
    }
}
