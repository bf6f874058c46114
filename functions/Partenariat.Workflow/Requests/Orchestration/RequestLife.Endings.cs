using Microsoft.DurableTask;
using Partenariat.Domain.Decisions;
using Partenariat.Domain.Disbursements;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Requests.Activities;

namespace Partenariat.Workflow.Requests.Orchestration;

// How a life ends before its closure: withdrawal by the landlord, rejection by the committee,
// cancellation by an operator, expiry at the period's end. Whatever credit the request held is
// released, and the waitlisted requests of its line are woken.
internal sealed partial class RequestLife
{
    private async Task WithdrawAsync(RequestEvent withdrawal)
    {
        await RecordAsync(Plan().Move(RequestTrigger.Withdraw, withdrawal.Actor, TimelineAction.Withdrawn, withdrawal.Text)).ConfigureAwait(true);
        await ReleaseCreditAsync().ConfigureAwait(true);
    }

    private async Task RejectAsync(GrantDecision rejection, string reviewer)
    {
        await RecordAsync(Plan().Move(RequestTrigger.Reject, reviewer, TimelineAction.Rejected, rejection.Reason, decision: DecisionView.From(rejection))).ConfigureAwait(true);
        await ReleaseCreditAsync().ConfigureAwait(true);
    }

    private async Task CancelAsync(RequestEvent cancellation, DisbursementSchedule schedule)
    {
        var details = $"{cancellation.Text} Paid so far, to recover: {schedule.Disbursed:0.##} €.";
        await RecordAsync(Plan().Move(RequestTrigger.Cancel, cancellation.Actor, TimelineAction.Cancelled, details)).ConfigureAwait(true);
        await ReleaseCreditAsync().ConfigureAwait(true);
    }

    /// <summary>The period ended before the commitment: the request expires and its line lapses (no redeployment).</summary>
    private async Task ExpireAsync(string? reason)
    {
        await RecordAsync(Plan().Move(RequestTrigger.Expire, System, TimelineAction.Expired, reason ?? "The period ended before the commitment (no redeployment).")).ConfigureAwait(true);
        var lapse = new LineLapse(Key.Line, DateOnly.FromDateTime(input.ClosesAt.UtcDateTime));
        await context.CallActivityAsync<LedgerReply>(nameof(LapseEnvelopeLine), lapse, Retries).ConfigureAwait(true);
    }

    /// <summary>
    /// The workflow failed (an activity failed after its retries, or a rule was broken): release
    /// what the request holds first, then record the failure. Either may fail in turn (storage
    /// down): the reconciler then finds the request's instance failed and does the same.
    /// </summary>
    private async Task CompensateAsync(Exception failure)
    {
        try
        {
            await ReleaseCreditAsync().ConfigureAwait(true);
            if (!RequestLifecycle.IsTerminal(_state))
            {
                var what = failure is TaskFailedException { FailureDetails: { } details } ? $"{details.ErrorType}: {details.ErrorMessage}" : $"{failure.GetType().Name}: {failure.Message}";
                var detailsText = $"The workflow failed ({Bounded(what)}); what the request held on its envelope line was released.";
                await RecordAsync(Plan().Move(RequestTrigger.Fail, System, TimelineAction.Failed, detailsText)).ConfigureAwait(true);
            }
        }
        catch (TaskFailedException)
        {
            // Storage still failing: left to the reconciler, which releases credit held by failed instances.
        }
    }

    private static string Bounded(string text) => text.Length <= 500 ? text : text[..500] + "…";

    /// <summary>Releases what the request holds on its line and wakes the waitlisted requests the freed credit can hold.</summary>
    private async Task ReleaseCreditAsync()
    {
        var reply = await context.CallActivityAsync<LedgerReply>(nameof(ReleaseCredit), new CreditRelease(Key, Today) { Position = _position }, Retries).ConfigureAwait(true);
        _position = reply.Position;
        Wake(reply.Woken);
    }

    /// <summary>Wakes waitlisted requests of the line, in the waitlist's order (the ledger chose them: those the freed credit can hold).</summary>
    private void Wake(IReadOnlyList<string>? waitlisted)
    {
        foreach (var requestId in waitlisted ?? [])
        {
            context.SendEvent(requestId, RequestEvent.Name, new RequestEvent(RequestEventKind.CreditReleased, System));
        }
    }
}
