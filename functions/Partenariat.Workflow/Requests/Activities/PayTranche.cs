using Microsoft.DurableTask;
using Partenariat.Workflow.Envelopes;

namespace Partenariat.Workflow.Requests.Activities;

/// <summary>The input of <see cref="PayTranche"/>.</summary>
/// <param name="Key">The request.</param>
/// <param name="Tranche">The tranche paid.</param>
/// <param name="PaidOn">The payment date (the orchestration's clock).</param>
/// <param name="EvidenceDocumentId">The document that proves the milestone.</param>
/// <param name="Then">The steps to record once paid (the payment, and at the last tranche the rights assigned and the closure).</param>
public sealed record TranchePayment(RequestKey Key, TrancheView Tranche, DateOnly PaidOn, string EvidenceDocumentId, IReadOnlyList<RequestStep> Then)
{
    /// <summary>The disbursement's idempotency key: one payment per request and tranche, ever.</summary>
    public string DisbursementId => PaymentOrder.DisbursementIdOf(Key.RequestId, Tranche.Number);
}

/// <summary>
/// Pays a tranche exactly once in effect: the ledger's disbursement is idempotent by disbursement
/// id, and its payment order (keyed by request and tranche) is stored in the same transaction, so
/// a retried or re-run activity finds the disbursement applied and writes nothing; then records
/// what follows the payment. Returns false when the tranche had already been paid.
/// </summary>
public sealed class PayTranche(EnvelopeLedgerStore ledgers, FinancingRequestStore requests) : TaskActivity<TranchePayment, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, TranchePayment input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var order = new PaymentOrder(input.DisbursementId, input.Key.RequestId, input.Key.LandlordId, input.Tranche.Number, input.Tranche.Milestone.ToString(),
            input.Tranche.Amount, input.PaidOn, input.EvidenceDocumentId);
        var result = await ledgers.ApplyAsync(input.Key.Line, input.Key.RequestId, input.PaidOn, l => l.Disburse(input.Key.RequestId, input.DisbursementId, input.Tranche.Amount), order).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The ledger refused disbursement '{input.DisbursementId}': {result.Result.Reason}");
        }

        await requests.RecordStepsAsync(input.Key, input.Then).ConfigureAwait(false);
        return result.Outcome == Domain.Envelopes.LedgerOutcome.Applied;
    }
}
