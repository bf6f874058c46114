using System.Collections.Immutable;

namespace Partenariat.Domain.Envelopes;

/// <summary>Where one request stands on an envelope line.</summary>
public enum LedgerPositionStatus
{
    /// <summary>Credit is reserved for the request (réservation), pending the committee's decision.</summary>
    Reserved,

    /// <summary>Credit is committed (engagement) after approval; disbursements draw on it.</summary>
    Committed,

    /// <summary>
    /// The reservation or the unpaid part of the commitment was given back (rejection, withdrawal,
    /// cancellation). Amounts already disbursed stay recorded, for recovery.
    /// </summary>
    Released,

    /// <summary>The reservation was dropped when the period ended before the commitment.</summary>
    Expired,
}

/// <summary>What a ledger operation did.</summary>
public enum LedgerOutcome
{
    /// <summary>The operation changed the ledger.</summary>
    Applied,

    /// <summary>The same operation (same key, same data) was already applied: nothing changed.</summary>
    AlreadyApplied,

    /// <summary>The line cannot hold the amount: the caller waitlists the request.</summary>
    InsufficientCredit,

    /// <summary>The period has ended and the line has lapsed: no more reservations or commitments.</summary>
    LineLapsed,

    /// <summary>The date is outside the convention period (or, for a lapse, the period is not over).</summary>
    OutsidePeriod,

    /// <summary>There is no position for the request, or not the one the operation needs.</summary>
    NotFound,

    /// <summary>The key was already used with other data, or the position is in another state.</summary>
    Conflict,

    /// <summary>A disbursement would exceed the request's commitment.</summary>
    ExceedsCommitment,
}

/// <summary>The outcome of a ledger operation, with the ledger after it (the same instance when unchanged).</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Ledger">The ledger after the operation.</param>
/// <param name="Reason">Why the operation was refused or had no effect; null when applied.</param>
public sealed record LedgerResult(LedgerOutcome Outcome, EnvelopeLedger Ledger, string? Reason)
{
    /// <summary>True when the operation was applied now or earlier (idempotent replay).</summary>
    public bool Succeeded => Outcome is LedgerOutcome.Applied or LedgerOutcome.AlreadyApplied;
}

/// <summary>One request's position on an envelope line.</summary>
/// <param name="RequestId">The financing request's id, the ledger's key.</param>
/// <param name="Status">Where the position stands.</param>
/// <param name="Reserved">Credit currently reserved (zero once committed, released or expired).</param>
/// <param name="Committed">Credit currently committed, disbursed amounts included.</param>
/// <param name="Disbursed">Amount disbursed so far (never more than <paramref name="Committed"/>).</param>
/// <param name="Disbursements">Disbursed amounts by disbursement id (the idempotency key of a disbursement).</param>
public sealed record LedgerPosition(
    string RequestId,
    LedgerPositionStatus Status,
    decimal Reserved,
    decimal Committed,
    decimal Disbursed,
    ImmutableDictionary<string, decimal> Disbursements);
