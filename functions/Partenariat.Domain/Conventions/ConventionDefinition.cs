namespace Partenariat.Domain.Conventions;

/// <summary>
/// A convention as plain configuration data (bindable from <c>IConfiguration</c> or JSON).
/// Turned into a <see cref="Convention"/> by <see cref="ConventionCatalog.Create"/>, which validates it:
/// id and title required, <see cref="PeriodStart"/> before <see cref="PeriodEnd"/>, at least one line,
/// line ids unique, amounts not negative, actuals on known lines and years of the period.
/// </summary>
public sealed record ConventionDefinition
{
    /// <summary>Stable id, e.g. <c>dijon-2020-2022</c>; financing requests refer to it.</summary>
    public string? Id { get; init; }

    /// <summary>Title for people, e.g. "Avenant 2020-2022".</summary>
    public string? Title { get; init; }

    /// <summary>Framework agreement (convention-cadre) or amendment (avenant).</summary>
    public ConventionKind Kind { get; init; }

    /// <summary>For an amendment: the id of the convention it amends (must be in the same catalogue).</summary>
    public string? AmendsConventionId { get; init; }

    /// <summary>First day of the period.</summary>
    public DateOnly PeriodStart { get; init; }

    /// <summary>Last day of the period (included); must come after <see cref="PeriodStart"/>.</summary>
    public DateOnly PeriodEnd { get; init; }

    /// <summary>True when the amounts are provisional (prévisionnels), subject to ALS budgets.</summary>
    public bool AmountsAreProvisional { get; init; }

    /// <summary>The envelope lines (lignes de l'enveloppe) of the period.</summary>
    public IReadOnlyList<EnvelopeLineDefinition>? Lines { get; init; }

    /// <summary>Amounts actually mobilised, per line and year (e.g. Annexe 1 for 2017-2019).</summary>
    public IReadOnlyList<AnnualActualDefinition>? Actuals { get; init; }
}

/// <summary>An envelope line as configuration data.</summary>
public sealed record EnvelopeLineDefinition
{
    /// <summary>Stable id, unique within its convention, e.g. <c>housing-production</c>.</summary>
    public string? Id { get; init; }

    /// <summary>Label for people; defaults to the id.</summary>
    public string? Label { get; init; }

    /// <summary>The line's amount in euros (zero or more).</summary>
    public decimal Amount { get; init; }
}

/// <summary>An amount actually mobilised on a line in one year, as configuration data.</summary>
public sealed record AnnualActualDefinition
{
    /// <summary>The id of the line, one of the convention's lines.</summary>
    public string? LineId { get; init; }

    /// <summary>The calendar year, within the convention's period.</summary>
    public int Year { get; init; }

    /// <summary>The amount in euros (zero or more).</summary>
    public decimal Amount { get; init; }
}
