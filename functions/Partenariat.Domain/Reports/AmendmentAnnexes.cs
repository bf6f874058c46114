using Partenariat.Domain.Common;
using Partenariat.Domain.Conventions;

namespace Partenariat.Domain.Reports;

/// <summary>The amendment's two annexes, as the reports show them.</summary>
/// <param name="Annexe1">What was mobilised in 2017-2019.</param>
/// <param name="Annexe2">The provisional amounts for 2020-2022.</param>
public sealed record AnnexesReport(Annexe1Report Annexe1, Annexe2Report Annexe2);

/// <summary>
/// Annexe 1 of the Avenant 2020-2022: the financing mobilised over the 2017-2019 convention, per
/// line and year, and what the production line financed (Avenant 2020-2022, article 2.1).
/// </summary>
/// <param name="Years">The years of the table.</param>
/// <param name="Lines">Per line: the amount of each year and the total.</param>
/// <param name="YearTotals">Every line's amount in each year.</param>
/// <param name="Total">The grand total (30,603 k€).</param>
/// <param name="Dwellings">The dwellings the production line helped build (2,027).</param>
/// <param name="ProductShares">Their mix, in percent as the document gives it (rounded there: they add up to 101).</param>
/// <param name="ReservationRights">The reservation rights mobilised (1,000).</param>
/// <param name="EmployeeAids">The aids and services to employees, by kind (article 2.1).</param>
public sealed record Annexe1Report(
    IReadOnlyList<int> Years,
    IReadOnlyList<AnnexLine> Lines,
    IReadOnlyList<decimal> YearTotals,
    decimal Total,
    int Dwellings,
    IReadOnlyList<AnnexShare> ProductShares,
    int ReservationRights,
    IReadOnlyList<AnnexAid> EmployeeAids);

/// <summary>One line of an annex: its amounts (per year, in the years' order) and its total, in euros.</summary>
public sealed record AnnexLine(string LineId, string Label, IReadOnlyList<decimal> Amounts, decimal Total);

/// <summary>A product's share of the dwellings, in percent.</summary>
public sealed record AnnexShare(DwellingProduct Product, int Percent);

/// <summary>Aids to employees of one kind: how many, and for how much (null where the document gives no amount).</summary>
public sealed record AnnexAid(string Kind, int Count, decimal? Amount);

/// <summary>Annexe 2 of the Avenant 2020-2022: the provisional amounts of 2020-2022, per line.</summary>
/// <param name="Lines">Per line: its amount for the period.</param>
/// <param name="Total">All lines (30 M€).</param>
/// <param name="IsProvisional">The amounts are provisional, subject to Action Logement's directives and budgets.</param>
public sealed record Annexe2Report(IReadOnlyList<AnnexLine> Lines, decimal Total, bool IsProvisional);

/// <summary>
/// The figures of the Avenant 2020-2022's annexes and its article 2.1. The amounts per line and year
/// are the seeded conventions' (<see cref="SeededConventions"/>: Annexe 1 as the 2017-2019 period's
/// actuals, Annexe 2 as the 2020-2022 period's lines), so that one table holds them; what the
/// production line financed and the aids to employees are the article's.
/// </summary>
public static class AmendmentAnnexes
{
    /// <summary>The dwellings the 2017-2019 production financing helped build (Avenant 2020-2022, article 2.1).</summary>
    public const int Dwellings2017To2019 = 2_027;

    /// <summary>The reservation rights it mobilised (Avenant 2020-2022, article 2.1 and Annexe 1).</summary>
    public const int ReservationRights2017To2019 = 1_000;

    /// <summary>The mix of those dwellings, in percent as the article gives it: 52% PLUS, 38% PLAI, 7% PLS, 4% LI.</summary>
    public static IReadOnlyList<AnnexShare> ProductShares2017To2019 { get; } =
    [
        new(DwellingProduct.Plus, 52),
        new(DwellingProduct.Plai, 38),
        new(DwellingProduct.Pls, 7),
        new(DwellingProduct.Li, 4),
    ];

    /// <summary>The aids and services to employees of 2017-2019 (Avenant 2020-2022, article 2.1): 9,363 for 15.2 M€ in all.</summary>
    public static IReadOnlyList<AnnexAid> EmployeeAids2017To2019 { get; } =
    [
        new("Accession à la propriété et travaux", 268, Amounts.FromThousands(4_200m)),
        new("Sécurisation locative (dont 2 072 garanties VISALE)", 5_823, Amounts.FromThousands(8_600m)),
        new("Mobilité", 1_575, Amounts.FromThousands(2_200m)),
        new("Salariés en difficulté", 391, Amounts.FromThousands(236m)),
        new("Ménages logés dans le parc conventionné", 1_306, null),
    ];

    /// <summary>Both annexes, from the seeded definitions.</summary>
    public static AnnexesReport Build()
    {
        var framework = SeededConventions.FrameworkAgreement2017To2019;
        var years = Enumerable.Range(framework.PeriodStart.Year, framework.PeriodEnd.Year - framework.PeriodStart.Year + 1).ToArray();
        var actuals = framework.Actuals ?? [];
        var lines = (framework.Lines ?? []).Select(line =>
        {
            var amounts = years.Select(year => actuals.Where(a => a.LineId == line.Id && a.Year == year).Sum(a => a.Amount)).ToArray();
            return new AnnexLine(line.Id!, line.Label ?? line.Id!, amounts, amounts.Sum());
        }).ToArray();
        var yearTotals = years.Select((_, i) => lines.Sum(l => l.Amounts[i])).ToArray();
        var annexe1 = new Annexe1Report(
            years, lines, yearTotals, lines.Sum(l => l.Total), Dwellings2017To2019, ProductShares2017To2019, ReservationRights2017To2019, EmployeeAids2017To2019);

        var amendment = SeededConventions.Amendment2020To2022;
        var provisional = (amendment.Lines ?? []).Select(line => new AnnexLine(line.Id!, line.Label ?? line.Id!, [line.Amount], line.Amount)).ToArray();
        var annexe2 = new Annexe2Report(provisional, provisional.Sum(l => l.Total), amendment.AmountsAreProvisional);
        return new AnnexesReport(annexe1, annexe2);
    }
}
