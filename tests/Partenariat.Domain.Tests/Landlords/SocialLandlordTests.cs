using Partenariat.Domain.Common;
using Partenariat.Domain.Landlords;

namespace Partenariat.Domain.Tests.Landlords;

public sealed class SocialLandlordTests
{
    [Theory]
    [InlineData(LandlordKind.Oph)]
    [InlineData(LandlordKind.Esh)]
    [InlineData(LandlordKind.Cooperative)]
    [InlineData(LandlordKind.Sem)]
    [InlineData(LandlordKind.ApprovedNonProfit)]
    [InlineData(LandlordKind.LocalAuthority)]
    public void Create_ValidInput_ReturnsLandlord(LandlordKind kind)
    {
        var result = SocialLandlord.Create("  Grand Dijon Habitat ", "552 100 554", kind);

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(("Grand Dijon Habitat", "552100554", kind), (result.Value.Name, result.Value.Siren.Value, result.Value.Kind));
    }

    [Fact]
    public void Create_EverythingWrong_ReturnsEveryError()
    {
        var result = SocialLandlord.Create(" ", "123456789", null);

        Assert.Equal(
            [("name", ErrorCodes.Required), ("siren", ErrorCodes.InvalidChecksum), ("kind", ErrorCodes.Required)],
            result.Errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void Create_UndefinedKind_ReturnsInvalidValue()
    {
        var error = Assert.Single(SocialLandlord.Create("A", "552100554", (LandlordKind)99).Errors);

        Assert.Equal(("kind", ErrorCodes.InvalidValue), (error.Field, error.Code));
    }
}
