using Partenariat.Domain.Common;

namespace Partenariat.Domain.Tests.Common;

public sealed class DatePeriodTests
{
    private static readonly DatePeriod Period = new(new DateOnly(2020, 1, 1), new DateOnly(2022, 12, 31));

    [Fact]
    public void Constructor_EndNotAfterStart_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DatePeriod(new DateOnly(2022, 1, 1), new DateOnly(2022, 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DatePeriod(new DateOnly(2022, 1, 2), new DateOnly(2022, 1, 1)));
    }

    [Theory]
    [InlineData(2020, 1, 1, true)]
    [InlineData(2022, 12, 31, true)]
    [InlineData(2019, 12, 31, false)]
    [InlineData(2023, 1, 1, false)]
    public void Contains_BothEndsIncluded_MatchesExpected(int year, int month, int day, bool expected)
        => Assert.Equal(expected, Period.Contains(new DateOnly(year, month, day)));

    [Fact]
    public void HasEndedBy_LastDayAndDayAfter_EndsOnlyAfterLastDay()
    {
        Assert.False(Period.HasEndedBy(new DateOnly(2022, 12, 31)));
        Assert.True(Period.HasEndedBy(new DateOnly(2023, 1, 1)));
    }

    [Fact]
    public void Years_ThreeYearPeriod_ListsEachYear() => Assert.Equal([2020, 2021, 2022], Period.Years);

    [Fact]
    public void ToString_Always_ShowsIsoDates() => Assert.Equal("2020-01-01..2022-12-31", Period.ToString());
}
