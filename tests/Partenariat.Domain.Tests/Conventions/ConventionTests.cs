using Partenariat.Domain.Conventions;

namespace Partenariat.Domain.Tests.Conventions;

public sealed class ConventionTests
{
    private static Convention Convention2017 => ConventionCatalog.Default.Find(ConventionIds.FrameworkAgreement2017To2019)!;

    private static Convention Convention2020 => ConventionCatalog.Default.Find(ConventionIds.Amendment2020To2022)!;

    [Fact]
    public void Lines_2020To2022_Production15MServices15MTotal30MProvisional()
    {
        var convention = Convention2020;
        Assert.Equal(ConventionKind.Amendment, convention.Kind);
        Assert.Equal(ConventionIds.FrameworkAgreement2017To2019, convention.AmendsConventionId);
        Assert.Equal(new DateOnly(2020, 1, 1), convention.Period.Start);
        Assert.Equal(new DateOnly(2022, 12, 31), convention.Period.End);
        Assert.Equal(15_000_000m, convention.FindLine(EnvelopeLineIds.HousingProduction)!.Amount);
        Assert.Equal(15_000_000m, convention.FindLine(EnvelopeLineIds.EmployeeServices)!.Amount);
        Assert.Equal(30_000_000m, convention.TotalAmount);
        Assert.True(convention.AmountsAreProvisional);
        Assert.Empty(convention.Actuals);
    }

    [Fact]
    public void Lines_2017To2019_CarryAnnex1Totals()
    {
        var convention = Convention2017;
        Assert.Equal(ConventionKind.FrameworkAgreement, convention.Kind);
        Assert.Null(convention.AmendsConventionId);
        Assert.Equal([2017, 2018, 2019], convention.Period.Years);
        Assert.Equal(15_428_000m, convention.FindLine(EnvelopeLineIds.HousingProduction)!.Amount);
        Assert.Equal(15_175_000m, convention.FindLine(EnvelopeLineIds.EmployeeServices)!.Amount);
        Assert.Equal(30_603_000m, convention.TotalAmount);
        Assert.False(convention.AmountsAreProvisional);
    }

    [Theory]
    [InlineData(EnvelopeLineIds.HousingProduction, 2017, 7_385_000)]
    [InlineData(EnvelopeLineIds.HousingProduction, 2018, 4_567_000)]
    [InlineData(EnvelopeLineIds.HousingProduction, 2019, 3_476_000)]
    [InlineData(EnvelopeLineIds.EmployeeServices, 2017, 5_836_000)]
    [InlineData(EnvelopeLineIds.EmployeeServices, 2018, 5_678_000)]
    [InlineData(EnvelopeLineIds.EmployeeServices, 2019, 3_661_000)]
    public void Actuals_2017To2019_LoadAnnex1PerYearPerLine(string lineId, int year, int expectedEuros)
    {
        var actual = Assert.Single(Convention2017.Actuals, a => a.LineId == lineId && a.Year == year);
        Assert.Equal(expectedEuros, actual.Amount);
    }

    [Fact]
    public void ActualTotalForLine_2017To2019_AddsUpToAnnex1Totals()
    {
        Assert.Equal(15_428_000m, Convention2017.ActualTotalForLine(EnvelopeLineIds.HousingProduction));
        Assert.Equal(15_175_000m, Convention2017.ActualTotalForLine(EnvelopeLineIds.EmployeeServices));
        Assert.Equal(30_603_000m, Convention2017.ActualGrandTotal);
    }

    [Theory]
    [InlineData(2017, 13_221_000)]
    [InlineData(2018, 10_245_000)]
    [InlineData(2019, 7_137_000)]
    public void ActualTotalForYear_2017To2019_MatchesAnnex1GeneralTotal(int year, int expectedEuros)
        => Assert.Equal(expectedEuros, Convention2017.ActualTotalForYear(year));

    [Fact]
    public void ActualTotalForLine_EachLine_EqualsTheLineAmount()
    {
        foreach (var line in Convention2017.Lines)
        {
            Assert.Equal(line.Amount, Convention2017.ActualTotalForLine(line.Id));
        }
    }

    [Fact]
    public void FindLine_UnknownId_ReturnsNull() => Assert.Null(Convention2020.FindLine("unknown"));

    [Fact]
    public void FindLine_Null_Throws() => Assert.Throws<ArgumentNullException>(() => Convention2020.FindLine(null!));
}
