using Azure.Storage.Queues;
using Microsoft.DurableTask;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Notifications;

namespace Partenariat.Workflow.Requests.Activities;

/// <summary>The input of <see cref="ReserveCredit"/>.</summary>
/// <param name="Key">The request.</param>
/// <param name="Amount">The amount to reserve.</param>
/// <param name="On">The day of the reservation (the orchestration's clock).</param>
/// <param name="Review">Once reserved, the committee's review to send, with the steps to record (none are recorded when the line refuses).</param>
public sealed record Reservation(RequestKey Key, decimal Amount, DateOnly On, ReviewRequest Review)
{
    /// <summary>The request's position as its last ledger operation left it (spares the position's read; see <see cref="PositionVersion"/>); null: read it.</summary>
    public PositionVersion? Position { get; init; }
}

/// <summary>
/// Reserves the requested amount on the request's envelope line, if the line can hold it (else puts
/// the request on the line's waitlist, answering Waitlisted); then
/// sends the request to the committee and records the steps, all in one activity (one durable
/// round trip, one write of the view). Idempotent: the ledger answers AlreadyApplied for a request
/// it holds, and nothing is sent again once the steps are recorded.
/// </summary>
public sealed class ReserveCredit(EnvelopeLedgerStore ledgers, FinancingRequestStore requests, StepNotifier notifier, QueueServiceClient queues, ConventionDirectory conventions)
    : TaskActivity<Reservation, LedgerReply>
{
    /// <inheritdoc />
    public override async Task<LedgerReply> RunAsync(TaskActivityContext context, Reservation input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await ledgers.ApplyAsync(input.Key.Line, input.Key.RequestId, input.On, l => l.ReserveOrWaitlist(input.Key.RequestId, input.Amount, input.On), known: input.Position).ConfigureAwait(false);
        if (result.Succeeded)
        {
            await new SendForReview(queues, requests, notifier, conventions).SendAsync(input.Review).ConfigureAwait(false);
        }

        return LedgerReply.From(result);
    }
}
