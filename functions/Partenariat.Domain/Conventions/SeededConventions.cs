using Partenariat.Domain.Common;

namespace Partenariat.Domain.Conventions;

/// <summary>Ids of the seeded conventions.</summary>
public static class ConventionIds
{
    /// <summary>The 2017-2019 framework agreement between the Grand Dijon and Action Logement.</summary>
    public const string FrameworkAgreement2017To2019 = "dijon-2017-2019";

    /// <summary>The 2020-2022 amendment between Dijon Métropole and Action Logement.</summary>
    public const string Amendment2020To2022 = "dijon-2020-2022";
}

/// <summary>Ids of the envelope lines used by the seeded conventions.</summary>
public static class EnvelopeLineIds
{
    /// <summary>
    /// Production of social and intermediate housing (production de logement social et intermédiaire):
    /// PLAI, PLUS, PLS, LI, collective structures, social engineering.
    /// </summary>
    public const string HousingProduction = "housing-production";

    /// <summary>
    /// Services and aids to employees (services et aides aux salariés): home ownership, works,
    /// mobility, AVANCE LOCA-PASS®, aid to employees in difficulty.
    /// </summary>
    public const string EmployeeServices = "employee-services";
}

/// <summary>
/// The two conventions of the source documents, as definitions. Combine them with more from
/// configuration through <see cref="ConventionCatalog.CreateWithSeeds"/>.
/// </summary>
public static class SeededConventions
{
    private const string HousingProductionLabel = "Production de logement social et intermédiaire";
    private const string EmployeeServicesLabel = "Services et aides aux salariés";

    /// <summary>
    /// The 2017-2019 convention-cadre (signed 10 April 2017, three years). The document fixes no
    /// envelope: its lines carry the amounts actually mobilised per Annexe 1 of the 2020 amendment
    /// (k€: production 7,385 / 4,567 / 3,476 = 15,428; services 5,836 / 5,678 / 3,661 = 15,175;
    /// total 30,603). Assumption: the period is the calendar years 2017 to 2019, as in Annexe 1.
    /// </summary>
    public static ConventionDefinition FrameworkAgreement2017To2019 { get; } = new()
    {
        Id = ConventionIds.FrameworkAgreement2017To2019,
        Title = "Convention-cadre de territoire 2017-2019 (Grand Dijon / Action Logement)",
        Kind = ConventionKind.FrameworkAgreement,
        PeriodStart = new DateOnly(2017, 1, 1),
        PeriodEnd = new DateOnly(2019, 12, 31),
        AmountsAreProvisional = false,
        Lines =
        [
            new() { Id = EnvelopeLineIds.HousingProduction, Label = HousingProductionLabel, Amount = Amounts.FromThousands(15_428m) },
            new() { Id = EnvelopeLineIds.EmployeeServices, Label = EmployeeServicesLabel, Amount = Amounts.FromThousands(15_175m) },
        ],
        Actuals =
        [
            new() { LineId = EnvelopeLineIds.HousingProduction, Year = 2017, Amount = Amounts.FromThousands(7_385m) },
            new() { LineId = EnvelopeLineIds.HousingProduction, Year = 2018, Amount = Amounts.FromThousands(4_567m) },
            new() { LineId = EnvelopeLineIds.HousingProduction, Year = 2019, Amount = Amounts.FromThousands(3_476m) },
            new() { LineId = EnvelopeLineIds.EmployeeServices, Year = 2017, Amount = Amounts.FromThousands(5_836m) },
            new() { LineId = EnvelopeLineIds.EmployeeServices, Year = 2018, Amount = Amounts.FromThousands(5_678m) },
            new() { LineId = EnvelopeLineIds.EmployeeServices, Year = 2019, Amount = Amounts.FromThousands(3_661m) },
        ],
    };

    /// <summary>
    /// The 2020-2022 avenant (Annexe 2): production 15 M€, services 15 M€, total 30 M€, provisional
    /// and subject to Action Logement's directives and budgets.
    /// </summary>
    public static ConventionDefinition Amendment2020To2022 { get; } = new()
    {
        Id = ConventionIds.Amendment2020To2022,
        Title = "Avenant 2020-2022 à la convention-cadre (Dijon Métropole / Action Logement)",
        Kind = ConventionKind.Amendment,
        AmendsConventionId = ConventionIds.FrameworkAgreement2017To2019,
        PeriodStart = new DateOnly(2020, 1, 1),
        PeriodEnd = new DateOnly(2022, 12, 31),
        AmountsAreProvisional = true,
        Lines =
        [
            new() { Id = EnvelopeLineIds.HousingProduction, Label = HousingProductionLabel, Amount = 15_000_000m },
            new() { Id = EnvelopeLineIds.EmployeeServices, Label = EmployeeServicesLabel, Amount = 15_000_000m },
        ],
        Actuals = [],
    };

    /// <summary>Both seeded definitions, oldest first.</summary>
    public static IReadOnlyList<ConventionDefinition> All { get; } = [FrameworkAgreement2017To2019, Amendment2020To2022];
}
