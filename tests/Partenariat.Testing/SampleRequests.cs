using Partenariat.Domain.Landlords;
using Partenariat.Domain.Requests;

namespace Partenariat.Testing;

/// <summary>Financing requests the tests and the benchmark submit.</summary>
public static class SampleRequests
{
    /// <summary>
    /// Today, as a milestone's date (yyyy-mm-dd): a milestone is dated between its request's
    /// submission and today, and the tests' requests are submitted today.
    /// </summary>
    public static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The local demonstration period's id (local.settings.json), the default of <see cref="Valid"/>.</summary>
    public const string DemoConventionId = "local-demo-2026-2027";

    /// <summary>
    /// A valid request for 500,000 € (a 300,000 € grant and a 200,000 € loan over 25 years) on the
    /// production line of <paramref name="conventionId"/>: ten dwellings in Chenôve, in an NPNRU
    /// district, whose financing plan adds up.
    /// </summary>
    public static FinancingRequest Valid(string conventionId = DemoConventionId) => new()
    {
        Landlord = new LandlordDetails { Name = "Habitat test", Kind = LandlordKind.Oph },
        Operation = new HousingOperation
        {
            Name = "Résidence des Lilas",
            Municipality = "Chenôve",
            District = "Le Mail",
            IsNpnru = true,
            Kind = OperationKind.NewBuild,
            Dwellings = new DwellingMix { Plai = 4, Plus = 6 },
            TotalCostExcludingTax = 2_000_000m,
            FinancingPlan = [new FinancingSource { Name = "Prêt CDC", Amount = 1_500_000m }, new FinancingSource { Name = "Action Logement", Amount = 500_000m }],
            StateApprovalReference = "DDT21-2026-001",
            PlannedWorksStart = new DateOnly(2026, 12, 1),
            PlannedCompletion = new DateOnly(2027, 6, 30),
        },
        RequestedLines = [new RequestedLine { Kind = FundingKind.Grant, Amount = 300_000m }, new RequestedLine { Kind = FundingKind.Loan, Amount = 200_000m, LoanDurationYears = 25 }],
        ConventionId = conventionId,
        EnvelopeLineId = "housing-production",
    };
}
