using Partenariat.Domain.Common;
using Partenariat.Domain.Decisions;
using Partenariat.Domain.ReservationRights;
using Partenariat.Domain.Tests.TestData;

namespace Partenariat.Domain.Tests.Decisions;

public sealed class GrantDecisionTests
{
    private static readonly DateOnly DecidedOn = new(2021, 5, 20);

    private static GrantDecisionInput Approval(decimal amount = 600_000m) => new()
    {
        RequestId = "req-001",
        Outcome = DecisionOutcome.Approved,
        ApprovedAmount = amount,
        RightsCount = 30,
        RightsKind = ReservationRightKind.RecurringRight,
        RightsDurationYears = 30,
        Conditions = ["Ordre de service avant le 31/12/2022"],
        Reviewer = "Comité d'engagement BFC",
        DecidedOn = DecidedOn,
    };

    private static GrantDecisionInput Rejection() => new()
    {
        RequestId = "req-001",
        Outcome = DecisionOutcome.Rejected,
        Reason = "Opération hors directive",
        Reviewer = "Comité d'engagement BFC",
        DecidedOn = DecidedOn,
    };

    private static IReadOnlyList<(string, string)> Errors(GrantDecisionInput input)
        => GrantDecision.Create(input, SampleRequests.Valid()).Errors.Select(e => (e.Field, e.Code)).ToArray();

    [Fact]
    public void Create_FullApproval_BuildsDecision()
    {
        var result = GrantDecision.Create(Approval(), SampleRequests.Valid());

        Assert.True(result.IsSuccess, result.Reason);
        var decision = result.Value;
        Assert.Equal((DecisionOutcome.Approved, 600_000m, 600_000m, false), (decision.Outcome, decision.RequestedAmount, decision.ApprovedAmount, decision.IsReducedApproval));
        Assert.Equal((30, ReservationRightKind.RecurringRight, 30), (decision.Rights!.Count, decision.Rights.Kind, decision.Rights.DurationYears));
        Assert.Equal(["Ordre de service avant le 31/12/2022"], decision.Conditions);
        Assert.Equal(("Comité d'engagement BFC", DecidedOn), (decision.Reviewer, decision.DecidedOn));
    }

    [Fact]
    public void Create_ReducedApproval_IsAllowedAndFlagged()
    {
        var result = GrantDecision.Create(Approval(450_000m), SampleRequests.Valid());

        Assert.True(result.Value!.IsReducedApproval);
        Assert.Equal(450_000m, result.Value.ApprovedAmount);
    }

    [Fact]
    public void Create_ApprovalAboveRequested_ReturnsExceedsLimit()
        => Assert.Equal([("approvedAmount", ErrorCodes.ExceedsLimit)], Errors(Approval(600_000.01m)));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Create_ApprovalNotPositive_ReturnsMustBePositive(int amount)
        => Assert.Equal([("approvedAmount", ErrorCodes.MustBePositive)], Errors(Approval(amount)));

    [Fact]
    public void Create_ApprovalWithoutAmount_ReturnsRequired()
        => Assert.Equal([("approvedAmount", ErrorCodes.Required)], Errors(Approval() with { ApprovedAmount = null }));

    [Fact]
    public void Create_ApprovalInSubCents_ReturnsWholeCents()
        => Assert.Equal([("approvedAmount", ErrorCodes.WholeCents)], Errors(Approval(100.005m)));

    [Fact]
    public void Create_ApprovalWithoutRights_HasNoRights()
    {
        var result = GrantDecision.Create(Approval() with { RightsCount = 0, RightsKind = null, RightsDurationYears = null }, SampleRequests.Valid());

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Null(result.Value.Rights);
    }

    [Fact]
    public void Create_RightsWithoutKindOrDuration_ReturnsErrors()
        => Assert.Equal(
            [("rightsKind", ErrorCodes.Required), ("rightsDurationYears", ErrorCodes.Required)],
            Errors(Approval() with { RightsKind = null, RightsDurationYears = null }));

    [Fact]
    public void Create_NegativeRights_ReturnsMustNotBeNegative()
        => Assert.Equal([("rightsCount", ErrorCodes.MustNotBeNegative)], Errors(Approval() with { RightsCount = -1 }));

