using Microsoft.DurableTask;
using Partenariat.Domain.Disbursements;
using Partenariat.Workflow.Documents;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Notifications;

namespace Partenariat.Workflow.Requests.Activities;

/// <summary>The input of <see cref="PayTranche"/>.</summary>
/// <param name="Key">The request.</param>
/// <param name="Tranche">The tranche paid.</param>
/// <param name="PaidOn">The payment date (the orchestration's clock).</param>
/// <param name="EvidenceDocumentId">The document that proves the milestone.</param>
/// <param name="Then">The steps to record once paid (the payment, and at the last tranche the rights assigned and the closure).</param>
public sealed record TranchePayment(RequestKey Key, TrancheView Tranche, DateOnly PaidOn, string EvidenceDocumentId, IReadOnlyList<RequestStep> Then)
{
    /// <summary>The step to record instead when the evidence does not prove the milestone (its details: why).</summary>
    public IReadOnlyList<RequestStep> IfRefused { get; init; } = [];

    /// <summary>The request's position as its last ledger operation left it (spares the position's read; see <see cref="PositionVersion"/>); null: read it.</summary>
    public PositionVersion? Position { get; init; }

    /// <summary>The disbursement's idempotency key: one payment per request and tranche, ever.</summary>
    public string DisbursementId => PaymentOrder.DisbursementIdOf(Key.RequestId, Tranche.Number);
}

/// <summary>What became of a tranche's payment.</summary>
/// <param name="Paid">Paid now (false when it had already been paid, or was refused).</param>
/// <param name="Refusal">Why the evidence does not prove the milestone; null when it does.</param>
/// <param name="Evidence">
/// The evidence judged (the payment's <see cref="TranchePayment.EvidenceDocumentId"/>), so that the
/// orchestration knows an outcome of another payment (see <c>RequestLife.PayAsync</c>); null in
/// outcomes recorded before outcomes named it.
/// </param>
public sealed record TrancheOutcome(bool Paid, string? Refusal, string? Evidence = null)
{
    /// <summary>The request's position after the payment (the one the payment was given when nothing was paid), for its next ledger operation.</summary>
    public PositionVersion? Position { get; init; }
}

/// <summary>
/// Pays a tranche on its evidence, exactly once in effect. The evidence must be a document of the
/// request, of the kind the milestone needs (a works start order for the first tranche, a
/// completion declaration for the balance); otherwise nothing is paid and the refusal is recorded.
/// The ledger's disbursement is idempotent by disbursement id, and its payment order (keyed by
/// request and tranche) is stored in the same transaction, so a retried or re-run activity finds
/// the disbursement applied and writes nothing; then it records what follows the payment.
/// </summary>
public sealed class PayTranche(EnvelopeLedgerStore ledgers, StepNotifier steps, FinancingRequestStore requests, MilestoneEvidence evidence) : TaskActivity<TranchePayment, TrancheOutcome>
{
    /// <inheritdoc />
    public override async Task<TrancheOutcome> RunAsync(TaskActivityContext context, TranchePayment input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Read once (or kept by this process): the evidence is checked on the documents it lists, and
        // the steps are written on it. A refusal is never answered on the version kept: a document
        // listed since would not show on it.
        var read = await requests.GetKeptOrReadAsync(input.Key.LandlordId, input.Key.RequestId).ConfigureAwait(false);
        var refusal = await EvidenceRefusalAsync(input, read?.View).ConfigureAwait(false);
        if (refusal is not null && read is { IsKept: true })
        {
            read = await requests.GetWithETagAsync(input.Key.LandlordId, input.Key.RequestId).ConfigureAwait(false);
            refusal = await EvidenceRefusalAsync(input, read?.View).ConfigureAwait(false);
        }

        if (refusal is not null)
        {
            var refused = input.IfRefused.Select(s => s with { Entry = s.Entry with { Details = $"{s.Entry.Details}{refusal}" } }).ToList();
            await steps.RecordAsync(input.Key, refused, read).ConfigureAwait(false);
            return new TrancheOutcome(false, refusal, input.EvidenceDocumentId) { Position = input.Position };
        }

        var order = new PaymentOrder(input.DisbursementId, input.Key.RequestId, input.Key.LandlordId, input.Tranche.Number, input.Tranche.Milestone.ToString(),
            input.Tranche.Amount, input.PaidOn, input.EvidenceDocumentId);
        var result = await ledgers.ApplyAsync(input.Key.Line, input.Key.RequestId, input.PaidOn, l => l.Disburse(input.Key.RequestId, input.DisbursementId, input.Tranche.Amount), order, input.Position).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The ledger refused disbursement '{input.DisbursementId}': {result.Result.Reason}");
        }

        await steps.RecordAsync(input.Key, input.Then, read).ConfigureAwait(false);
        return new TrancheOutcome(result.Outcome == Domain.Envelopes.LedgerOutcome.Applied, null, input.EvidenceDocumentId) { Position = result.Position };
    }

    /// <summary>Why the evidence does not prove the tranche's milestone (<see cref="MilestoneEvidence"/>), or null.</summary>
    private async Task<string?> EvidenceRefusalAsync(TranchePayment input, FinancingRequestView? view)
    {
        var needed = MilestoneEvidence.KindFor(input.Tranche.Milestone);
        var kind = await evidence.KindOfAsync(input.Key.LandlordId, input.Key.RequestId, view, input.EvidenceDocumentId).ConfigureAwait(false);
        return kind switch
        {
            null => $"the request has no document '{input.EvidenceDocumentId}'.",
            { } other when other != needed => $"document '{input.EvidenceDocumentId}' is a {other}, and this tranche needs a {needed}.",
            _ => null,
        };
    }
}
