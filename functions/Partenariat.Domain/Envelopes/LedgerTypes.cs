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

    /// <summary>The line could not hold the request: it waits, holding no credit, for credit to be released (<see cref="LedgerPosition.Waiting"/>).</summary>
    Waitlisted,
}

/// <summary>What a ledger operation did.</summary>
public enum LedgerOutcome
{
    /// <summary>The operation changed the ledger.</summary>
    Applied,

    /// <summary>The line could not hold the reservation: the request is on the line's waitlist (a change, unless it already was).</summary>
    Waitlisted,

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

    /// <summary>What the operation changed, when it changed the ledger; null otherwise.</summary>
    public LedgerMovement? Movement { get; init; }
}

/// <summary>The kinds of change a ledger records.</summary>
public enum LedgerMovementKind
{
    /// <summary>Credit reserved for a request.</summary>
    Reserved,

    /// <summary>A request put on the line's waitlist (no credit held).</summary>
    Waitlisted,

    /// <summary>A reservation committed; a reduced amount frees the difference.</summary>
    Committed,

    /// <summary>Credit given back (a reservation, or the unpaid part of a commitment); a waitlisted request leaving the waitlist frees nothing.</summary>
    Released,

    /// <summary>A tranche paid out of a commitment.</summary>
    Disbursed,

    /// <summary>The period ended: reservations expired and the uncommitted remainder lapsed.</summary>
    Lapsed,
}

/// <summary>One change of a line's ledger: what the ledger's record (and its chain of entries) keeps.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="RequestId">The request concerned; null for a lapse.</param>
/// <param name="Amount">The amount reserved, committed, disbursed, waiting, or lapsed.</param>
/// <param name="Freed">Credit given back to the line by the change (a release, a reduced commitment); zero otherwise.</param>
/// <param name="DisbursementId">The disbursement's key, for a disbursement.</param>
public sealed record LedgerMovement(LedgerMovementKind Kind, string? RequestId, decimal Amount, decimal Freed, string? DisbursementId = null);

/// <summary>
/// A line's totals, kept with the line so that an operation reads the line and one position, not
/// every position: what is reserved, committed, disbursed and lapsed, and how many requests hold a
/// reservation, a commitment, or wait.
/// </summary>
public sealed record LedgerTotals(
    decimal Reserved,
    decimal Committed,
    decimal Disbursed,
    decimal Lapsed,
    bool IsLapsed,
    int ReservedRequests,
    int CommittedRequests,
    int WaitlistedRequests)
{
    /// <summary>A line no request has touched.</summary>
    public static LedgerTotals Empty { get; } = new(0m, 0m, 0m, 0m, false, 0, 0, 0);

    /// <summary>The totals of <paramref name="positions"/> (every position of a line).</summary>
    public static LedgerTotals Of(IEnumerable<LedgerPosition> positions, bool isLapsed, decimal lapsed)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var all = positions.ToList();
        return new(
            all.Sum(p => p.Reserved), all.Sum(p => p.Committed), all.Sum(p => p.Disbursed), lapsed, isLapsed,
            all.Count(p => p.Status == LedgerPositionStatus.Reserved),
            all.Count(p => p.Status == LedgerPositionStatus.Committed),
            all.Count(p => p.Status == LedgerPositionStatus.Waitlisted));
    }
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
    ImmutableDictionary<string, decimal> Disbursements)
{
    /// <summary>For a waitlisted request, the amount it waits for; zero otherwise.</summary>
    public decimal Waiting { get; init; }

    /// <summary>A position that has touched nothing yet.</summary>
    public static LedgerPosition New(string requestId, LedgerPositionStatus status) =>
        new(requestId, status, 0m, 0m, 0m, ImmutableDictionary.Create<string, decimal>(StringComparer.Ordinal));
}
