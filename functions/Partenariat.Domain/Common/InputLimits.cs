namespace Partenariat.Domain.Common;

/// <summary>
/// How much a request, a decision and a landlord's messages may hold (assumptions of ours: the
/// documents set no such bound). The lengths and list sizes are constants: they keep every stored
/// view and every orchestration's input within the storage's limits whatever the characters, and
/// the orchestration checks a decision with them again, so they must be the same in every process.
/// The operation's scale (dwellings, cost) and the window of its planned dates are settings
/// (<c>Partenariat__Input__...</c>, docs/domain.md), validated at start by <see cref="Validate"/>.
/// </summary>
public sealed record InputLimits
{
    /// <summary>The longest name: a landlord's, an operation's, a financing source's, a reviewer's; a commune, a district, a convention or line id.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The longest State approval reference.</summary>
    public const int MaxReferenceLength = 50;

    /// <summary>
    /// The longest free text: an information request's question or answer, a reason (rejection,
    /// withdrawal, cancellation). With every other text at its limit and every character escaped (a
    /// view's JSON writes a non-ASCII character as six), a request's view stays within the 32,768
    /// characters a Table storage text holds.
    /// </summary>
    public const int MaxTextLength = 800;

    /// <summary>The most sources in a financing plan.</summary>
    public const int MaxFinancingSources = 10;

    /// <summary>The most requested lines (loans and grants) in a request.</summary>
    public const int MaxRequestedLines = 5;

    /// <summary>The most conditions attached to a decision.</summary>
    public const int MaxConditions = 5;

    /// <summary>The longest condition.</summary>
    public const int MaxConditionLength = 100;

    /// <summary>The defaults: 2,000 dwellings, 1,000,000,000 € of cost, planned dates from 5 years before the period to 10 years after it.</summary>
    public static InputLimits Default { get; } = new();

    /// <summary>The most dwellings an operation may have, all products together (default 2,000: the whole 2017-2019 period financed 2,027).</summary>
    public int MaxDwellings { get; init; } = 2_000;

    /// <summary>The largest total cost excluding tax of an operation, in euros (default 1,000,000,000 €); every amount of a request is bounded by it.</summary>
    public decimal MaxTotalCost { get; init; } = 1_000_000_000m;

    /// <summary>How many years before its convention's period an operation's planned dates may fall (default 5).</summary>
    public int PlannedYearsBeforePeriod { get; init; } = 5;

    /// <summary>How many years after its convention's period an operation's planned dates may fall (default 10).</summary>
    public int PlannedYearsAfterPeriod { get; init; } = 10;

    /// <summary>Every error in the limits (for options validation); empty when valid.</summary>
    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        if (MaxDwellings is < 1 or > 100_000)
        {
            errors.Add(new(nameof(MaxDwellings), ErrorCodes.OutOfRange, $"MaxDwellings must be from 1 to 100000; {MaxDwellings} is not."));
        }

        if (MaxTotalCost is < 1m or > 100_000_000_000m || !Amounts.IsWholeCents(MaxTotalCost))
        {
            errors.Add(new(nameof(MaxTotalCost), ErrorCodes.OutOfRange, $"MaxTotalCost must be from 1 to 100000000000 euros in whole cents; {MaxTotalCost} is not."));
        }

        if (PlannedYearsBeforePeriod is < 0 or > 50)
        {
            errors.Add(new(nameof(PlannedYearsBeforePeriod), ErrorCodes.OutOfRange, $"PlannedYearsBeforePeriod must be from 0 to 50; {PlannedYearsBeforePeriod} is not."));
        }

        if (PlannedYearsAfterPeriod is < 0 or > 50)
        {
            errors.Add(new(nameof(PlannedYearsAfterPeriod), ErrorCodes.OutOfRange, $"PlannedYearsAfterPeriod must be from 0 to 50; {PlannedYearsAfterPeriod} is not."));
        }

        return errors;
    }

    /// <summary>The first day an operation of a convention over <paramref name="period"/> may plan.</summary>
    public DateOnly FirstPlannedDate(DatePeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.Start.Year - PlannedYearsBeforePeriod < DateOnly.MinValue.Year + 1 ? DateOnly.MinValue : period.Start.AddYears(-PlannedYearsBeforePeriod);
    }

    /// <summary>The last day an operation of a convention over <paramref name="period"/> may plan.</summary>
    public DateOnly LastPlannedDate(DatePeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.End.Year + PlannedYearsAfterPeriod > DateOnly.MaxValue.Year - 1 ? DateOnly.MaxValue : period.End.AddYears(PlannedYearsAfterPeriod);
    }
}
