using Partenariat.Domain.Common;
using Partenariat.Domain.ReservationRights;

namespace Partenariat.Domain.Tests.ReservationRights;

public sealed class ReservationRightTests
{
    private static readonly DateOnly Delivered = new(2023, 6, 30);

    private static ReservationRight Planned(int years = 30)
        => ReservationRight.Plan("req-001", ReservationRightTerms.Create(167, ReservationRightKind.RecurringRight, years).Value!);

    [Fact]
    public void Plan_Terms_StartsPlannedWithoutDates()
    {
        var right = Planned();

        Assert.Equal((ReservationRightStatus.Planned, null, null, null), (right.Status, right.StartDate, right.EndDate, right.ExpiredOn));
        Assert.Equal(167, right.Terms.Count);
    }

    [Fact]
    public void Assign_Planned_SetsStartAndEndDates()
    {
        var right = Planned().Assign(Delivered).Value!;

        Assert.Equal((ReservationRightStatus.Assigned, Delivered, new DateOnly(2053, 6, 30)), (right.Status, right.StartDate, right.EndDate));
    }

    [Fact]
    public void Assign_Twice_Refused()
    {
        var result = Planned().Assign(Delivered).Value!.Assign(Delivered);

        Assert.Equal(("status", ErrorCodes.InvalidState), (Assert.Single(result.Errors).Field, result.Errors[0].Code));
        Assert.Contains("Rights in status Assigned cannot be assigned", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Expire_AtEndOfDuration_Expires()
    {
        var right = Planned(1).Assign(Delivered).Value!.Expire(new DateOnly(2024, 6, 30)).Value!;

        Assert.Equal((ReservationRightStatus.Expired, new DateOnly(2024, 6, 30)), (right.Status, right.ExpiredOn));
    }

    [Fact]
    public void Expire_BeforeEndOfDuration_Refused()
    {
        var result = Planned(1).Assign(Delivered).Value!.Expire(new DateOnly(2024, 6, 29));

        Assert.Equal(("asOf", ErrorCodes.OutOfRange), (Assert.Single(result.Errors).Field, result.Errors[0].Code));
    }

    [Fact]
    public void Expire_Planned_Refused()
        => Assert.Equal(ErrorCodes.InvalidState, Assert.Single(Planned().Expire(new DateOnly(2100, 1, 1)).Errors).Code);

    [Fact]
    public void Expire_AlreadyExpired_Refused()
    {
        var expired = Planned(1).Assign(Delivered).Value!.Expire(new DateOnly(2025, 1, 1)).Value!;

        Assert.False(expired.Expire(new DateOnly(2026, 1, 1)).IsSuccess);
        Assert.False(expired.Assign(Delivered).IsSuccess);
    }

    [Fact]
    public void IsActiveOn_Dates_TrueOnlyWhileAssignedAndRunning()
    {
        var right = Planned(1).Assign(Delivered).Value!;

        Assert.False(Planned().IsActiveOn(Delivered));
        Assert.False(right.IsActiveOn(Delivered.AddDays(-1)));
        Assert.True(right.IsActiveOn(Delivered));
        Assert.True(right.IsActiveOn(new DateOnly(2024, 6, 29)));
        Assert.False(right.IsActiveOn(new DateOnly(2024, 6, 30)));
    }

    [Fact]
    public void Plan_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => ReservationRight.Plan(" ", ReservationRightTerms.Create(1, ReservationRightKind.SingleRight, 1).Value!));
        Assert.Throws<ArgumentNullException>(() => ReservationRight.Plan("r", null!));
    }
}
