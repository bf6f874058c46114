using Partenariat.Domain.Common;
using Partenariat.Domain.Conventions;
using Partenariat.Domain.Requests;
using Partenariat.Domain.Territory;
using Partenariat.Domain.Tests.TestData;

namespace Partenariat.Domain.Tests.Requests;

/// <summary>
/// The bounds a request is held to (issue 15's findings at the domain's level): every count, amount,
/// text, list and date within what the convention and the storage make sensible, checked without a
/// single exception, whatever the numbers.
/// </summary>
public sealed class FinancingRequestBoundsTests
{
    private static readonly FinancingRequestValidator Validator = FinancingRequestValidator.Default;

    [Fact]
    public void Validate_DwellingCountsWhoseSumOverflows_RefusesEachOutOfRangeCount()
    {
        var errors = SampleRequests.ErrorsOf(SampleRequests.WithOperation(o => o with { Dwellings = new DwellingMix { Plai = int.MaxValue, Plus = int.MaxValue, Pls = 3 } }));

        Assert.Equal([("operation.dwellings.plai", ErrorCodes.OutOfRange), ("operation.dwellings.plus", ErrorCodes.OutOfRange)], errors);
    }

    [Fact]
    public void Validate_MoreDwellingsInAllThanTheLimit_ReturnsOutOfRange()
        => Assert.Equal(
            [("operation.dwellings", ErrorCodes.OutOfRange)],
            SampleRequests.ErrorsOf(SampleRequests.WithOperation(o => o with { Dwellings = new DwellingMix { Plai = 1_500, Plus = 1_500 } })));

