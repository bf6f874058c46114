using Partenariat.Domain.Common;

namespace Partenariat.Domain.Tests.Common;

public sealed class AmountsTests
{
    [Theory]
    [InlineData("10", true)]
    [InlineData("10.5", true)]
    [InlineData("10.55", true)]
    [InlineData("10.555", false)]
    public void IsWholeCents_Amount_MatchesExpected(string amount, bool expected)
        => Assert.Equal(expected, Amounts.IsWholeCents(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void FromThousands_Annex1Total_ReturnsEuros() => Assert.Equal(30_603_000m, Amounts.FromThousands(30_603m));

    [Fact]
    public void Format_Amount_UsesInvariantGroupsAndEuroSign() => Assert.Equal("15,000,000.00 €", Amounts.Format(15_000_000m));

    [Fact]
    public void TrySum_AmountsWhoseSumPassesADecimal_ReturnsNullInsteadOfThrowing()
    {
        Assert.Null(Amounts.TrySum([decimal.MaxValue, 1m]));
        Assert.Null(Amounts.TrySum([decimal.MinValue, -1m]));
        Assert.Null(Amounts.TrySum([decimal.MaxValue, 1m, -1m]));
        Assert.Equal(3.5m, Amounts.TrySum([1m, 2.5m]));
    }
}
