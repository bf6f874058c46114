using Partenariat.Domain.Envelopes;

namespace Partenariat.Workflow.Envelopes;

/// <summary>The outcome of an operation on an envelope line's ledger, as the ledger activities answer it.</summary>
/// <param name="Outcome">What the ledger answered.</param>
/// <param name="Reason">Why it refused, if it did.</param>
/// <param name="Remaining">What the line can still hold after the operation.</param>
public sealed record LedgerReply(LedgerOutcome Outcome, string? Reason, decimal Remaining)
{
    /// <summary>Whether the operation took effect (now or before).</summary>
    public bool Succeeded => Outcome is LedgerOutcome.Applied or LedgerOutcome.AlreadyApplied;

    /// <summary>The reply for a ledger operation's result.</summary>
    public static LedgerReply From(LedgerResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new LedgerReply(result.Outcome, result.Reason, result.Ledger.Remaining);
    }
}
