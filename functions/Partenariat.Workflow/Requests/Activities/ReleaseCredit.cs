using Microsoft.DurableTask;
using Partenariat.Domain.Envelopes;
using Partenariat.Domain.Requests;

namespace Partenariat.Workflow.Requests.Activities;

/// <summary>
/// Releases the request's credit (a reservation, or the unpaid part of a commitment) and returns
/// the waitlisted requests of the same line, oldest first, to wake them.
/// </summary>
public sealed class ReleaseCredit(Envelopes.EnvelopeLedgerStore ledgers, FinancingRequestStore requests) : TaskActivity<RequestKey, IReadOnlyList<string>>
{
    /// <inheritdoc />
    public override async Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, RequestKey input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await ledgers.ApplyAsync(input.ConventionId, input.EnvelopeLineId, l => l.Find(input.RequestId) is null ? new LedgerResult(LedgerOutcome.NotFound, l, null) : l.Release(input.RequestId)).ConfigureAwait(false);
        var waitlisted = await requests.ListByStatusAsync(RequestState.Waitlisted, input.Line).ConfigureAwait(false);
        return waitlisted.OrderBy(v => v.SubmittedAt).Select(v => v.RequestId).Where(id => id != input.RequestId).ToList();
    }
}