    [Fact]
    public void Validate_ConfiguredDwellingLimit_IsUsed()
    {
        var validator = new FinancingRequestValidator(ConventionCatalog.Default, MetropolitanTerritory.DijonMetropole, new InputLimits { MaxDwellings = 20 });

        var report = validator.Validate(SampleRequests.Valid(), ValidationStage.Submission, SampleRequests.InPeriod);

        Assert.Equal([("operation.dwellings", ErrorCodes.OutOfRange)], report.Errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void Validate_AmountsWhoseSumPassesWhatADecimalHolds_RefusesEachWithoutThrowing()
    {
        var request = SampleRequests.WithOperation(o => o with
        {
            TotalCostExcludingTax = decimal.MaxValue,
            FinancingPlan = [new FinancingSource { Name = "A", Amount = decimal.MaxValue }, new FinancingSource { Name = "Action Logement", Amount = decimal.MaxValue }],
        }) with
        {
            RequestedLines = [new RequestedLine { Kind = FundingKind.Grant, Amount = decimal.MaxValue }, new RequestedLine { Kind = FundingKind.Grant, Amount = decimal.MaxValue }],
        };

        var errors = SampleRequests.ErrorsOf(request);

        Assert.Equal(
            [
                ("operation.totalCostExcludingTax", ErrorCodes.OutOfRange), ("operation.financingPlan[0].amount", ErrorCodes.OutOfRange),
                ("operation.financingPlan[1].amount", ErrorCodes.OutOfRange), ("requestedLines[0].amount", ErrorCodes.OutOfRange),
                ("requestedLines[1].amount", ErrorCodes.OutOfRange),
            ],
            errors);
        Assert.Equal(0m, request.RequestedTotal);
    }

    [Fact]
    public void Validate_RequestedTotalAboveTheWholeLine_ReturnsExceedsLimit()
    {
        var request = SampleRequests.WithOperation(o => o with
        {
            TotalCostExcludingTax = 40_000_000m,
            FinancingPlan = [new FinancingSource { Name = "Prêts", Amount = 20_000_000m }, new FinancingSource { Name = "Action Logement", Amount = 20_000_000m }],
        }) with
        {
            RequestedLines = [new RequestedLine { Kind = FundingKind.Grant, Amount = 20_000_000m }],
        };

        var report = Validator.Validate(request, ValidationStage.Submission, SampleRequests.InPeriod);

        var error = Assert.Single(report.Errors);
        Assert.Equal(("requestedLines", ErrorCodes.ExceedsLimit), (error.Field, error.Code));
        Assert.Contains("15,000,000.00 €", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RequestedLinesDisagreeingWithTheActionLogementSource_ReturnsMismatch()
    {
        // 650,000 € asked, the plan counting on 500,000 € from Action Logement.
        var request = SampleRequests.WithOperation(o => o with
        {
            FinancingPlan = [new FinancingSource { Name = "Prêts", Amount = 4_500_000m }, new FinancingSource { Name = "Action Logement", Amount = 500_000m }],
        }) with
        {
            RequestedLines = [new RequestedLine { Kind = FundingKind.Grant, Amount = 650_000m }],
        };

        var report = Validator.Validate(request, ValidationStage.Submission, SampleRequests.InPeriod);

        var error = Assert.Single(report.Errors);
        Assert.Equal(("operation.financingPlan", ErrorCodes.Mismatch), (error.Field, error.Code));
        Assert.Contains("500,000.00 €", error.Message, StringComparison.Ordinal);
        Assert.Contains("650,000.00 €", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FinancingPlanWithoutActionLogement_ReturnsRequired()
        => Assert.Equal(
            [("operation.financingPlan", ErrorCodes.Required)],
            SampleRequests.ErrorsOf(SampleRequests.WithOperation(o => o with { FinancingPlan = [new FinancingSource { Name = "Prêts", Amount = 5_000_000m }] }) with
            {
                RequestedLines = [new RequestedLine { Kind = FundingKind.Grant, Amount = 600_000m }],
            }));

    [Theory]
    [InlineData("Subvention Action Logement")]
    [InlineData("ACTION-LOGEMENT SERVICES")]
    [InlineData("action logement")]
    public void IsActionLogementSource_NamesSayingActionLogement_AreItsShare(string name) => Assert.True(FinancingRequestValidator.IsActionLogementSource(name));

    [Fact]
    public void Validate_TwoHundredThousandSources_RefusesTheListWithoutCheckingEachItem()
    {
        var plan = Enumerable.Range(0, 200_000).Select(i => new FinancingSource { Name = $"S{i}", Amount = 25m }).ToArray();

        Assert.Equal([("operation.financingPlan", ErrorCodes.TooMany)], SampleRequests.ErrorsOf(SampleRequests.WithOperation(o => o with { FinancingPlan = plan })));
    }

    [Fact]
    public void Validate_TooManyRequestedLines_ReturnsTooMany()
        => Assert.Equal(
            [("requestedLines", ErrorCodes.TooMany)],
            SampleRequests.ErrorsOf(SampleRequests.WithLines([.. Enumerable.Range(0, InputLimits.MaxRequestedLines + 1).Select(_ => new RequestedLine { Kind = FundingKind.Grant, Amount = 100m })])));

    [Theory]
    [InlineData(40_000, 'a')]
    [InlineData(40_000, 'é')]
    public void Validate_FortyThousandCharacterName_ReturnsTooLong(int length, char letter)
        => Assert.Equal([("operation.name", ErrorCodes.TooLong)], SampleRequests.ErrorsOf(SampleRequests.WithOperation(o => o with { Name = new string(letter, length) })));

    [Theory]
    [InlineData("Habitat\u202Eevil.exe")]
    [InlineData("Habitat\u0000")]
    [InlineData("Habitat\nDijon")]
    public void Validate_NameWithAControlOrDirectionCharacter_ReturnsInvalidCharacter(string name)
        => Assert.Equal([("landlord.name", ErrorCodes.InvalidCharacter)], SampleRequests.ErrorsOf(SampleRequests.Valid() with { Landlord = SampleRequests.Valid().Landlord! with { Name = name } }));

    [Fact]
    public void Validate_HugeCommuneThatFoldsToAKnownOne_ReturnsTooLongNotAMatch()
        => Assert.Equal([("operation.municipality", ErrorCodes.TooLong)], SampleRequests.ErrorsOf(SampleRequests.WithOperation(o => o with { Municipality = new string(' ', 10_000) + "Dijon" })));

    [Theory]
    [InlineData(9999, 6, 1)]
    [InlineData(1900, 1, 1)]
    public void Validate_PlannedDateFarFromThePeriod_ReturnsOutOfRange(int year, int month, int day)
    {
        var errors = SampleRequests.ErrorsOf(SampleRequests.WithOperation(o => o with { PlannedWorksStart = new DateOnly(year, month, day), PlannedCompletion = new DateOnly(year, month, day) }));

        Assert.Equal([("operation.plannedWorksStart", ErrorCodes.OutOfRange), ("operation.plannedCompletion", ErrorCodes.OutOfRange)], errors);
    }

    [Fact]
    public void Validate_PlannedDatesAtTheWindowsEdges_AreAccepted()
        => Assert.Empty(SampleRequests.ErrorsOf(SampleRequests.WithOperation(o => o with { PlannedWorksStart = new DateOnly(2015, 1, 1), PlannedCompletion = new DateOnly(2032, 12, 31) })));
}
