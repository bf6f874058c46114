namespace Partenariat.Domain.ReservationRights;

/// <summary>
/// Defaults for proposing the reservation rights of a financing (assumptions, configurable).
/// The default cost of a right comes from 2017-2019: 15.4 M€ of production financing mobilised
/// 1,000 rights, about 15,400 € a right. The default kind and duration follow the NPNRU examples
/// (rights for 30 years) and are only a proposal: the committee decides.
/// </summary>
public sealed record ReservationRightsPolicy
{
    /// <summary>The default policy: 15,400 € a right, recurring rights, 30 years.</summary>
    public static ReservationRightsPolicy Default { get; } = new();

    /// <summary>Financing per right proposed, in euros (default 15,400 €).</summary>
    public decimal FinancingPerRight { get; init; } = 15_400m;

    /// <summary>Kind proposed (default recurring, droit de suite).</summary>
    public ReservationRightKind DefaultKind { get; init; } = ReservationRightKind.RecurringRight;

    /// <summary>Duration proposed, in years (default 30).</summary>
    public int DefaultDurationYears { get; init; } = 30;

    /// <summary>
    /// The number of rights to propose for <paramref name="financedAmount"/>: the amount divided by
    /// <see cref="FinancingPerRight"/>, rounded to the nearest whole right (halves up), at least 1 for any
    /// amount above zero; 0 for zero; never more than <paramref name="dwellings"/> when given (one right
    /// per dwelling reserved, at most).
    /// </summary>
    public int ProposeCount(decimal financedAmount, long? dwellings = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(financedAmount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(FinancingPerRight);
        if (financedAmount == 0)
        {
            return 0;
        }

        var count = Math.Max(1m, decimal.Round(financedAmount / FinancingPerRight, 0, MidpointRounding.AwayFromZero));
        var most = Math.Min(int.MaxValue, Math.Max(0L, dwellings ?? int.MaxValue));
        return (int)Math.Min(count, most);
    }

    /// <summary>The terms to propose for <paramref name="financedAmount"/> on an operation of <paramref name="dwellings"/> (null for zero, or for no dwelling).</summary>
    public ReservationRightTerms? Propose(decimal financedAmount, long? dwellings = null)
    {
        var count = ProposeCount(financedAmount, dwellings);
        return count == 0 ? null : ReservationRightTerms.Create(count, DefaultKind, DefaultDurationYears).Value
            ?? throw new InvalidOperationException("The policy's default kind or duration is invalid.");
    }
}
