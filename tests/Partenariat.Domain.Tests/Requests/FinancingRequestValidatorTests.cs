using Partenariat.Domain.Common;
using Partenariat.Domain.Conventions;
using Partenariat.Domain.Landlords;
using Partenariat.Domain.Requests;
using Partenariat.Domain.Territory;
using Partenariat.Domain.Tests.TestData;

namespace Partenariat.Domain.Tests.Requests;

public sealed class FinancingRequestValidatorTests
{
    private static readonly FinancingRequestValidator Validator = FinancingRequestValidator.Default;

    private static (string Field, string Code) SingleError(FinancingRequest request, ValidationStage stage = ValidationStage.Submission)
        => Assert.Single(SampleRequests.ErrorsOf(request, stage));

    [Theory]
    [InlineData(ValidationStage.Submission)]
    [InlineData(ValidationStage.Committee)]
    public void Validate_ValidRequest_HasNoError(ValidationStage stage)
    {
        var report = Validator.Validate(SampleRequests.Valid(), stage, SampleRequests.InPeriod);

        Assert.True(report.IsValid, string.Join(" ", report.Errors.Select(e => e.Message)));
    }

    [Fact]
    public void Validate_EmptyRequest_ReturnsEveryTopLevelError()
    {
        var errors = SampleRequests.ErrorsOf(new FinancingRequest());

        Assert.Equal(
            [
                ("requestId", ErrorCodes.Required),
                ("landlord", ErrorCodes.Required),
                ("operation", ErrorCodes.Required),
                ("requestedLines", ErrorCodes.Required),
                ("conventionId", ErrorCodes.Required),
                ("envelopeLineId", ErrorCodes.Required),
            ],
            errors);
    }

