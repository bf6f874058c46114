using Partenariat.Domain.Envelopes;

namespace Partenariat.Workflow.Envelopes;

/// <summary>The outcome of an operation on an envelope line's ledger, as the ledger activities answer it.</summary>
/// <param name="Outcome">What the ledger answered.</param>
/// <param name="Reason">Why it refused, if it did.</param>
/// <param name="Remaining">What the line can still hold after the operation.</param>
/// <param name="Woken">Waitlisted requests the credit the operation freed can hold, oldest first: the orchestration wakes them.</param>
public sealed record LedgerReply(LedgerOutcome Outcome, string? Reason, decimal Remaining, IReadOnlyList<string>? Woken = null)
{
    /// <summary>The request's position after the operation, for the request's next one (<see cref="PositionVersion"/>); null when unknown (and in replies recorded before replies carried it).</summary>
    public PositionVersion? Position { get; init; }

    /// <summary>Whether the operation took effect (now or before).</summary>
    public bool Succeeded => Outcome is LedgerOutcome.Applied or LedgerOutcome.AlreadyApplied;

    /// <summary>The reply for a stored ledger operation.</summary>
    public static LedgerReply From(LedgerOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new LedgerReply(operation.Outcome, operation.Result.Reason, operation.Result.Ledger.Remaining, operation.Woken.Count == 0 ? null : operation.Woken)
        {
            Position = operation.Position,
        };
    }
}
