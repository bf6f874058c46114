using Partenariat.Domain.Common;
using Partenariat.Domain.Disbursements;

namespace Partenariat.Domain.Tests.Disbursements;

public sealed class MilestoneDatesTests
{
    private static readonly DateOnly Submitted = new(2026, 5, 1);
    private static readonly DateOnly Today = new(2026, 12, 6);

    [Theory]
    [InlineData(2026, 5, 1)]
    [InlineData(2026, 9, 15)]
    [InlineData(2026, 12, 6)]
    public void Validate_FromTheSubmissionToToday_IsAccepted(int year, int month, int day)
        => Assert.Empty(MilestoneDates.Validate(new DateOnly(year, month, day), Submitted, Today));

    [Theory]
    [InlineData(9999, 6, 1)]
    [InlineData(2027, 6, 30)]
    [InlineData(2026, 12, 7)]
    [InlineData(1900, 1, 1)]
    [InlineData(2026, 4, 30)]
    public void Validate_BeforeTheSubmissionOrAfterToday_ReturnsOutOfRange(int year, int month, int day)
    {
        var error = Assert.Single(MilestoneDates.Validate(new DateOnly(year, month, day), Submitted, Today));

        Assert.Equal(("date", ErrorCodes.OutOfRange), (error.Field, error.Code));
        Assert.Contains("2026-12-06", error.Message, StringComparison.Ordinal);
    }
}
