using Partenariat.Domain.Conventions;
using Partenariat.Domain.Landlords;
using Partenariat.Domain.Requests;

namespace Partenariat.Domain.Tests.TestData;

/// <summary>Valid sample inputs that tests modify with <c>with</c>.</summary>
internal static class SampleRequests
{
    public static readonly DateOnly InPeriod = new(2021, 3, 15);

    public static readonly DateTimeOffset SubmittedAt = new(2021, 3, 1, 9, 0, 0, TimeSpan.FromHours(1));

    public static HousingOperation Operation() => new()
    {
        Name = "Résidence Les Tilleuls",
        Municipality = "Dijon",
        District = null,
        IsNpnru = false,
        Kind = OperationKind.NewBuild,
        Dwellings = new DwellingMix { Plai = 10, Plus = 20, Pls = 2, Li = 1, CollectiveStructure = 0 },
        TotalCostExcludingTax = 5_000_000m,
        FinancingPlan =
        [
            new FinancingSource { Name = "Prêts Banque des Territoires", Amount = 3_500_000m },
            new FinancingSource { Name = "Action Logement", Amount = 600_000m },
            new FinancingSource { Name = "Fonds propres", Amount = 900_000m },
        ],
        StateApprovalReference = "AGR-21-2021-0042",
        PlannedWorksStart = new DateOnly(2021, 9, 1),
        PlannedCompletion = new DateOnly(2023, 6, 30),
    };

    public static FinancingRequest Valid(string requestId = "req-001") => new()
    {
        RequestId = requestId,
        Landlord = new LandlordDetails { Name = "Grand Dijon Habitat", Siren = "552100554", Kind = LandlordKind.Oph },
        Operation = Operation(),
        RequestedLines =
        [
            new RequestedLine { Kind = FundingKind.Loan, Amount = 400_000m, LoanDurationYears = 40 },
            new RequestedLine { Kind = FundingKind.Grant, Amount = 200_000m },
        ],
        ConventionId = ConventionIds.Amendment2020To2022,
        EnvelopeLineId = EnvelopeLineIds.HousingProduction,
        CapitalLinkWithActionLogement = false,
        SubmittedAt = SubmittedAt,
    };

    /// <summary>The valid request with its operation changed by <paramref name="change"/>.</summary>
    public static FinancingRequest WithOperation(Func<HousingOperation, HousingOperation> change)
    {
        var request = Valid();
        return request with { Operation = change(request.Operation!) };
    }

    /// <summary>The field and code of every error the default validator finds in <paramref name="request"/> on <see cref="InPeriod"/>.</summary>
    public static IReadOnlyList<(string Field, string Code)> ErrorsOf(FinancingRequest request, ValidationStage stage = ValidationStage.Submission)
        => FinancingRequestValidator.Default.Validate(request, stage, InPeriod).Errors.Select(e => (e.Field, e.Code)).ToArray();

    /// <summary>The valid request asking for <paramref name="lines"/>, its financing plan counting on their total from Action Logement (the rest from loans).</summary>
    public static FinancingRequest WithLines(params RequestedLine[] lines)
    {
        var request = Valid();
        var total = lines.Where(l => l is not null && l.Amount > 0m).Sum(l => l.Amount);
        var cost = request.Operation!.TotalCostExcludingTax;
        return request with
        {
            RequestedLines = lines,
            Operation = total > 0m && total < cost
                ? request.Operation with { FinancingPlan = [new FinancingSource { Name = "Prêts", Amount = cost - total }, new FinancingSource { Name = "Action Logement", Amount = total }] }
                : request.Operation,
        };
    }

    public static FinancingRequest In(string municipality, string? district = null, bool npnru = false, string requestId = "req-001", DateTimeOffset? submittedAt = null)
        => Valid(requestId) with
        {
            Operation = Operation() with { Municipality = municipality, District = district, IsNpnru = npnru },
            SubmittedAt = submittedAt ?? SubmittedAt,
        };
}
