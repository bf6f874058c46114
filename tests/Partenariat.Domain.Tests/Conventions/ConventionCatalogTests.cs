using Partenariat.Domain.Common;
using Partenariat.Domain.Conventions;

namespace Partenariat.Domain.Tests.Conventions;

public sealed class ConventionCatalogTests
{
    private static ConventionDefinition Valid2023() => new()
    {
        Id = "dijon-2023-2025",
        Title = "Avenant 2023-2025",
        Kind = ConventionKind.Amendment,
        AmendsConventionId = ConventionIds.FrameworkAgreement2017To2019,
        PeriodStart = new DateOnly(2023, 1, 1),
        PeriodEnd = new DateOnly(2025, 12, 31),
        AmountsAreProvisional = true,
        Lines =
        [
            new() { Id = "housing-production", Label = "Production", Amount = 18_000_000m },
            new() { Id = "employee-services", Amount = 12_000_000m },
        ],
    };

    [Fact]
    public void Default_Always_HoldsTheTwoSeededConventionsInOrder()
        => Assert.Equal([ConventionIds.FrameworkAgreement2017To2019, ConventionIds.Amendment2020To2022], ConventionCatalog.Default.Conventions.Select(c => c.Id));

    [Fact]
    public void CreateWithSeeds_ValidConfiguredConvention_AddsIt()
    {
        var result = ConventionCatalog.CreateWithSeeds([Valid2023()]);

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(3, result.Value.Conventions.Count);
        var added = result.Value.Find("dijon-2023-2025")!;
        Assert.Equal(30_000_000m, added.TotalAmount);
        Assert.Equal("employee-services", added.FindLine("employee-services")!.Label);
    }

    [Fact]
    public void OpenOn_DateInAPeriod_ReturnsThatConvention()
    {
        Assert.Equal(ConventionIds.Amendment2020To2022, Assert.Single(ConventionCatalog.Default.OpenOn(new DateOnly(2021, 6, 1))).Id);
        Assert.Empty(ConventionCatalog.Default.OpenOn(new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public void Find_UnknownId_ReturnsNull() => Assert.Null(ConventionCatalog.Default.Find("nope"));

    [Fact]
    public void Create_PeriodStartNotBeforeEnd_ReturnsError()
    {
        var result = ConventionCatalog.Create([Valid2023() with { AmendsConventionId = null, Kind = ConventionKind.FrameworkAgreement, PeriodEnd = new DateOnly(2023, 1, 1) }]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("conventions[0].periodEnd", ErrorCodes.DatesOutOfOrder), (error.Field, error.Code));
    }

    [Fact]
    public void Create_NegativeLineAmount_ReturnsError()
    {
        var definition = Valid2023() with { Lines = [new() { Id = "a", Amount = -1m }] };

        var result = ConventionCatalog.CreateWithSeeds([definition]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("conventions[2].lines[0].amount", ErrorCodes.MustNotBeNegative), (error.Field, error.Code));
    }

    [Fact]
    public void Create_DuplicateLineIds_ReturnsError()
    {
        var definition = Valid2023() with { Lines = [new() { Id = "a", Amount = 1m }, new() { Id = "a", Amount = 2m }] };

        var result = ConventionCatalog.CreateWithSeeds([definition]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("conventions[2].lines[1].id", ErrorCodes.Duplicate), (error.Field, error.Code));
    }

    [Fact]
    public void Create_DuplicateConventionIds_ReturnsError()
    {
        var result = ConventionCatalog.CreateWithSeeds([Valid2023() with { Id = ConventionIds.Amendment2020To2022 }]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("conventions[2].id", ErrorCodes.Duplicate), (error.Field, error.Code));
    }

    [Fact]
    public void Create_ManyProblems_ReturnsEveryError()
    {
        var definition = new ConventionDefinition
        {
            Kind = ConventionKind.Amendment,
            PeriodStart = new DateOnly(2023, 1, 1),
            PeriodEnd = new DateOnly(2022, 1, 1),
            Lines = [new() { Amount = 1.001m }],
            Actuals = [new() { LineId = "ghost", Year = 1999, Amount = -5m }],
        };

        var result = ConventionCatalog.Create([definition]);

        Assert.False(result.IsSuccess);
        Assert.Equal(
            [
                ("conventions[0].id", ErrorCodes.Required),
                ("conventions[0].title", ErrorCodes.Required),
                ("conventions[0].amendsConventionId", ErrorCodes.Required),
                ("conventions[0].periodEnd", ErrorCodes.DatesOutOfOrder),
                ("conventions[0].lines[0].id", ErrorCodes.Required),
                ("conventions[0].lines[0].amount", ErrorCodes.WholeCents),
                ("conventions[0].actuals[0].lineId", ErrorCodes.Unknown),
                ("conventions[0].actuals[0].amount", ErrorCodes.MustNotBeNegative),
            ],
            result.Errors.Select(e => (e.Field, e.Code)));
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void Create_NoLines_ReturnsError()
    {
        var result = ConventionCatalog.CreateWithSeeds([Valid2023() with { Lines = null }]);

        Assert.Equal(("conventions[2].lines", ErrorCodes.Required), (Assert.Single(result.Errors).Field, result.Errors[0].Code));
    }

    [Fact]
    public void Create_ActualOutsidePeriodOrDuplicated_ReturnsErrors()
    {
        var definition = Valid2023() with
        {
            Actuals =
            [
                new() { LineId = "housing-production", Year = 2023, Amount = 1m },
                new() { LineId = "housing-production", Year = 2023, Amount = 2m },
                new() { LineId = "employee-services", Year = 2026, Amount = 1m },
            ],
        };

        var result = ConventionCatalog.CreateWithSeeds([definition]);

        Assert.Equal(
            [("conventions[2].actuals[1].year", ErrorCodes.Duplicate), ("conventions[2].actuals[2].year", ErrorCodes.OutOfRange)],
            result.Errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void Create_AmendmentOfUnknownConvention_ReturnsError()
    {
        var result = ConventionCatalog.Create([Valid2023()]);

        Assert.Equal(("conventions[0].amendsConventionId", ErrorCodes.Unknown), (Assert.Single(result.Errors).Field, result.Errors[0].Code));
    }

    [Fact]
    public void Create_FrameworkAgreementNamingAmendedConvention_ReturnsError()
    {
        var result = ConventionCatalog.CreateWithSeeds([Valid2023() with { Kind = ConventionKind.FrameworkAgreement }]);

        Assert.Equal(("conventions[2].amendsConventionId", ErrorCodes.NotApplicable), (Assert.Single(result.Errors).Field, result.Errors[0].Code));
    }

    [Fact]
    public void Create_UndefinedKind_ReturnsError()
    {
        var result = ConventionCatalog.CreateWithSeeds([Valid2023() with { Kind = (ConventionKind)42, AmendsConventionId = null }]);

        Assert.Equal(("conventions[2].kind", ErrorCodes.InvalidValue), (Assert.Single(result.Errors).Field, result.Errors[0].Code));
    }

    [Fact]
    public void Create_NullDefinition_ReturnsError()
    {
        var result = ConventionCatalog.Create([null!]);

        Assert.Equal(("conventions[0]", ErrorCodes.Required), (Assert.Single(result.Errors).Field, result.Errors[0].Code));
    }

    [Fact]
    public void Create_NullArgument_Throws() => Assert.Throws<ArgumentNullException>(() => ConventionCatalog.Create(null!));

    [Fact]
    public void Validate_SeededDefinitions_HasNoError() => Assert.Empty(ConventionCatalog.Validate(SeededConventions.All));
}
