using Partenariat.Domain.Conventions;
using Partenariat.Domain.Reports;

namespace Partenariat.Domain.Tests.Reports;

/// <summary>The annexes the reports show add up to the documents' totals (Avenant 2020-2022, Annexes 1 and 2, article 2.1).</summary>
public sealed class AmendmentAnnexesTests
{
    private readonly AnnexesReport _annexes = AmendmentAnnexes.Build();

    [Fact]
    public void Build_Annexe1_TotalsEqualTheDocuments()
    {
        var annexe = _annexes.Annexe1;

        Assert.Equal([2017, 2018, 2019], annexe.Years);
        Assert.Equal(15_428_000m, Line(annexe.Lines, EnvelopeLineIds.HousingProduction).Total);
        Assert.Equal(15_175_000m, Line(annexe.Lines, EnvelopeLineIds.EmployeeServices).Total);
        Assert.Equal([7_385_000m, 4_567_000m, 3_476_000m], Line(annexe.Lines, EnvelopeLineIds.HousingProduction).Amounts);
        Assert.Equal([13_221_000m, 10_245_000m, 7_137_000m], annexe.YearTotals);
        Assert.Equal(30_603_000m, annexe.Total);
    }

    [Fact]
    public void Build_Annexe1_ProductionFiguresAreTheArticles()
    {
        var annexe = _annexes.Annexe1;

        Assert.Equal(2_027, annexe.Dwellings);
        Assert.Equal(1_000, annexe.ReservationRights);
        Assert.Equal(
            [(DwellingProduct.Plus, 52), (DwellingProduct.Plai, 38), (DwellingProduct.Pls, 7), (DwellingProduct.Li, 4)],
            annexe.ProductShares.Select(s => (s.Product, s.Percent)));
        // The article's aids and services: 9,363 in all.
        Assert.Equal(9_363, annexe.EmployeeAids.Sum(a => a.Count));
    }

    [Fact]
    public void Build_Annexe2_ProvisionalThirtyMillion()
    {
        var annexe = _annexes.Annexe2;

        Assert.True(annexe.IsProvisional);
        Assert.Equal([15_000_000m, 15_000_000m], annexe.Lines.Select(l => l.Total));
        Assert.Equal(30_000_000m, annexe.Total);
    }

    private static AnnexLine Line(IEnumerable<AnnexLine> lines, string id) => lines.Single(l => l.LineId == id);
}
