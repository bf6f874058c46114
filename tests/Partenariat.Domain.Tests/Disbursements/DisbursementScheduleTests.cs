using Partenariat.Domain.Common;
using Partenariat.Domain.Decisions;
using Partenariat.Domain.Disbursements;
using Partenariat.Domain.Tests.TestData;

namespace Partenariat.Domain.Tests.Disbursements;

public sealed class DisbursementScheduleTests
{
    private static readonly DateOnly Paid = new(2021, 10, 1);

    private static DisbursementSchedule Schedule(decimal amount, decimal percent = 50m)
        => DisbursementSchedule.Create("req-001", amount, new TrancheSchedulePolicy { WorksStartOrderPercent = percent });

    [Fact]
    public void Create_DefaultPolicy_HalfOnWorksStartOrderBalanceOnCompletion()
    {
        var schedule = DisbursementSchedule.Create("req-001", 600_000m, TrancheSchedulePolicy.Default);

        Assert.Equal(
            [new DisbursementTranche(1, DisbursementMilestone.WorksStartOrder, 300_000m), new DisbursementTranche(2, DisbursementMilestone.CompletionDeclaration, 300_000m)],
            schedule.Tranches);
        Assert.Equal((0m, 600_000m, false), (schedule.Disbursed, schedule.Remaining, schedule.IsComplete));
    }

    [Fact]
    public void Create_OddCents_RoundingGoesToTheLastTranche()
    {
        var schedule = Schedule(100.01m);

        Assert.Equal([50.00m, 50.01m], schedule.Tranches.Select(t => t.Amount));
    }

    [Fact]
    public void Create_ConfiguredPercent_IsUsedAndRoundedDownOnTheFirstTranche()
    {
        var schedule = Schedule(1_000.00m, 33.333m);

        Assert.Equal([333.33m, 666.67m], schedule.Tranches.Select(t => t.Amount));
    }

    [Fact]
    public void Create_ManyAmountsAndPercents_TranchesAddUpExactlyNeverMore()
    {
        var random = new Random(42);
        for (var i = 0; i < 2_000; i++)
        {
            var amount = random.Next(1, 100_000_000) / 100m;
            var percent = random.Next(1, 10_001) / 100m;

            var schedule = Schedule(amount, percent);

            Assert.Equal(amount, schedule.Tranches.Sum(t => t.Amount));
            Assert.All(schedule.Tranches, t => Assert.True(t.Amount > 0m && Amounts.IsWholeCents(t.Amount)));
        }
    }

    [Fact]
    public void Create_HundredPercent_SingleTrancheOnWorksStartOrder()
    {
        var tranche = Assert.Single(Schedule(10m, 100m).Tranches);

        Assert.Equal((1, DisbursementMilestone.WorksStartOrder, 10m), (tranche.Number, tranche.Milestone, tranche.Amount));
    }

    [Fact]
    public void Create_OneCent_ZeroFirstTrancheIsDropped()
    {
        var tranche = Assert.Single(Schedule(0.01m).Tranches);

        Assert.Equal((1, DisbursementMilestone.CompletionDeclaration), (tranche.Number, tranche.Milestone));
    }