    [Fact]
    public void Create_Rejection_BuildsDecisionWithoutAmountOrRights()
    {
        var result = GrantDecision.Create(Rejection(), SampleRequests.Valid());

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal((DecisionOutcome.Rejected, 0m, "Opération hors directive", false), (result.Value.Outcome, result.Value.ApprovedAmount, result.Value.Reason, result.Value.IsReducedApproval));
        Assert.Null(result.Value.Rights);
    }

    [Fact]
    public void Create_RejectionWithoutReason_ReturnsRequired()
        => Assert.Equal([("reason", ErrorCodes.Required)], Errors(Rejection() with { Reason = "  " }));

    [Fact]
    public void Create_RejectionWithAmountOrRights_ReturnsNotApplicable()
        => Assert.Equal(
            [("approvedAmount", ErrorCodes.NotApplicable), ("rightsCount", ErrorCodes.NotApplicable)],
            Errors(Rejection() with { ApprovedAmount = 10m, RightsCount = 2 }));

    [Fact]
    public void Create_EmptyInput_ReturnsEveryError()
        => Assert.Equal(
            [("requestId", ErrorCodes.Required), ("reviewer", ErrorCodes.Required), ("decidedOn", ErrorCodes.DatesOutOfOrder), ("outcome", ErrorCodes.Required)],
            Errors(new GrantDecisionInput()));

    [Fact]
    public void Create_OtherRequestId_ReturnsMismatch()
        => Assert.Equal([("requestId", ErrorCodes.Mismatch)], Errors(Approval() with { RequestId = "req-999" }));

    [Fact]
    public void Create_DecidedBeforeSubmission_ReturnsDatesOutOfOrder()
        => Assert.Equal([("decidedOn", ErrorCodes.DatesOutOfOrder)], Errors(Approval() with { DecidedOn = new DateOnly(2021, 2, 28) }));

    [Fact]
    public void Create_DecidedOnSubmissionDay_IsAccepted()
        => Assert.Empty(Errors(Approval() with { DecidedOn = new DateOnly(2021, 3, 1) }));

    [Fact]
    public void Create_BlankCondition_ReturnsRequiredAtItsIndex()
        => Assert.Equal([("conditions[1]", ErrorCodes.Required)], Errors(Approval() with { Conditions = ["ok", " "] }));

    [Fact]
    public void Create_UndefinedOutcome_ReturnsInvalidValue()
        => Assert.Equal([("outcome", ErrorCodes.InvalidValue)], Errors(Approval() with { Outcome = (DecisionOutcome)5 }));

    [Fact]
    public void Create_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => GrantDecision.Create(null!, SampleRequests.Valid()));
        Assert.Throws<ArgumentNullException>(() => GrantDecision.Create(Approval(), null!));
    }

    [Fact]
    public void Create_MoreRightsThanDwellings_ReturnsExceedsLimit()
    {
        var result = GrantDecision.Create(Approval() with { RightsCount = 34 }, SampleRequests.Valid());

        var error = Assert.Single(result.Errors);
        Assert.Equal(("rightsCount", ErrorCodes.ExceedsLimit), (error.Field, error.Code));
        Assert.Contains("33 dwellings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DecisionDatedAfterToday_ReturnsOutOfRange()
    {
        Assert.Equal([("decidedOn", ErrorCodes.OutOfRange)], GrantDecision.Create(Approval(), SampleRequests.Valid(), today: DecidedOn.AddDays(-1)).Errors.Select(e => (e.Field, e.Code)));
        Assert.True(GrantDecision.Create(Approval(), SampleRequests.Valid(), today: DecidedOn).IsSuccess);
    }

    [Fact]
    public void Create_TextsBeyondTheirBounds_ReturnsEachError()
    {
        var input = Rejection() with
        {
            Reason = new string('é', 40_000),
            Reviewer = "Comité\u202E",
            Conditions = [.. Enumerable.Repeat("Condition", InputLimits.MaxConditions + 1)],
        };

        Assert.Equal(
            [("reviewer", ErrorCodes.InvalidCharacter), ("reason", ErrorCodes.TooLong), ("conditions", ErrorCodes.TooMany)],
            Errors(input));
    }
}
