using Partenariat.Domain.Common;
using Partenariat.Domain.ReservationRights;

namespace Partenariat.Domain.Tests.ReservationRights;

public sealed class ReservationRightTermsTests
{
    [Theory]
    [InlineData(ReservationRightKind.SingleRight)]
    [InlineData(ReservationRightKind.RecurringRight)]
    public void Create_ValidTerms_ReturnsThem(ReservationRightKind kind)
    {
        var terms = ReservationRightTerms.Create(82, kind, 30).Value!;

        Assert.Equal((82, kind, 30), (terms.Count, terms.Kind, terms.DurationYears));
    }

    [Fact]
    public void Create_EverythingWrong_ReturnsEveryError()
        => Assert.Equal(
            [("rightsCount", ErrorCodes.MustBePositive), ("rightsKind", ErrorCodes.InvalidValue), ("rightsDurationYears", ErrorCodes.OutOfRange)],
            ReservationRightTerms.Create(0, (ReservationRightKind)3, 0).Errors.Select(e => (e.Field, e.Code)));

    [Theory]
    [InlineData(1, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void Create_Duration_AcceptsOneToSixty(int years, bool valid)
        => Assert.Equal(valid, ReservationRightTerms.Create(1, ReservationRightKind.SingleRight, years).IsSuccess);

    [Fact]
    public void Create_Prefix_IsUsedInPaths()
        => Assert.Equal("decision.rightsKind", Assert.Single(ReservationRightTerms.Create(1, null, 5, "decision.").Errors).Field);
}
