using System.Collections.Immutable;
using Partenariat.Domain.Common;
using Partenariat.Domain.Conventions;

namespace Partenariat.Domain.Envelopes;

/// <summary>
/// The ledger of one envelope line over its convention period: an immutable value; every operation
/// returns a <see cref="LedgerResult"/> holding the ledger after it.
/// <list type="bullet">
/// <item>Never over-committed: <see cref="Reserved"/> + <see cref="Committed"/> never exceeds <see cref="Planned"/>.
/// A reservation that does not fit is refused with <see cref="LedgerOutcome.InsufficientCredit"/> (the caller waitlists).</item>
/// <item>Operations are keyed by request id (disbursements by disbursement id) and idempotent: repeating one
/// with the same data returns <see cref="LedgerOutcome.AlreadyApplied"/> and counts nothing twice.</item>
/// <item>No redeployment: <see cref="Lapse"/> after the period drops the remaining reservations (their requests
/// expire), records the uncommitted remainder as <see cref="Lapsed"/> and refuses any further reservation or
/// commitment; credit released afterwards lapses too. Disbursements against existing commitments go on.</item>
/// </list>
/// Assumption (docs/domain.md, configurable by choosing the line amounts): commitments never exceed the line.
/// </summary>
public sealed class EnvelopeLedger
{
    private EnvelopeLedger(EnvelopeLine line, DatePeriod period, ImmutableDictionary<string, LedgerPosition> positions, bool isLapsed, decimal lapsed)
    {
        Line = line;
        Period = period;
        PositionsByRequest = positions;
        IsLapsed = isLapsed;
        Lapsed = lapsed;
    }

    /// <summary>The envelope line.</summary>
    public EnvelopeLine Line { get; }

    /// <summary>The convention period the line belongs to.</summary>
    public DatePeriod Period { get; }

    /// <summary>The positions, by request id.</summary>
    public ImmutableDictionary<string, LedgerPosition> PositionsByRequest { get; }

    /// <summary>True once the period has ended and the remainder has lapsed.</summary>
    public bool IsLapsed { get; }

    /// <summary>The line's planned amount (montant prévisionnel).</summary>
    public decimal Planned => Line.Amount;

    /// <summary>Credit reserved for requests awaiting the committee.</summary>
    public decimal Reserved => PositionsByRequest.Values.Sum(p => p.Reserved);

    /// <summary>Credit committed to approved requests (disbursed amounts included).</summary>
    public decimal Committed => PositionsByRequest.Values.Sum(p => p.Committed);

    /// <summary>Amount disbursed.</summary>
    public decimal Disbursed => PositionsByRequest.Values.Sum(p => p.Disbursed);

    /// <summary>Credit that lapsed at period end (uncommitted remainder, plus credit released since).</summary>
    public decimal Lapsed { get; }

    /// <summary>Credit still available for reservations: zero once lapsed.</summary>
    public decimal Remaining => IsLapsed ? 0m : Planned - Reserved - Committed;