    [Fact]
    public void Validate_ManyMistakes_ReturnsAllAtOnceWithMessages()
    {
        var request = SampleRequests.Valid() with
        {
            Landlord = new LandlordDetails { Name = "", Siren = "123456789", Kind = LandlordKind.Esh },
            Operation = SampleRequests.Operation() with
            {
                Municipality = "Paris",
                Dwellings = new DwellingMix { Plai = -1 },
                TotalCostExcludingTax = 0m,
                PlannedWorksStart = new DateOnly(2024, 1, 1),
                PlannedCompletion = new DateOnly(2023, 1, 1),
            },
            RequestedLines = [new RequestedLine { Kind = FundingKind.Loan, Amount = 0m }],
            EnvelopeLineId = "unknown-line",
        };

        var report = Validator.Validate(request, ValidationStage.Submission, SampleRequests.InPeriod);

        Assert.Equal(
            [
                ("landlord.name", ErrorCodes.Required),
                ("landlord.siren", ErrorCodes.InvalidChecksum),
                ("operation.municipality", ErrorCodes.Unknown),
                ("operation.dwellings.plai", ErrorCodes.MustNotBeNegative),
                ("operation.totalCostExcludingTax", ErrorCodes.MustBePositive),
                ("operation.plannedCompletion", ErrorCodes.DatesOutOfOrder),
                ("requestedLines[0].amount", ErrorCodes.MustBePositive),
                ("requestedLines[0].loanDurationYears", ErrorCodes.Required),
                ("envelopeLineId", ErrorCodes.Unknown),
            ],
            report.Errors.Select(e => (e.Field, e.Code)));
        Assert.All(report.Errors, e => Assert.EndsWith(".", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MissingLandlordKind_ReturnsRequired()
        => Assert.Equal(("landlord.kind", ErrorCodes.Required), SingleError(SampleRequests.Valid() with { Landlord = new LandlordDetails { Name = "X", Siren = "552100554" } }));

    [Fact]
    public void Validate_MissingRequestId_ReturnsRequired()
        => Assert.Equal(("requestId", ErrorCodes.Required), SingleError(SampleRequests.Valid() with { RequestId = " " }));

    [Fact]
    public void Validate_MissingOperationName_ReturnsRequired()
        => Assert.Equal(("operation.name", ErrorCodes.Required), SingleError(SampleRequests.WithOperation(o => o with { Name = null })));

    [Fact]
    public void Validate_MissingMunicipality_ReturnsRequired()
        => Assert.Equal(("operation.municipality", ErrorCodes.Required), SingleError(SampleRequests.WithOperation(o => o with { Municipality = "" })));

    [Fact]
    public void Validate_UnknownMunicipality_MessageListsTheCommunes()
    {
        var report = Validator.Validate(SampleRequests.WithOperation(o => o with { Municipality = "Beaune" }), ValidationStage.Submission, SampleRequests.InPeriod);

        var error = Assert.Single(report.Errors);
        Assert.Equal("operation.municipality", error.Field);
        Assert.Contains("Chenôve", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chenove", "le mail")]
    [InlineData("Crimolois", null)]
    [InlineData("DIJON", "Fontaine d'Ouche")]
    [InlineData("Quetigny", "Centre-Ville")]
    public void Validate_ToleratedCommuneAndDistrictSpellings_AreAccepted(string municipality, string? district)
        => Assert.Empty(SampleRequests.ErrorsOf(SampleRequests.WithOperation(o => o with { Municipality = municipality, District = district })));

    [Fact]
    public void Validate_DistrictOfAnotherCommune_ReturnsNotInMunicipality()
    {
        var report = Validator.Validate(SampleRequests.WithOperation(o => o with { Municipality = "Dijon", District = "Le Mail" }), ValidationStage.Submission, SampleRequests.InPeriod);

        var error = Assert.Single(report.Errors);
        Assert.Equal(("operation.district", ErrorCodes.NotInMunicipality), (error.Field, error.Code));
        Assert.Contains("Chenôve", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fontaine d'Ouche", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownDistrict_ReturnsUnknown()
        => Assert.Equal(("operation.district", ErrorCodes.Unknown), SingleError(SampleRequests.WithOperation(o => o with { Municipality = "Ahuy", District = "Nowhere" })));

    [Fact]
    public void Validate_MissingOrUndefinedKind_ReturnsError()
    {
        Assert.Equal(("operation.kind", ErrorCodes.Required), SingleError(SampleRequests.WithOperation(o => o with { Kind = null })));
        Assert.Equal(("operation.kind", ErrorCodes.InvalidValue), SingleError(SampleRequests.WithOperation(o => o with { Kind = (OperationKind)9 })));
    }

    [Theory]
    [InlineData(OperationKind.NewBuild)]
    [InlineData(OperationKind.OffPlanPurchase)]
    [InlineData(OperationKind.AcquisitionImprovement)]
    [InlineData(OperationKind.Rehabilitation)]
    public void Validate_EachOperationKind_IsAccepted(OperationKind kind) => Assert.Empty(SampleRequests.ErrorsOf(SampleRequests.WithOperation(o => o with { Kind = kind })));

    [Fact]
    public void Validate_MissingDwellings_ReturnsRequired()
        => Assert.Equal(("operation.dwellings", ErrorCodes.Required), SingleError(SampleRequests.WithOperation(o => o with { Dwellings = null })));

    [Fact]
    public void Validate_NoDwelling_ReturnsMustBePositive()
        => Assert.Equal(("operation.dwellings", ErrorCodes.MustBePositive), SingleError(SampleRequests.WithOperation(o => o with { Dwellings = new DwellingMix() })));

    [Fact]
    public void Validate_EachNegativeProduct_ReturnsItsOwnError()
    {
        var errors = SampleRequests.ErrorsOf(SampleRequests.WithOperation(o => o with { Dwellings = new DwellingMix { Plai = -1, Plus = -1, Pls = -1, Li = -1, CollectiveStructure = 50 } }));

        Assert.Equal(
            ["operation.dwellings.plai", "operation.dwellings.plus", "operation.dwellings.pls", "operation.dwellings.li"],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_OnlyCollectiveStructurePlaces_IsValid()
        => Assert.Empty(SampleRequests.ErrorsOf(SampleRequests.WithOperation(o => o with { Dwellings = new DwellingMix { CollectiveStructure = 80 }, StateApprovalReference = null }), ValidationStage.Committee));

    [Fact]
    public void Validate_FinancingPlanNotAddingUp_ReturnsMismatchWithDifference()
    {
        var request = SampleRequests.WithOperation(o => o with { FinancingPlan = [new FinancingSource { Name = "Loan", Amount = 4_399_999.99m }, new FinancingSource { Name = "Action Logement", Amount = 600_000m }] });

        var report = Validator.Validate(request, ValidationStage.Submission, SampleRequests.InPeriod);

        var error = Assert.Single(report.Errors);
        Assert.Equal(("operation.financingPlan", ErrorCodes.Mismatch), (error.Field, error.Code));
        Assert.Contains("0.01 €", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFinancingPlan_ReturnsRequired()
        => Assert.Equal(("operation.financingPlan", ErrorCodes.Required), SingleError(SampleRequests.WithOperation(o => o with { FinancingPlan = [] })));

    [Fact]
    public void Validate_BadFinancingSource_ReturnsItsFieldErrors()
    {
        var request = SampleRequests.WithOperation(o => o with
        {
            FinancingPlan = [new FinancingSource { Name = "", Amount = 5_000_000m }, new FinancingSource { Name = "Gift", Amount = 0m }],
        });

        Assert.Equal(
            [("operation.financingPlan[0].name", ErrorCodes.Required), ("operation.financingPlan[1].amount", ErrorCodes.MustBePositive)],
            SampleRequests.ErrorsOf(request));
    }

    [Fact]
    public void Validate_SubCentTotalCost_ReturnsWholeCents()
    {
        var request = SampleRequests.WithOperation(o => o with { TotalCostExcludingTax = 5_000_000.001m });

        Assert.Contains(("operation.totalCostExcludingTax", ErrorCodes.WholeCents), SampleRequests.ErrorsOf(request));
    }

    [Fact]
    public void Validate_StateApprovalMissingAtCommittee_ReturnsRequired()
    {
        var request = SampleRequests.WithOperation(o => o with { StateApprovalReference = null });

        Assert.Empty(SampleRequests.ErrorsOf(request, ValidationStage.Submission));
        Assert.Equal(("operation.stateApprovalReference", ErrorCodes.Required), SingleError(request, ValidationStage.Committee));
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(0, 1, 0)]
    [InlineData(0, 0, 1)]
    public void Validate_AnyStateApprovedProductWithoutApprovalAtCommittee_ReturnsRequired(int plai, int plus, int pls)
    {
        var request = SampleRequests.WithOperation(o => o with { StateApprovalReference = " ", Dwellings = new DwellingMix { Plai = plai, Plus = plus, Pls = pls, Li = 3 } });

        Assert.Equal(("operation.stateApprovalReference", ErrorCodes.Required), SingleError(request, ValidationStage.Committee));
    }

    [Fact]
    public void Validate_OnlyIntermediateHousingWithoutApprovalAtCommittee_IsValid()
        => Assert.Empty(SampleRequests.ErrorsOf(SampleRequests.WithOperation(o => o with { StateApprovalReference = null, Dwellings = new DwellingMix { Li = 12 } }), ValidationStage.Committee));

    [Fact]
    public void Validate_MissingPlannedDates_ReturnsRequired()
        => Assert.Equal(
            [("operation.plannedWorksStart", ErrorCodes.Required), ("operation.plannedCompletion", ErrorCodes.Required)],
            SampleRequests.ErrorsOf(SampleRequests.WithOperation(o => o with { PlannedWorksStart = null, PlannedCompletion = null })));

    [Fact]
    public void Validate_WorksStartOnCompletionDay_IsValid()
        => Assert.Empty(SampleRequests.ErrorsOf(SampleRequests.WithOperation(o => o with { PlannedWorksStart = new DateOnly(2022, 1, 1), PlannedCompletion = new DateOnly(2022, 1, 1) })));

    [Fact]
    public void Validate_GrantOnly_IsValid()
        => Assert.Empty(SampleRequests.ErrorsOf(SampleRequests.WithLines(new RequestedLine { Kind = FundingKind.Grant, Amount = 50_000m })));

    [Fact]
    public void Validate_ConcessionalLoanWithoutDuration_ReturnsRequired()
        => Assert.Equal(
            ("requestedLines[0].loanDurationYears", ErrorCodes.Required),
            SingleError(SampleRequests.WithLines(new RequestedLine { Kind = FundingKind.ConcessionalLoan, Amount = 5m })));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void Validate_LoanDuration_AcceptsOneToSixtyYears(int years, bool valid)
    {
        var request = SampleRequests.WithLines(new RequestedLine { Kind = FundingKind.Loan, Amount = 5m, LoanDurationYears = years });

        (string Field, string Code)[] expected = valid ? [] : [("requestedLines[0].loanDurationYears", ErrorCodes.OutOfRange)];
        Assert.Equal(expected, SampleRequests.ErrorsOf(request));
    }

    [Fact]
    public void Validate_GrantWithDuration_ReturnsNotApplicable()
        => Assert.Equal(
            ("requestedLines[1].loanDurationYears", ErrorCodes.NotApplicable),
            SingleError(SampleRequests.WithLines(new RequestedLine { Kind = FundingKind.Loan, Amount = 5m, LoanDurationYears = 20 }, new RequestedLine { Kind = FundingKind.Grant, Amount = 5m, LoanDurationYears = 20 })));

    [Fact]
    public void Validate_LineWithoutKind_ReturnsRequiredAndUndefinedKindInvalid()
    {
        var request = SampleRequests.WithLines(new RequestedLine { Amount = 5m }, new RequestedLine { Kind = (FundingKind)7, Amount = 5m }, null!);

        Assert.Equal(
            [("requestedLines[0].kind", ErrorCodes.Required), ("requestedLines[1].kind", ErrorCodes.InvalidValue), ("requestedLines[2]", ErrorCodes.Required)],
            SampleRequests.ErrorsOf(request));
    }

    [Fact]
    public void Validate_NegativeRequestedAmount_ReturnsMustBePositiveAtItsIndex()
        => Assert.Equal(
            ("requestedLines[1].amount", ErrorCodes.MustBePositive),
            SingleError(SampleRequests.WithLines(new RequestedLine { Kind = FundingKind.Grant, Amount = 5m }, new RequestedLine { Kind = FundingKind.Grant, Amount = -5m })));

    [Fact]
    public void Validate_RequestedTotalAboveTotalCost_ReturnsExceedsLimit()
        => Assert.Equal(
            ("requestedLines", ErrorCodes.ExceedsLimit),
            SingleError(SampleRequests.WithLines(new RequestedLine { Kind = FundingKind.Grant, Amount = 5_000_000.01m })));

    [Fact]
    public void Validate_UnknownConvention_ReturnsUnknown()
        => Assert.Equal(("conventionId", ErrorCodes.Unknown), SingleError(SampleRequests.Valid() with { ConventionId = "dijon-1999" }));

    [Fact]
    public void Validate_ConventionPeriodNotOpenOnTheDate_ReturnsPeriodNotOpen()
    {
        var report = Validator.Validate(SampleRequests.Valid(), ValidationStage.Submission, new DateOnly(2023, 1, 1));

        var error = Assert.Single(report.Errors);
        Assert.Equal(("conventionId", ErrorCodes.PeriodNotOpen), (error.Field, error.Code));
    }

    [Fact]
    public void Validate_LineOfTheConvention_IsRequiredAndKnown()
    {
        Assert.Equal(("envelopeLineId", ErrorCodes.Required), SingleError(SampleRequests.Valid() with { EnvelopeLineId = null }));
        Assert.Equal(("envelopeLineId", ErrorCodes.Unknown), SingleError(SampleRequests.Valid() with { EnvelopeLineId = "housing" }));
    }

    [Fact]
    public void Validate_ConfiguredCatalogAndTerritory_AreUsed()
    {
        var catalog = ConventionCatalog.CreateWithSeeds(
        [
            new ConventionDefinition
            {
                Id = "dijon-2023-2025", Title = "2023-2025", Kind = ConventionKind.FrameworkAgreement,
                PeriodStart = new DateOnly(2023, 1, 1), PeriodEnd = new DateOnly(2025, 12, 31),
                Lines = [new() { Id = EnvelopeLineIds.HousingProduction, Amount = 1_000_000m }],
            },
        ]).Value!;
        var territory = new MetropolitanTerritory([new Municipality("Dijon", [], true)], []);
        var validator = new FinancingRequestValidator(catalog, territory);

        var report = validator.Validate(SampleRequests.Valid() with { ConventionId = "dijon-2023-2025" }, ValidationStage.Committee, new DateOnly(2024, 2, 1));

        Assert.True(report.IsValid);
    }

    [Fact]
    public void Validate_NullRequest_Throws()
        => Assert.Throws<ArgumentNullException>(() => Validator.Validate(null!, ValidationStage.Submission, SampleRequests.InPeriod));

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new FinancingRequestValidator(null!, MetropolitanTerritory.DijonMetropole));
        Assert.Throws<ArgumentNullException>(() => new FinancingRequestValidator(ConventionCatalog.Default, null!));
    }
}
