using Partenariat.Domain.Envelopes;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Requests.Activities;

namespace Partenariat.Workflow.Requests.Orchestration;

// Phase 1: the review. The requested amount is reserved on the envelope line and the request goes
// before the committee (one activity: reservation, eligibility checks, review message, steps).
// A line that cannot hold it puts it on the line's waitlist (in the same ledger transaction as the
// refusal, so no release can slip between them) until the credit released is enough for it, in
// the waitlist's order, or until the period ends.
internal sealed partial class RequestLife
{
    /// <summary>Reviews the request and reserves its credit; false when its life ended meanwhile.</summary>
    private async Task<bool> ReviewAndReserveAsync()
    {
        var review = Plan().Move(RequestTrigger.StartReview, System, TimelineAction.ReviewStarted, "Eligibility checks and envelope reservation.");
        var reply = await ReserveAndSendToCommitteeAsync(review).ConfigureAwait(true);
        if (reply.Succeeded)
        {
            return true;
        }

        if (IsPeriodOver(reply))
        {
            await RecordAsync(review).ConfigureAwait(true);
            await ExpireAsync(reply.Reason).ConfigureAwait(true);
            return false;
        }

        if (reply.Outcome != LedgerOutcome.Waitlisted)
        {
            throw new InvalidOperationException($"The ledger refused the reservation of request '{Key.RequestId}': {reply.Outcome}, {reply.Reason}");
        }

        await RecordAsync(review.Move(RequestTrigger.Waitlist, System, TimelineAction.Waitlisted, reply.Reason)).ConfigureAwait(true);
        return await WaitOnWaitlistAsync().ConfigureAwait(true);
    }

    /// <summary>
    /// On the waitlist: woken when released credit can hold it, it tries the line again; nothing is
    /// recorded while it still does not fit (another request took the room first). Withdrawal and
    /// the period's end end it.
    /// </summary>
    private async Task<bool> WaitOnWaitlistAsync()
    {
        while (await AwaitCreditReleasedAsync().ConfigureAwait(true))
        {
            var released = Plan().Move(RequestTrigger.ReleaseFromWaitlist, System, TimelineAction.LeftWaitlist, "Credit was released on the line.");
            var reply = await ReserveAndSendToCommitteeAsync(released).ConfigureAwait(true);
            if (reply.Succeeded)
            {
                return true;
            }

            if (IsPeriodOver(reply))
            {
                await ExpireAsync(reply.Reason).ConfigureAwait(true);
                return false;
            }
        }

        return false;
    }

    /// <summary>Waits for credit to be released on the line; false when the request's life ended instead.</summary>
    private async Task<bool> AwaitCreditReleasedAsync()
    {
        while (true)
        {
            switch (await NextAsync().ConfigureAwait(true))
            {
                case null:
                    await ExpireAsync("The period ended while the request was waitlisted.").ConfigureAwait(true);
                    return false;
                case { Kind: RequestEventKind.CreditReleased }:
                    return true;
                case { Kind: RequestEventKind.Withdrawal } withdrawal:
                    await WithdrawAsync(withdrawal).ConfigureAwait(true);
                    return false;
                case { } other:
                    await RefuseAsync(other).ConfigureAwait(true);
                    break;
            }
        }
    }

    /// <summary>
    /// Reserves the requested amount and, only if the line holds it, sends the request to the
    /// committee (round 1) and records <paramref name="before"/>, the reservation and the sending.
    /// </summary>
    private async Task<LedgerReply> ReserveAndSendToCommitteeAsync(PlannedSteps before)
    {
        var amount = input.Request.RequestedTotal;
        var steps = before
            .Note(System, TimelineAction.CreditReserved, $"{amount:0.##} € reserved on {Key.EnvelopeLineId}.")
            .Move(RequestTrigger.SendToCommittee, System, TimelineAction.SentToCommittee, null) // its details: the checks' findings, by the activity
            .InRound(_round + 1);
        var review = new ReviewRequest(Key, steps.Steps, _round + 1, Findings: null);
        var reply = await context.CallActivityAsync<LedgerReply>(nameof(ReserveCredit), new Reservation(Key, amount, Today, review) { Position = _position }, Retries).ConfigureAwait(true);
        _position = reply.Position;
        if (reply.Succeeded)
        {
            _round++;
            Apply(steps);
        }

        return reply;
    }

    private static bool IsPeriodOver(LedgerReply reply) => reply.Outcome is LedgerOutcome.LineLapsed or LedgerOutcome.OutsidePeriod;
}
