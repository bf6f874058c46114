using Partenariat.Domain.Common;
using Partenariat.Domain.Landlords;

namespace Partenariat.Domain.Tests.Landlords;

public sealed class SirenTests
{
    [Theory]
    [InlineData("552100554", "552100554")]
    [InlineData("824 581 623", "824581623")]
    [InlineData("824541148", "824541148")]
    [InlineData(" 732829320 ", "732829320")]
    public void Parse_ValidSiren_ReturnsDigits(string input, string expected)
    {
        var result = Siren.Parse(input);

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(expected, result.Value.Value);
        Assert.Equal(expected, result.Value.ToString());
    }

    [Fact]
    public void Parse_BadLuhnKey_ReturnsChecksumErrorWithReason()
    {
        var result = Siren.Parse("123456789");

        var error = Assert.Single(result.Errors);
        Assert.Equal(("siren", ErrorCodes.InvalidChecksum), (error.Field, error.Code));
        Assert.Contains("Luhn", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("55210055")]
    [InlineData("5521005540")]
    [InlineData("55210055A")]
    [InlineData("552-100-554")]
    [InlineData("５５２１００５５４")]
    public void Parse_NotNineDigits_ReturnsFormatError(string input)
        => Assert.Equal(ErrorCodes.InvalidFormat, Assert.Single(Siren.Parse(input).Errors).Code);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Missing_ReturnsRequired(string? input)
        => Assert.Equal(ErrorCodes.Required, Assert.Single(Siren.Parse(input).Errors).Code);

    [Fact]
    public void Parse_CustomField_UsesItInTheError()
        => Assert.Equal("landlord.siren", Assert.Single(Siren.Parse("1", "landlord.siren").Errors).Field);

    [Fact]
    public void TryParse_ValidAndInvalid_ReturnsMatchingFlag()
    {
        Assert.True(Siren.TryParse("552100554", out var siren));
        Assert.Equal("552100554", siren!.Value);
        Assert.False(Siren.TryParse("123456789", out var none));
        Assert.Null(none);
    }

    [Fact]
    public void Equality_SameDigits_AreEqual() => Assert.Equal(Siren.Parse("824 581 623").Value, Siren.Parse("824581623").Value);
}
