using System.Collections.Immutable;
using Partenariat.Domain.Common;
using Partenariat.Domain.Conventions;

namespace Partenariat.Domain.Envelopes;

/// <summary>
/// The ledger of one envelope line over its convention period: an immutable value; every operation
/// returns a <see cref="LedgerResult"/> holding the ledger after it.
/// <list type="bullet">
/// <item>Never over-committed: <see cref="Reserved"/> + <see cref="Committed"/> never exceeds <see cref="Planned"/>.
/// A reservation that does not fit is refused with <see cref="LedgerOutcome.InsufficientCredit"/>, or, through
/// <see cref="ReserveOrWaitlist"/>, puts the request on the line's waitlist, where it holds no credit.</item>
/// <item>Operations are keyed by request id (disbursements by disbursement id) and idempotent: repeating one
/// with the same data returns <see cref="LedgerOutcome.AlreadyApplied"/> and counts nothing twice.</item>
/// <item>No redeployment: <see cref="Lapse"/> after the period drops the remaining reservations (their requests
/// expire), records the uncommitted remainder as <see cref="Lapsed"/> and refuses any further reservation or
/// commitment; credit released afterwards lapses too. Disbursements against existing commitments go on.</item>
/// <item>Bounded: the line's <see cref="Totals"/> travel with it, so an operation on one request needs the
/// totals and that request's position only (<see cref="Restore(EnvelopeLine, DatePeriod, LedgerTotals, IEnumerable{LedgerPosition})"/>),
/// whatever the number of requests on the line; <see cref="Verify"/> checks the totals against every position.</item>
/// </list>
/// Assumption (docs/domain.md, configurable by choosing the line amounts): commitments never exceed the line.
/// </summary>
public sealed partial class EnvelopeLedger
{
    private EnvelopeLedger(EnvelopeLine line, DatePeriod period, LedgerTotals totals, ImmutableDictionary<string, LedgerPosition> positions)
    {
        Line = line;
        Period = period;
        Totals = totals;
        PositionsByRequest = positions;
    }

    /// <summary>The envelope line.</summary>
    public EnvelopeLine Line { get; }

    /// <summary>The convention period the line belongs to.</summary>
    public DatePeriod Period { get; }

    /// <summary>The line's totals.</summary>
    public LedgerTotals Totals { get; }

    /// <summary>
    /// The positions this value holds, by request id: every position of the line when restored from
    /// all of them, or only those read for an operation (a store reads the position of the request
    /// an operation concerns: absent from here means absent from the line).
    /// </summary>
    public ImmutableDictionary<string, LedgerPosition> PositionsByRequest { get; }

    /// <summary>Whether the period's end has lapsed the line.</summary>
    public bool IsLapsed => Totals.IsLapsed;

    /// <summary>The line's planned amount (montant prévisionnel).</summary>
    public decimal Planned => Line.Amount;

    /// <summary>Credit reserved for requests awaiting the committee.</summary>
    public decimal Reserved => Totals.Reserved;

    /// <summary>Credit committed to approved requests (disbursed amounts included).</summary>
    public decimal Committed => Totals.Committed;

    /// <summary>Amount paid out.</summary>
    public decimal Disbursed => Totals.Disbursed;

    /// <summary>Credit that lapsed at the period's end, or was released after it (no redeployment).</summary>
    public decimal Lapsed => Totals.Lapsed;

    /// <summary>What the line can still hold; zero once lapsed.</summary>
    public decimal Remaining => IsLapsed ? 0m : Planned - Reserved - Committed;