    /// <summary>Opens an empty ledger for <paramref name="line"/> over <paramref name="period"/>.</summary>
    public static EnvelopeLedger Open(EnvelopeLine line, DatePeriod period)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(period);
        return new EnvelopeLedger(line, period, ImmutableDictionary.Create<string, LedgerPosition>(StringComparer.Ordinal), false, 0m);
    }

    /// <summary>Opens an empty ledger for line <paramref name="lineId"/> of <paramref name="convention"/>.</summary>
    /// <exception cref="ArgumentException">The convention has no such line.</exception>
    public static EnvelopeLedger Open(Convention convention, string lineId)
    {
        ArgumentNullException.ThrowIfNull(convention);
        ArgumentException.ThrowIfNullOrWhiteSpace(lineId);
        var line = convention.FindLine(lineId)
            ?? throw new ArgumentException($"Convention '{convention.Id}' has no line '{lineId}'.", nameof(lineId));
        return Open(line, convention.Period);
    }

    /// <summary>
    /// Rebuilds a ledger from stored positions (e.g. one table row per request).
    /// </summary>
    /// <exception cref="ArgumentException">The positions break the ledger's invariants.</exception>
    public static EnvelopeLedger Restore(EnvelopeLine line, DatePeriod period, IEnumerable<LedgerPosition> positions, bool isLapsed, decimal lapsed)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentOutOfRangeException.ThrowIfNegative(lapsed);
        var builder = ImmutableDictionary.CreateBuilder<string, LedgerPosition>(StringComparer.Ordinal);
        foreach (var p in positions)
        {
            ArgumentNullException.ThrowIfNull(p);
            var consistent = p.Disbursements is not null && p.Reserved >= 0 && p.Committed >= 0 && p.Disbursed >= 0 && p.Disbursed <= p.Committed
                && p.Disbursements.Values.Sum() == p.Disbursed
                && (p.Status == LedgerPositionStatus.Reserved || p.Reserved == 0)
                && (p.Status is LedgerPositionStatus.Committed or LedgerPositionStatus.Released || p.Committed == 0)
                && (p.Status != LedgerPositionStatus.Released || p.Committed == p.Disbursed);
            if (!consistent || !builder.TryAdd(p.RequestId, p))
            {
                throw new ArgumentException($"Position of request '{p.RequestId}' is inconsistent or duplicated.", nameof(positions));
            }
        }

        var ledger = new EnvelopeLedger(line, period, builder.ToImmutable(), isLapsed, lapsed);
        var consistentTotals = isLapsed
            ? ledger.Reserved == 0 && ledger.Committed + lapsed == ledger.Planned
            : lapsed == 0 && ledger.Reserved + ledger.Committed <= ledger.Planned;
        if (!consistentTotals)
        {
            throw new ArgumentException("The positions exceed the line or contradict the lapse.", nameof(positions));
        }

        return ledger;
    }

    /// <summary>The position of request <paramref name="requestId"/>, or null.</summary>
    public LedgerPosition? Find(string requestId)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        return PositionsByRequest.GetValueOrDefault(requestId);
    }

    /// <summary>The ids of the requests whose position has <paramref name="status"/>, in ordinal order.</summary>
    public IReadOnlyList<string> RequestIdsWith(LedgerPositionStatus status)
        => PositionsByRequest.Values.Where(p => p.Status == status).Select(p => p.RequestId).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Reserves <paramref name="amount"/> for a request on <paramref name="on"/> (within the period).
    /// Refused, not thrown, when it does not fit (<see cref="LedgerOutcome.InsufficientCredit"/>).
    /// </summary>
    public LedgerResult Reserve(string requestId, decimal amount, DateOnly on)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        if (IsLapsed)
        {
            return Refuse(LedgerOutcome.LineLapsed, $"Line '{Line.Id}' lapsed at the end of the period {Period}: no new reservation (no redeployment).");
        }

        if (!Period.Contains(on))
        {
            return Refuse(LedgerOutcome.OutsidePeriod, $"{on:yyyy-MM-dd} is outside the period {Period}: credit can be reserved only within it.");
        }

        if (PositionsByRequest.TryGetValue(requestId, out var existing))
        {
            return existing.Status == LedgerPositionStatus.Reserved && existing.Reserved == amount
                ? Unchanged(LedgerOutcome.AlreadyApplied, $"{Amounts.Format(amount)} is already reserved for request '{requestId}'.")
                : Refuse(LedgerOutcome.Conflict, $"Request '{requestId}' already has a {existing.Status} position on line '{Line.Id}' (reserved {Amounts.Format(existing.Reserved)}, committed {Amounts.Format(existing.Committed)}).");
        }

        if (amount > Remaining)
        {
            return Refuse(LedgerOutcome.InsufficientCredit, $"Line '{Line.Id}' has {Amounts.Format(Remaining)} left, less than the {Amounts.Format(amount)} requested: the request waits for released credit.");
        }

        var position = new LedgerPosition(requestId, LedgerPositionStatus.Reserved, amount, 0m, 0m, ImmutableDictionary.Create<string, decimal>(StringComparer.Ordinal));
        return Applied(PositionsByRequest.SetItem(requestId, position), Lapsed);
    }

    /// <summary>
    /// Turns a request's reservation into a commitment of <paramref name="amount"/> (the approved amount,
    /// possibly reduced: the difference is freed). A commitment above the reservation needs the difference
    /// to fit in <see cref="Remaining"/>.
    /// </summary>
    public LedgerResult Commit(string requestId, decimal amount, DateOnly on)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        if (PositionsByRequest.TryGetValue(requestId, out var existing) && existing.Status == LedgerPositionStatus.Committed)
        {
            return existing.Committed == amount
                ? Unchanged(LedgerOutcome.AlreadyApplied, $"{Amounts.Format(amount)} is already committed for request '{requestId}'.")
                : Refuse(LedgerOutcome.Conflict, $"Request '{requestId}' is already committed for {Amounts.Format(existing.Committed)}, not {Amounts.Format(amount)}.");
        }

        if (IsLapsed)
        {
            return Refuse(LedgerOutcome.LineLapsed, $"Line '{Line.Id}' lapsed at the end of the period {Period}: uncommitted credit cannot be committed any more.");
        }

        if (!Period.Contains(on))
        {
            return Refuse(LedgerOutcome.OutsidePeriod, $"{on:yyyy-MM-dd} is outside the period {Period}: credit can be committed only within it.");
        }

        if (existing is null || existing.Status != LedgerPositionStatus.Reserved)
        {
            return Refuse(LedgerOutcome.NotFound, existing is null
                ? $"Request '{requestId}' has no reservation on line '{Line.Id}': reserve before committing."
                : $"Request '{requestId}' is {existing.Status} on line '{Line.Id}': only a reservation can be committed.");
        }

        if (amount > existing.Reserved + Remaining)
        {
            return Refuse(LedgerOutcome.InsufficientCredit, $"Committing {Amounts.Format(amount)} needs {Amounts.Format(amount - existing.Reserved)} more than reserved, but line '{Line.Id}' has {Amounts.Format(Remaining)} left.");
        }

        var position = existing with { Status = LedgerPositionStatus.Committed, Reserved = 0m, Committed = amount };
        return Applied(PositionsByRequest.SetItem(requestId, position), Lapsed);
    }

    /// <summary>
    /// Gives back a request's credit: the whole reservation, or the undisbursed part of the commitment
    /// (disbursed amounts stay recorded, for recovery). After the lapse, the freed credit lapses too.
    /// </summary>
    public LedgerResult Release(string requestId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        if (!PositionsByRequest.TryGetValue(requestId, out var existing))
        {
            return Refuse(LedgerOutcome.NotFound, $"Request '{requestId}' has no position on line '{Line.Id}': nothing to release.");
        }

        if (existing.Status is LedgerPositionStatus.Released or LedgerPositionStatus.Expired)
        {
            return Unchanged(LedgerOutcome.AlreadyApplied, $"Request '{requestId}' holds no credit any more on line '{Line.Id}' ({existing.Status}).");
        }

        var freed = existing.Reserved + existing.Committed - existing.Disbursed;
        var position = existing with { Status = LedgerPositionStatus.Released, Reserved = 0m, Committed = existing.Disbursed };
        return Applied(PositionsByRequest.SetItem(requestId, position), IsLapsed ? Lapsed + freed : Lapsed);
    }

    /// <summary>
    /// Records a disbursement (versement) of <paramref name="amount"/> against a request's commitment,
    /// keyed by <paramref name="disbursementId"/>. Refused beyond the commitment. Allowed after the lapse.
    /// </summary>
    public LedgerResult Disburse(string requestId, string disbursementId, decimal amount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentException.ThrowIfNullOrWhiteSpace(disbursementId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        if (!PositionsByRequest.TryGetValue(requestId, out var existing))
        {
            return Refuse(LedgerOutcome.NotFound, $"Request '{requestId}' has no commitment on line '{Line.Id}': disbursements draw only on a commitment.");
        }

        if (existing.Disbursements.TryGetValue(disbursementId, out var recorded))
        {
            return recorded == amount
                ? Unchanged(LedgerOutcome.AlreadyApplied, $"Disbursement '{disbursementId}' of {Amounts.Format(amount)} is already recorded.")
                : Refuse(LedgerOutcome.Conflict, $"Disbursement '{disbursementId}' is already recorded for {Amounts.Format(recorded)}, not {Amounts.Format(amount)}.");
        }

        if (existing.Status != LedgerPositionStatus.Committed)
        {
            return Refuse(LedgerOutcome.NotFound, $"Request '{requestId}' is {existing.Status} on line '{Line.Id}': disbursements draw only on a commitment.");
        }

        if (existing.Disbursed + amount > existing.Committed)
        {
            return Refuse(LedgerOutcome.ExceedsCommitment, $"Disbursing {Amounts.Format(amount)} would exceed the commitment of request '{requestId}': {Amounts.Format(existing.Committed - existing.Disbursed)} left to disburse.");
        }

        var position = existing with
        {
            Disbursed = existing.Disbursed + amount,
            Disbursements = existing.Disbursements.Add(disbursementId, amount),
        };
        return Applied(PositionsByRequest.SetItem(requestId, position), Lapsed);
    }

    /// <summary>
    /// Closes the line at the end of its period (no redeployment): requires <paramref name="asOf"/> after the
    /// period's last day; drops every remaining reservation (see <see cref="RequestIdsWith"/> with
    /// <see cref="LedgerPositionStatus.Expired"/>: those requests expire) and lapses the uncommitted remainder.
    /// </summary>
    public LedgerResult Lapse(DateOnly asOf)
    {
        if (IsLapsed)
        {
            return Unchanged(LedgerOutcome.AlreadyApplied, $"Line '{Line.Id}' has already lapsed.");
        }

        if (!Period.HasEndedBy(asOf))
        {
            return Refuse(LedgerOutcome.OutsidePeriod, $"The period {Period} is still running on {asOf:yyyy-MM-dd}: credit lapses only after its last day.");
        }

        var builder = PositionsByRequest.ToBuilder();
        foreach (var p in PositionsByRequest.Values.Where(p => p.Status == LedgerPositionStatus.Reserved))
        {
            builder[p.RequestId] = p with { Status = LedgerPositionStatus.Expired, Reserved = 0m };
        }

        var positions = builder.ToImmutable();
        var committed = positions.Values.Sum(p => p.Committed);
        return new LedgerResult(LedgerOutcome.Applied, new EnvelopeLedger(Line, Period, positions, true, Planned - committed), null);
    }

    private LedgerResult Applied(ImmutableDictionary<string, LedgerPosition> positions, decimal lapsed)
        => new(LedgerOutcome.Applied, new EnvelopeLedger(Line, Period, positions, IsLapsed, lapsed), null);

    private LedgerResult Unchanged(LedgerOutcome outcome, string reason) => new(outcome, this, reason);

    private LedgerResult Refuse(LedgerOutcome outcome, string reason) => new(outcome, this, reason);
}
