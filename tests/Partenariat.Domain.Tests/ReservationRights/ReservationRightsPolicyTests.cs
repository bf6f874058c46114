using Partenariat.Domain.ReservationRights;

namespace Partenariat.Domain.Tests.ReservationRights;

public sealed class ReservationRightsPolicyTests
{
    [Fact]
    public void ProposeCount_2017To2019ProductionFinancing_GivesTheThousandRights()
        => Assert.Equal(1_000, ReservationRightsPolicy.Default.ProposeCount(15_400_000m));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(7_699, 1)]
    [InlineData(7_700, 1)]
    [InlineData(23_100, 2)]
    [InlineData(23_099, 1)]
    [InlineData(600_000, 39)]
    public void ProposeCount_Amount_RoundsToNearestRightAtLeastOne(int amount, int expected)
        => Assert.Equal(expected, ReservationRightsPolicy.Default.ProposeCount(amount));

    [Fact]
    public void ProposeCount_ConfiguredCost_IsUsed()
        => Assert.Equal(60, new ReservationRightsPolicy { FinancingPerRight = 10_000m }.ProposeCount(600_000m));

    [Fact]
    public void ProposeCount_InvalidInputs_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReservationRightsPolicy.Default.ProposeCount(-1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReservationRightsPolicy { FinancingPerRight = 0m }.ProposeCount(1m));
    }

    [Fact]
    public void Propose_Amount_UsesDefaultKindAndDuration()
    {
        var terms = ReservationRightsPolicy.Default.Propose(154_000m)!;

        Assert.Equal((10, ReservationRightKind.RecurringRight, 30), (terms.Count, terms.Kind, terms.DurationYears));
        Assert.Null(ReservationRightsPolicy.Default.Propose(0m));
    }

    [Fact]
    public void Propose_InvalidDefaultDuration_Throws()
        => Assert.Throws<InvalidOperationException>(() => new ReservationRightsPolicy { DefaultDurationYears = 0 }.Propose(20_000m));

    [Fact]
    public void ProposeCount_ReducedApprovalOnTenDwellings_ProposesAtMostTen()
    {
        // 400,000 € would be 26 rights at 15,400 € a right: more than the operation's dwellings.
        Assert.Equal(26, ReservationRightsPolicy.Default.ProposeCount(400_000m));
        Assert.Equal(10, ReservationRightsPolicy.Default.ProposeCount(400_000m, dwellings: 10));
        Assert.Equal(10, ReservationRightsPolicy.Default.Propose(400_000m, dwellings: 10)!.Count);
        Assert.Null(ReservationRightsPolicy.Default.Propose(400_000m, dwellings: 0));
    }
}