    /// <summary>A new, empty ledger for <paramref name="line"/> over <paramref name="period"/>.</summary>
    public static EnvelopeLedger Open(EnvelopeLine line, DatePeriod period)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(period);
        return new EnvelopeLedger(line, period, LedgerTotals.Empty, ImmutableDictionary.Create<string, LedgerPosition>(StringComparer.Ordinal));
    }

    /// <summary>A new, empty ledger for line <paramref name="lineId"/> of <paramref name="convention"/>.</summary>
    public static EnvelopeLedger Open(Convention convention, string lineId)
    {
        ArgumentNullException.ThrowIfNull(convention);
        ArgumentException.ThrowIfNullOrWhiteSpace(lineId);
        var line = convention.FindLine(lineId)
            ?? throw new ArgumentException($"Convention '{convention.Id}' has no line '{lineId}'.", nameof(lineId));
        return Open(line, convention.Period);
    }

    /// <summary>The ledger of every position of a line (its totals computed from them), checked for consistency.</summary>
    /// <exception cref="ArgumentException">A position is inconsistent or duplicated, or the positions exceed the line or contradict the lapse.</exception>
    public static EnvelopeLedger Restore(EnvelopeLine line, DatePeriod period, IEnumerable<LedgerPosition> positions, bool isLapsed, decimal lapsed)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var all = Known(positions, isLapsed);
        return Restore(line, period, LedgerTotals.Of(all.Values, isLapsed, lapsed), all.Values);
    }

    /// <summary>
    /// The ledger of a line from its stored <paramref name="totals"/> and the positions read with them
    /// (those an operation concerns). On a lapsed line, a position still stored as reserved or
    /// waitlisted reads as expired: the lapse changes the totals only, at once, whatever the number
    /// of requests.
    /// </summary>
    /// <exception cref="ArgumentException">The totals or a position are inconsistent.</exception>
    public static EnvelopeLedger Restore(EnvelopeLine line, DatePeriod period, LedgerTotals totals, IEnumerable<LedgerPosition> known)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(known);
        if (TotalsProblem(line, totals) is { } problem)
        {
            throw new ArgumentException(problem, nameof(totals));
        }

        return new EnvelopeLedger(line, period, totals, Known(known, totals.IsLapsed));
    }

    /// <summary>
    /// What does not add up between the line's totals and <paramref name="allPositions"/> (every
    /// position of the line): empty when the ledger is consistent.
    /// </summary>
    public IReadOnlyList<string> Verify(IEnumerable<LedgerPosition> allPositions)
    {
        ArgumentNullException.ThrowIfNull(allPositions);
        var problems = new List<string>();
        if (TotalsProblem(Line, Totals) is { } problem)
        {
            problems.Add(problem);
        }

        ImmutableDictionary<string, LedgerPosition> all;
        try
        {
            all = Known(allPositions, IsLapsed);
        }
        catch (ArgumentException exception)
        {
            problems.Add(exception.Message);
            return problems;
        }

        var sums = LedgerTotals.Of(all.Values, IsLapsed, Lapsed);
        void Compare<T>(string what, T stored, T summed)
        {
            if (!EqualityComparer<T>.Default.Equals(stored, summed))
            {
                problems.Add($"Line '{Line.Id}': {what} is {stored} in its totals but {summed} over its positions.");
            }
        }

        Compare("reserved", Totals.Reserved, sums.Reserved);
        Compare("committed", Totals.Committed, sums.Committed);
        Compare("disbursed", Totals.Disbursed, sums.Disbursed);
        Compare("the number of reservations", Totals.ReservedRequests, sums.ReservedRequests);
        Compare("the number of commitments", Totals.CommittedRequests, sums.CommittedRequests);
        Compare("the number of waitlisted requests", Totals.WaitlistedRequests, sums.WaitlistedRequests);
        return problems;
    }

    /// <summary>The position of <paramref name="requestId"/>, if this value holds it.</summary>
    public LedgerPosition? Find(string requestId)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        return PositionsByRequest.GetValueOrDefault(requestId);
    }

    /// <summary>The requests whose held position is in <paramref name="status"/>, ordered by id.</summary>
    public IReadOnlyList<string> RequestIdsWith(LedgerPositionStatus status)
        => PositionsByRequest.Values.Where(p => p.Status == status).Select(p => p.RequestId).Order(StringComparer.Ordinal).ToArray();

    private static string? TotalsProblem(EnvelopeLine line, LedgerTotals totals)
    {
        var signs = totals.Reserved >= 0 && totals.Committed >= 0 && totals.Disbursed >= 0 && totals.Lapsed >= 0 && totals.Disbursed <= totals.Committed
            && totals.ReservedRequests >= 0 && totals.CommittedRequests >= 0 && totals.WaitlistedRequests >= 0;
        var fits = totals.IsLapsed
            ? totals.Reserved == 0 && totals.ReservedRequests == 0 && totals.WaitlistedRequests == 0 && totals.Committed + totals.Lapsed == line.Amount
            : totals.Lapsed == 0 && totals.Reserved + totals.Committed <= line.Amount;
        return signs && fits ? null : $"The totals of line '{line.Id}' are inconsistent: {totals}.";
    }

    private static ImmutableDictionary<string, LedgerPosition> Known(IEnumerable<LedgerPosition> positions, bool isLapsed)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, LedgerPosition>(StringComparer.Ordinal);
        foreach (var stored in positions)
        {
            ArgumentNullException.ThrowIfNull(stored);
            var p = isLapsed && stored.Status is LedgerPositionStatus.Reserved or LedgerPositionStatus.Waitlisted
                ? stored with { Status = LedgerPositionStatus.Expired, Reserved = 0m, Waiting = 0m }
                : stored;
            var consistent = p.Disbursements is not null && p.Reserved >= 0 && p.Committed >= 0 && p.Disbursed >= 0 && p.Disbursed <= p.Committed && p.Waiting >= 0
                && p.Disbursements.Values.Sum() == p.Disbursed
                && (p.Status == LedgerPositionStatus.Reserved || p.Reserved == 0)
                && (p.Status is LedgerPositionStatus.Committed or LedgerPositionStatus.Released || p.Committed == 0)
                && (p.Status != LedgerPositionStatus.Released || p.Committed == p.Disbursed)
                && (p.Status == LedgerPositionStatus.Waitlisted) == (p.Waiting > 0);
            if (!consistent || !builder.TryAdd(p.RequestId, p))
            {
                throw new ArgumentException($"Position of request '{p.RequestId}' is inconsistent or duplicated.", nameof(positions));
            }
        }

        return builder.ToImmutable();
    }

    private LedgerResult Applied(LedgerPosition position, LedgerTotals totals, LedgerMovement movement) =>
        new(LedgerOutcome.Applied, new EnvelopeLedger(Line, Period, totals, PositionsByRequest.SetItem(position.RequestId, position)), null) { Movement = movement };

    private LedgerResult Unchanged(LedgerOutcome outcome, string reason) => new(outcome, this, reason);

    private LedgerResult Refuse(LedgerOutcome outcome, string reason) => new(outcome, this, reason);
}