    [Fact]
    public void Create_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule(0m));
        Assert.Throws<ArgumentException>(() => Schedule(10.001m));
        Assert.Throws<ArgumentException>(() => Schedule(10m, 0m));
        Assert.Throws<ArgumentException>(() => Schedule(10m, 100.5m));
        Assert.Throws<ArgumentException>(() => DisbursementSchedule.Create(" ", 10m, TrancheSchedulePolicy.Default));
    }

    [Fact]
    public void ForDecision_Approved_UsesTheApprovedAmount()
    {
        var decision = GrantDecision.Create(
            new GrantDecisionInput { RequestId = "req-001", Outcome = DecisionOutcome.Approved, ApprovedAmount = 450_000.01m, Reviewer = "R", DecidedOn = new DateOnly(2021, 5, 1) },
            SampleRequests.Valid()).Value!;

        var schedule = DisbursementSchedule.ForDecision(decision, TrancheSchedulePolicy.Default);

        Assert.Equal(("req-001", 450_000.01m), (schedule.RequestId, schedule.ApprovedAmount));
        Assert.Equal([225_000.00m, 225_000.01m], schedule.Tranches.Select(t => t.Amount));
    }

    [Fact]
    public void ForDecision_Rejected_Throws()
    {
        var decision = GrantDecision.Create(
            new GrantDecisionInput { RequestId = "req-001", Outcome = DecisionOutcome.Rejected, Reason = "No", Reviewer = "R", DecidedOn = new DateOnly(2021, 5, 1) },
            SampleRequests.Valid()).Value!;

        Assert.Throws<ArgumentException>(() => DisbursementSchedule.ForDecision(decision, TrancheSchedulePolicy.Default));
    }

    [Fact]
    public void Record_BothTranchesInOrder_CompletesTheSchedule()
    {
        var schedule = Schedule(600_000m);

        schedule = schedule.Record("d1", DisbursementMilestone.WorksStartOrder, 300_000m, Paid).Value!;
        Assert.Equal(DisbursementMilestone.CompletionDeclaration, schedule.NextTranche!.Milestone);
        schedule = schedule.Record("d2", DisbursementMilestone.CompletionDeclaration, 300_000m, Paid.AddYears(2)).Value!;

        Assert.True(schedule.IsComplete);
        Assert.Null(schedule.NextTranche);
        Assert.Equal((600_000m, 0m, 2), (schedule.Disbursed, schedule.Remaining, schedule.Disbursements.Count));
    }

    [Fact]
    public void Record_PartialPayments_AllowedUpToTheTranche()
    {
        var schedule = Schedule(600_000m).Record("d1", DisbursementMilestone.WorksStartOrder, 100_000m, Paid).Value!;

        schedule = schedule.Record("d2", DisbursementMilestone.WorksStartOrder, 200_000m, Paid).Value!;

        Assert.Equal((300_000m, 0m), (schedule.PaidFor(DisbursementMilestone.WorksStartOrder), schedule.RemainingFor(DisbursementMilestone.WorksStartOrder)));
    }

    [Fact]
    public void Record_BeyondTheTranche_Refused()
    {
        var result = Schedule(600_000m).Record("d1", DisbursementMilestone.WorksStartOrder, 300_000.01m, Paid);

        Assert.Equal(("amount", ErrorCodes.ExceedsLimit), (Assert.Single(result.Errors).Field, result.Errors[0].Code));
        Assert.Contains("beyond the schedule", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_AfterCompletion_RefusedBeyondTheSchedule()
    {
        var schedule = Schedule(10m)
            .Record("d1", DisbursementMilestone.WorksStartOrder, 5m, Paid).Value!
            .Record("d2", DisbursementMilestone.CompletionDeclaration, 5m, Paid).Value!;

        Assert.False(schedule.Record("d3", DisbursementMilestone.CompletionDeclaration, 0.01m, Paid).IsSuccess);
        Assert.Equal(10m, schedule.Disbursed);
    }

    [Fact]
    public void Record_CompletionBeforeWorksStartTranchePaid_Refused()
    {
        var result = Schedule(600_000m).Record("d1", DisbursementMilestone.CompletionDeclaration, 1m, Paid);

        Assert.Equal(("milestone", ErrorCodes.InvalidState), (Assert.Single(result.Errors).Field, result.Errors[0].Code));
    }

    [Fact]
    public void Record_MilestoneWithoutTranche_Refused()
    {
        var result = Schedule(10m, 100m).Record("d1", DisbursementMilestone.CompletionDeclaration, 1m, Paid);

        Assert.Equal(ErrorCodes.Unknown, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Record_SamePaymentTwice_IsIdempotent()
    {
        var schedule = Schedule(600_000m).Record("d1", DisbursementMilestone.WorksStartOrder, 300_000m, Paid).Value!;

        var again = schedule.Record("d1", DisbursementMilestone.WorksStartOrder, 300_000m, Paid);

        Assert.Same(schedule, again.Value);
        Assert.Equal(300_000m, again.Value!.Disbursed);
    }

    [Fact]
    public void Record_SameIdOtherData_Conflict()
    {
        var schedule = Schedule(600_000m).Record("d1", DisbursementMilestone.WorksStartOrder, 100_000m, Paid).Value!;

        Assert.Equal(ErrorCodes.Conflict, Assert.Single(schedule.Record("d1", DisbursementMilestone.WorksStartOrder, 200_000m, Paid).Errors).Code);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("0.001")]
    public void Record_InvalidAmount_Refused(string amount)
        => Assert.Equal(
            ErrorCodes.MustBePositive,
            Assert.Single(Schedule(100m).Record("d1", DisbursementMilestone.WorksStartOrder, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Paid).Errors).Code);
}
