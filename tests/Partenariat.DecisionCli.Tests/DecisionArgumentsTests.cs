using Partenariat.Domain.ReservationRights;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Requests;

namespace Partenariat.DecisionCli.Tests;

public sealed class DecisionArgumentsTests
{
    [Fact]
    public void Parse_ApproveWithEverything_BuildsTheDecisionMessage()
    {
        var parsed = DecisionArguments.Parse(
            ["approve", "fr-0123", "--amount", "400000.50", "--reviewer", "Mme Martin", "--condition", "Start before 2027", "--condition", "Keep the PLAI share",
             "--rights", "3", "--rights-kind", "Single", "--rights-years", "20", "--date", "2026-11-20", "--dry-run"]);

        Assert.Empty(parsed.Errors);
        Assert.True(parsed.DryRun);
        var decision = Assert.IsType<CommitteeDecisionMessage>(parsed.Decision);
        Assert.Equal("fr-0123", decision.RequestId);
        Assert.Equal(CommitteeOutcome.Approved, decision.Outcome);
        Assert.Equal(400_000.50m, decision.ApprovedAmount);
        Assert.Equal("Mme Martin", decision.Reviewer);
        Assert.Equal(["Start before 2027", "Keep the PLAI share"], decision.Conditions);
        Assert.Equal(new RightsTerms(3, ReservationRightKind.SingleRight, 20), decision.Rights);
        Assert.Equal(new DateOnly(2026, 11, 20), decision.DecidedOn);
    }

    [Fact]
    public void Parse_RoundAndDecisionId_CarriedAsGiven()
    {
        var parsed = DecisionArguments.Parse(["ask", "fr-1", "--reviewer", "X", "--question", "Q?", "--round", "2", "--decision-id", "d-7"]);

        Assert.Equal((2, "d-7"), (parsed.Decision?.Round, parsed.Decision?.DecisionId));
    }

    [Fact]
    public void Parse_WithoutRoundOrDecisionId_FirstRoundAndANewIdEachTime()
    {
        var first = DecisionArguments.Parse(["approve", "fr-1", "--reviewer", "X"]).Decision!;
        var second = DecisionArguments.Parse(["approve", "fr-1", "--reviewer", "X"]).Decision!;

        Assert.Equal((1, 1), (first.Round, second.Round));
        Assert.True(Guid.TryParse(first.DecisionId, out _));
        Assert.NotEqual(first.DecisionId, second.DecisionId);
    }

    [Fact]
    public void Parse_ApproveWithoutAmount_LeavesTheAmountToTheRequestedOne()
    {
        var parsed = DecisionArguments.Parse(["approve", "fr-1", "--reviewer", "M. Durand"]);

        Assert.Null(parsed.Decision?.ApprovedAmount);
        Assert.Null(parsed.Decision?.Rights);
        Assert.False(parsed.DryRun);
    }

    [Fact]
    public void Parse_Reject_CarriesTheReason()
    {
        var parsed = DecisionArguments.Parse(["reject", "fr-1", "--reason", "Not eligible", "--reviewer", "M. Durand"]);

        Assert.Equal(CommitteeOutcome.Rejected, parsed.Decision?.Outcome);
        Assert.Equal("Not eligible", parsed.Decision?.Reason);
    }

    [Fact]
    public void Parse_Ask_CarriesTheQuestion()
    {
        var parsed = DecisionArguments.Parse(["ask", "fr-1", "--question", "Which lender for the loan?", "--reviewer", "M. Durand"]);

        Assert.Equal(CommitteeOutcome.InformationRequested, parsed.Decision?.Outcome);
        Assert.Equal("Which lender for the loan?", parsed.Decision?.Question);
    }

    [Theory]
    [InlineData(new[] { "accept", "fr-1" }, "'accept' is not a decision")]
    [InlineData(new[] { "approve" }, "Give the request's id")]
    [InlineData(new[] { "approve", "--reviewer", "X" }, "Give the request's id")]
    [InlineData(new[] { "approve", "fr-1" }, "--reviewer")]
    [InlineData(new[] { "approve", "fr-1", "--reviewer", "X", "--amount", "-5" }, "--amount must be a positive amount")]
    [InlineData(new[] { "approve", "fr-1", "--reviewer", "X", "--amount", "12,5" }, "--amount must be a positive amount")]
    [InlineData(new[] { "approve", "fr-1", "--reviewer", "X", "--amount", "1.005" }, "at most 2 decimals")]
    [InlineData(new[] { "approve", "fr-1", "--reviewer", "X", "--date", "20/11/2026" }, "--date must be a date as yyyy-mm-dd")]
    [InlineData(new[] { "approve", "fr-1", "--reviewer", "X", "--rights", "3" }, "need all three")]
    [InlineData(new[] { "approve", "fr-1", "--reviewer", "X", "--rights", "3", "--rights-kind", "Forever", "--rights-years", "20" }, "--rights-kind must be Single or Recurring")]
    [InlineData(new[] { "approve", "fr-1", "--reviewer", "X", "--reason", "why" }, "'--reason' is not an option of 'approve'")]
    [InlineData(new[] { "approve", "fr-1", "--reviewer", "X", "--reviewer", "Y" }, "'--reviewer' is given more than once")]
    [InlineData(new[] { "approve", "fr-1", "--reviewer" }, "'--reviewer' needs a value")]
    [InlineData(new[] { "reject", "fr-1", "--reviewer", "X" }, "A rejection needs its reason")]
    [InlineData(new[] { "ask", "fr-1", "--reviewer", "X" }, "An information request needs its question")]
    [InlineData(new[] { "reject", "fr-1", "Not", "eligible", "--reviewer", "X", "--reason", "r" }, "Unexpected 'Not'")]
    [InlineData(new[] { "approve", "fr-1", "--reviewer", "X", "--round", "0" }, "--round must be a whole number, at least 1")]
    [InlineData(new[] { "approve", "fr-1", "--reviewer", "X", "--round", "two" }, "--round must be a whole number, at least 1")]
    public void Parse_InvalidArguments_SaysWhatToFixAndBuildsNoMessage(string[] args, string expected)
    {
        var parsed = DecisionArguments.Parse(args);

        Assert.Null(parsed.Decision);
        Assert.Contains(parsed.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SeveralMistakes_ReportsEachOnce()
    {
        var parsed = DecisionArguments.Parse(["reject", "fr-1", "--amount", "x", "--date", "tomorrow"]);

        Assert.Equal(4, parsed.Errors.Count);
    }

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("approve", "-h")]
    public void Parse_NoArgumentsOrHelp_AsksForTheUsage(params string[] args)
    {
        var parsed = DecisionArguments.Parse(args);

        Assert.True(parsed.Help);
        Assert.Null(parsed.Decision);
    }
}
