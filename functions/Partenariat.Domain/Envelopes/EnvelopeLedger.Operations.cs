using Partenariat.Domain.Common;

namespace Partenariat.Domain.Envelopes;

// The operations on a line: reserve (or waitlist), commit, release, disburse, lapse, and who on the
// waitlist to wake. Each returns the ledger after it, its outcome and, for a change, its movement.
public sealed partial class EnvelopeLedger
{
    /// <summary>
    /// Reserves <paramref name="amount"/> for a request on <paramref name="on"/> (within the period), if
    /// the line can hold it; refused with <see cref="LedgerOutcome.InsufficientCredit"/> otherwise. A
    /// waitlisted request is reserved the same way, leaving the waitlist.
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

        var existing = PositionsByRequest.GetValueOrDefault(requestId);
        if (existing is not null && existing.Status != LedgerPositionStatus.Waitlisted)
        {
            // A reservation run again after the request moved on (committed since: the activity's
            // message came back after a host died, its later steps already done) changes nothing.
            return (existing.Status == LedgerPositionStatus.Reserved && existing.Reserved == amount) || existing.Status == LedgerPositionStatus.Committed
                ? Unchanged(LedgerOutcome.AlreadyApplied, existing.Status == LedgerPositionStatus.Committed
                    ? $"Request '{requestId}' was reserved and is committed since ({Amounts.Format(existing.Committed)})."
                    : $"{Amounts.Format(amount)} is already reserved for request '{requestId}'.")
                : Refuse(LedgerOutcome.Conflict, $"Request '{requestId}' already has a {existing.Status} position on line '{Line.Id}' (reserved {Amounts.Format(existing.Reserved)}, committed {Amounts.Format(existing.Committed)}).");
        }

        if (existing is not null && existing.Waiting != amount)
        {
            return Refuse(LedgerOutcome.Conflict, $"Request '{requestId}' waits for {Amounts.Format(existing.Waiting)} on line '{Line.Id}', not {Amounts.Format(amount)}.");
        }

        if (amount > Remaining)
        {
            return Refuse(LedgerOutcome.InsufficientCredit, $"Line '{Line.Id}' has {Amounts.Format(Remaining)} left, less than the {Amounts.Format(amount)} requested: the request waits for released credit.");
        }

        var position = LedgerPosition.New(requestId, LedgerPositionStatus.Reserved) with { Reserved = amount };
        var totals = Totals with
        {
            Reserved = Reserved + amount,
            ReservedRequests = Totals.ReservedRequests + 1,
            WaitlistedRequests = Totals.WaitlistedRequests - (existing is null ? 0 : 1),
        };
        return Applied(position, totals, new LedgerMovement(LedgerMovementKind.Reserved, requestId, amount, 0m));
    }

    /// <summary>
    /// Reserves like <see cref="Reserve"/>; when the line cannot hold the amount, puts the request on
    /// the line's waitlist instead (outcome <see cref="LedgerOutcome.Waitlisted"/>, holding no credit).
    /// </summary>
    public LedgerResult ReserveOrWaitlist(string requestId, decimal amount, DateOnly on)
    {
        var reserved = Reserve(requestId, amount, on);
        if (reserved.Outcome != LedgerOutcome.InsufficientCredit)
        {
            return reserved;
        }

        if (PositionsByRequest.ContainsKey(requestId))
        {
            return Unchanged(LedgerOutcome.Waitlisted, reserved.Reason!);
        }

        var position = LedgerPosition.New(requestId, LedgerPositionStatus.Waitlisted) with { Waiting = amount };
        var totals = Totals with { WaitlistedRequests = Totals.WaitlistedRequests + 1 };
        return Applied(position, totals, new LedgerMovement(LedgerMovementKind.Waitlisted, requestId, amount, 0m)) with
        {
            Outcome = LedgerOutcome.Waitlisted,
            Reason = reserved.Reason,
        };
    }

    /// <summary>
    /// Commits <paramref name="amount"/> for a reserved request (its approval): the reservation
    /// becomes a commitment; a smaller amount frees the difference, a larger one needs the room.
    /// </summary>
    public LedgerResult Commit(string requestId, decimal amount, DateOnly on)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        var existing = PositionsByRequest.GetValueOrDefault(requestId);
        if (existing is { Status: LedgerPositionStatus.Committed })
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
        var totals = Totals with
        {
            Reserved = Reserved - existing.Reserved,
            Committed = Committed + amount,
            ReservedRequests = Totals.ReservedRequests - 1,
            CommittedRequests = Totals.CommittedRequests + 1,
        };
        return Applied(position, totals, new LedgerMovement(LedgerMovementKind.Committed, requestId, amount, Math.Max(0m, existing.Reserved - amount)));
    }

    /// <summary>
    /// Gives back what a request holds: its reservation, or the unpaid part of its commitment
    /// (disbursed amounts stay recorded, for recovery); a waitlisted request leaves the waitlist. On a
    /// lapsed line, released credit lapses too (no redeployment).
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
        var position = existing with { Status = LedgerPositionStatus.Released, Reserved = 0m, Committed = existing.Disbursed, Waiting = 0m };
        var totals = Totals with
        {
            Reserved = Reserved - existing.Reserved,
            Committed = Committed - (existing.Committed - existing.Disbursed),
            Lapsed = IsLapsed ? Lapsed + freed : Lapsed,
            ReservedRequests = Totals.ReservedRequests - (existing.Status == LedgerPositionStatus.Reserved ? 1 : 0),
            CommittedRequests = Totals.CommittedRequests - (existing.Status == LedgerPositionStatus.Committed ? 1 : 0),
            WaitlistedRequests = Totals.WaitlistedRequests - (existing.Status == LedgerPositionStatus.Waitlisted ? 1 : 0),
        };
        return Applied(position, totals, new LedgerMovement(LedgerMovementKind.Released, requestId, freed, freed));
    }

    /// <summary>Pays <paramref name="amount"/> out of a request's commitment, once per <paramref name="disbursementId"/>.</summary>
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
        return Applied(position, Totals with { Disbursed = Disbursed + amount }, new LedgerMovement(LedgerMovementKind.Disbursed, requestId, amount, 0m, disbursementId));
    }

    /// <summary>
    /// The period has ended (<paramref name="asOf"/> after its last day): every reservation expires,
    /// the waitlist empties, and what is not committed lapses (no redeployment). A change of the
    /// totals alone: positions still stored as reserved or waitlisted read as expired from then on.
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

        var totals = Totals with { Reserved = 0m, Lapsed = Planned - Committed, IsLapsed = true, ReservedRequests = 0, WaitlistedRequests = 0 };
        var ledger = new EnvelopeLedger(Line, Period, totals, Known(PositionsByRequest.Values, isLapsed: true));
        return new LedgerResult(LedgerOutcome.Applied, ledger, null) { Movement = new LedgerMovement(LedgerMovementKind.Lapsed, null, totals.Lapsed, 0m) };
    }

    /// <summary>
    /// The waitlisted requests to wake now, from the waitlist in its order (oldest first): those the
    /// line can hold one after the other, stopping at the first it cannot (first come, first served).
    /// </summary>
    public IReadOnlyList<string> HeadsThatFit(IEnumerable<(string RequestId, decimal Amount)> waitlist)
    {
        ArgumentNullException.ThrowIfNull(waitlist);
        var room = Remaining;
        var heads = new List<string>();
        foreach (var (requestId, amount) in waitlist)
        {
            if (amount > room)
            {
                break;
            }

            room -= amount;
            heads.Add(requestId);
        }

        return heads;
    }
}
