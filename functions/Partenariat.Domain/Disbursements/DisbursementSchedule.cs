using Partenariat.Domain.Common;
using Partenariat.Domain.Decisions;

namespace Partenariat.Domain.Disbursements;

/// <summary>The evidence a tranche is paid on.</summary>
public enum DisbursementMilestone
{
    /// <summary>The works start order (ordre de service).</summary>
    WorksStartOrder,

    /// <summary>The completion declaration (déclaration attestant l'achèvement et la conformité des travaux, DAACT).</summary>
    CompletionDeclaration,
}

/// <summary>
/// How an approved amount is split into tranches (assumption, configurable): by default 50% on the works
/// start order, the balance on the completion declaration.
/// </summary>
public sealed record TrancheSchedulePolicy
{
    /// <summary>The default policy: 50% / balance.</summary>
    public static TrancheSchedulePolicy Default { get; } = new();

    /// <summary>Share paid on the works start order, in percent: more than 0, at most 100 (default 50).</summary>
    public decimal WorksStartOrderPercent { get; init; } = 50m;

    /// <summary>Every error in the policy (for options validation); empty when valid.</summary>
    public IReadOnlyList<ValidationError> Validate() => WorksStartOrderPercent is > 0m and <= 100m
        ? []
        : [new ValidationError("worksStartOrderPercent", ErrorCodes.OutOfRange, $"The works start order share must be more than 0% and at most 100%; {WorksStartOrderPercent}% is not.")];
}

/// <summary>One tranche of a schedule.</summary>
/// <param name="Number">1 for the first tranche.</param>
/// <param name="Milestone">The evidence it is paid on.</param>
/// <param name="Amount">Its amount in euros.</param>
public sealed record DisbursementTranche(int Number, DisbursementMilestone Milestone, decimal Amount);

/// <summary>A payment recorded against a tranche.</summary>
/// <param name="DisbursementId">The payment's idempotency key.</param>
/// <param name="Milestone">The tranche it pays.</param>
/// <param name="Amount">The amount in euros.</param>
/// <param name="PaidOn">The payment date.</param>
public sealed record Disbursement(string DisbursementId, DisbursementMilestone Milestone, decimal Amount, DateOnly PaidOn);

/// <summary>
/// The tranches (tranches de versement) of an approved amount and the payments made, as an immutable value.
/// The tranches add up exactly to the approved amount: the first is the policy's share rounded DOWN to the
/// cent, the last takes the balance (so the rounding goes to the last tranche); a zero tranche is dropped.
/// Payments go tranche by tranche, in order, each up to its tranche's amount: a payment beyond the schedule
/// is refused; repeating one with the same id and data changes nothing.
/// </summary>
public sealed class DisbursementSchedule
{
    private DisbursementSchedule(string requestId, decimal approvedAmount, IReadOnlyList<DisbursementTranche> tranches, IReadOnlyList<Disbursement> disbursements)
    {
        RequestId = requestId;
        ApprovedAmount = approvedAmount;
        Tranches = tranches;
        Disbursements = disbursements;
    }

    /// <summary>The request the schedule pays.</summary>
    public string RequestId { get; }

    /// <summary>The approved amount: the sum of the tranches.</summary>
    public decimal ApprovedAmount { get; }

    /// <summary>The tranches, in payment order.</summary>
    public IReadOnlyList<DisbursementTranche> Tranches { get; }

    /// <summary>The payments recorded, in order.</summary>
    public IReadOnlyList<Disbursement> Disbursements { get; }

    /// <summary>Total paid.</summary>
    public decimal Disbursed => Disbursements.Sum(d => d.Amount);

    /// <summary>Left to pay (released if the operation is cancelled).</summary>
    public decimal Remaining => ApprovedAmount - Disbursed;

    /// <summary>True once everything is paid.</summary>
    public bool IsComplete => Remaining == 0m;

    /// <summary>The first tranche not fully paid, or null when complete.</summary>
    public DisbursementTranche? NextTranche => Tranches.FirstOrDefault(t => RemainingFor(t.Milestone) > 0m);

    /// <summary>Builds the schedule of <paramref name="approvedAmount"/> (whole cents, &gt; 0) under <paramref name="policy"/>.</summary>
    /// <exception cref="ArgumentException">The amount is not positive whole cents, or the policy is invalid.</exception>
    public static DisbursementSchedule Create(string requestId, decimal approvedAmount, TrancheSchedulePolicy policy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(approvedAmount);
        ArgumentNullException.ThrowIfNull(policy);
        if (!Amounts.IsWholeCents(approvedAmount))
        {
            throw new ArgumentException("The approved amount must be in whole cents.", nameof(approvedAmount));
        }

        var policyErrors = policy.Validate();
        if (policyErrors.Count > 0)
        {
            throw new ArgumentException(policyErrors[0].Message, nameof(policy));
        }

        var first = decimal.Round(approvedAmount * policy.WorksStartOrderPercent / 100m, 2, MidpointRounding.ToZero);
        var tranches = new[] { (DisbursementMilestone.WorksStartOrder, first), (DisbursementMilestone.CompletionDeclaration, approvedAmount - first) }
            .Where(t => t.Item2 > 0m)
            .Select((t, i) => new DisbursementTranche(i + 1, t.Item1, t.Item2))
            .ToArray();
        return new DisbursementSchedule(requestId, approvedAmount, tranches, []);
    }

