using Partenariat.Domain.Common;

namespace Partenariat.Domain.Conventions;

/// <summary>
/// A convention between Dijon Métropole and Action Logement for one period: a framework agreement
/// (convention-cadre) or an amendment (avenant), with its envelope lines and, when known, the
/// amounts actually mobilised. Built and validated by <see cref="ConventionCatalog"/>.
/// </summary>
public sealed class Convention
{
    internal Convention(
        string id,
        string title,
        ConventionKind kind,
        string? amendsConventionId,
        DatePeriod period,
        bool amountsAreProvisional,
        IReadOnlyList<EnvelopeLine> lines,
        IReadOnlyList<AnnualActual> actuals)
    {
        Id = id;
        Title = title;
        Kind = kind;
        AmendsConventionId = amendsConventionId;
        Period = period;
        AmountsAreProvisional = amountsAreProvisional;
        Lines = lines;
        Actuals = actuals;
    }

    /// <summary>Stable id, e.g. <c>dijon-2020-2022</c>.</summary>
    public string Id { get; }

    /// <summary>Title for people.</summary>
    public string Title { get; }

    /// <summary>Framework agreement or amendment.</summary>
    public ConventionKind Kind { get; }

    /// <summary>For an amendment, the id of the convention it amends; otherwise null.</summary>
    public string? AmendsConventionId { get; }

    /// <summary>The period, both ends included.</summary>
    public DatePeriod Period { get; }

    /// <summary>True when the amounts are provisional, subject to Action Logement Services' budgets.</summary>
    public bool AmountsAreProvisional { get; }

    /// <summary>The envelope lines.</summary>
    public IReadOnlyList<EnvelopeLine> Lines { get; }

    /// <summary>Amounts actually mobilised per line and year (empty when not known).</summary>
    public IReadOnlyList<AnnualActual> Actuals { get; }

    /// <summary>The sum of the lines' amounts, in euros.</summary>
    public decimal TotalAmount => Lines.Sum(l => l.Amount);

    /// <summary>The line with id <paramref name="lineId"/>, or null.</summary>
    public EnvelopeLine? FindLine(string lineId)
    {
        ArgumentNullException.ThrowIfNull(lineId);
        return Lines.FirstOrDefault(l => string.Equals(l.Id, lineId, StringComparison.Ordinal));
    }

    /// <summary>The actuals of one line over the whole period, in euros.</summary>
    public decimal ActualTotalForLine(string lineId)
    {
        ArgumentNullException.ThrowIfNull(lineId);
        return Actuals.Where(a => string.Equals(a.LineId, lineId, StringComparison.Ordinal)).Sum(a => a.Amount);
    }

    /// <summary>The actuals of all lines in one year, in euros.</summary>
    public decimal ActualTotalForYear(int year) => Actuals.Where(a => a.Year == year).Sum(a => a.Amount);

    /// <summary>The actuals of all lines over the whole period, in euros.</summary>
    public decimal ActualGrandTotal => Actuals.Sum(a => a.Amount);
}
