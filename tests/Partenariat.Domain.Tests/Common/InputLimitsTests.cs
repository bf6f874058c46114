using Partenariat.Domain.Common;

namespace Partenariat.Domain.Tests.Common;

public sealed class InputLimitsTests
{
    [Fact]
    public void Validate_Defaults_HaveNoError() => Assert.Empty(InputLimits.Default.Validate());

    [Fact]
    public void Validate_OutOfRangeSettings_NamesEach()
        => Assert.Equal(
            ["MaxDwellings", "MaxTotalCost", "PlannedYearsBeforePeriod", "PlannedYearsAfterPeriod"],
            new InputLimits { MaxDwellings = 0, MaxTotalCost = 0.001m, PlannedYearsBeforePeriod = -1, PlannedYearsAfterPeriod = 51 }.Validate().Select(e => e.Field));

    [Fact]
    public void PlannedDates_PeriodAtTheCalendarsEnds_DoNotThrow()
    {
        var period = new DatePeriod(new DateOnly(1, 1, 1), new DateOnly(9999, 12, 1));

        Assert.Equal((DateOnly.MinValue, DateOnly.MaxValue), (InputLimits.Default.FirstPlannedDate(period), InputLimits.Default.LastPlannedDate(period)));
    }
}