    /// <summary>Builds the schedule of an approved decision.</summary>
    /// <exception cref="ArgumentException">The decision is a rejection.</exception>
    public static DisbursementSchedule ForDecision(GrantDecision decision, TrancheSchedulePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Outcome != DecisionOutcome.Approved)
        {
            throw new ArgumentException("Only an approved decision has a disbursement schedule.", nameof(decision));
        }

        return Create(decision.RequestId, decision.ApprovedAmount, policy);
    }

    /// <summary>The idempotency key of tranche <paramref name="tranche"/> of <paramref name="requestId"/>: one payment per request and tranche, ever.</summary>
    public static string DisbursementIdOf(string requestId, int tranche) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{requestId}-tranche-{tranche}");

    /// <summary>
    /// Pays what remains of the tranche of <paramref name="milestone"/>, on <paramref name="paidOn"/>,
    /// under its idempotency key (<see cref="DisbursementIdOf"/>). Refused, with the reason, when the
    /// schedule has no tranche on that milestone, when the tranche is already paid, or when an earlier
    /// tranche still has something to pay (tranches are paid in order).
    /// </summary>
    public Result<DisbursementSchedule> PayTranche(DisbursementMilestone milestone, DateOnly paidOn)
    {
        var tranche = Tranches.FirstOrDefault(t => t.Milestone == milestone);
        if (tranche is null)
        {
            return Result.Failure<DisbursementSchedule>("milestone", ErrorCodes.Unknown, $"The schedule of request '{RequestId}' has no tranche on {milestone}.");
        }

        var left = RemainingFor(milestone);
        return left == 0m
            ? Result.Failure<DisbursementSchedule>("milestone", ErrorCodes.InvalidState, $"Tranche {tranche.Number} ({milestone}) is already paid: each tranche is paid once.")
            : Record(DisbursementIdOf(RequestId, tranche.Number), milestone, left, paidOn);
    }

    /// <summary>Paid so far on the tranche of <paramref name="milestone"/>.</summary>
    public decimal PaidFor(DisbursementMilestone milestone) => Disbursements.Where(d => d.Milestone == milestone).Sum(d => d.Amount);

    /// <summary>Left to pay on the tranche of <paramref name="milestone"/> (0 when the schedule has no such tranche).</summary>
    public decimal RemainingFor(DisbursementMilestone milestone)
        => (Tranches.FirstOrDefault(t => t.Milestone == milestone)?.Amount ?? 0m) - PaidFor(milestone);

    /// <summary>
    /// Records a payment of <paramref name="amount"/> on the tranche of <paramref name="milestone"/>: refused when the
    /// schedule has no such tranche, an earlier tranche is not fully paid, or the amount exceeds what is left on
    /// the tranche. Repeating a payment (same id and data) returns the schedule unchanged; the same id with other
    /// data is refused.
    /// </summary>
    public Result<DisbursementSchedule> Record(string disbursementId, DisbursementMilestone milestone, decimal amount, DateOnly paidOn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(disbursementId);
        var payment = new Disbursement(disbursementId, milestone, amount, paidOn);
        var existing = Disbursements.FirstOrDefault(d => string.Equals(d.DisbursementId, disbursementId, StringComparison.Ordinal));
        if (existing is not null)
        {
            return existing == payment
                ? Result.Success(this)
                : Result.Failure<DisbursementSchedule>("disbursementId", ErrorCodes.Conflict, $"Disbursement '{disbursementId}' is already recorded with other data ({Amounts.Format(existing.Amount)} on {existing.Milestone}, {existing.PaidOn:yyyy-MM-dd}).");
        }

        if (amount <= 0m || !Amounts.IsWholeCents(amount))
        {
            return Result.Failure<DisbursementSchedule>("amount", ErrorCodes.MustBePositive, "A disbursement must be more than zero, in whole cents.");
        }

        var tranche = Tranches.FirstOrDefault(t => t.Milestone == milestone);
        if (tranche is null)
        {
            return Result.Failure<DisbursementSchedule>("milestone", ErrorCodes.Unknown, $"The schedule of request '{RequestId}' has no tranche on {milestone}.");
        }

        var unpaidEarlier = Tranches.FirstOrDefault(t => t.Number < tranche.Number && RemainingFor(t.Milestone) > 0m);
        if (unpaidEarlier is not null)
        {
            return Result.Failure<DisbursementSchedule>("milestone", ErrorCodes.InvalidState, $"Tranche {unpaidEarlier.Number} ({unpaidEarlier.Milestone}) still has {Amounts.Format(RemainingFor(unpaidEarlier.Milestone))} to pay: tranches are paid in order.");
        }

        var left = RemainingFor(milestone);
        if (amount > left)
        {
            return Result.Failure<DisbursementSchedule>("amount", ErrorCodes.ExceedsLimit, $"Paying {Amounts.Format(amount)} would go beyond the schedule: tranche {tranche.Number} ({milestone}) has {Amounts.Format(left)} left.");
        }

        return Result.Success(new DisbursementSchedule(RequestId, ApprovedAmount, Tranches, [.. Disbursements, payment]));
    }
}
