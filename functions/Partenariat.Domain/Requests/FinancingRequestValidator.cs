using Partenariat.Domain.Common;
using Partenariat.Domain.Conventions;
using Partenariat.Domain.Landlords;
using Partenariat.Domain.Territory;

namespace Partenariat.Domain.Requests;

/// <summary>When a request is validated: some rules apply only before the committee.</summary>
public enum ValidationStage
{
    /// <summary>At submission.</summary>
    Submission,

    /// <summary>Before sending to the committee: the State approval is then required for PLAI/PLUS/PLS.</summary>
    Committee,
}

/// <summary>
/// Validates a <see cref="FinancingRequest"/>, returning EVERY error at once, each with the field path
/// (e.g. <c>operation.municipality</c>, <c>requestedLines[0].amount</c>), a code from <see cref="ErrorCodes"/>
/// and a message saying what to fix. Rules:
/// <list type="bullet">
/// <item>request id required; landlord name required, SIREN 9 digits with a valid Luhn key, kind defined;</item>
/// <item>operation name required; commune one of the territory's; district optional but, when given, a QPV/QV of that commune;
/// kind defined; dwellings each &gt;= 0 with a total &gt; 0; total cost excl. tax &gt; 0; financing plan sources
/// named, &gt; 0 and summing exactly to the total cost; planned works start and completion given, start &lt;= completion;</item>
/// <item>at <see cref="ValidationStage.Committee"/>: a State approval reference when there are PLAI, PLUS or PLS dwellings;</item>
/// <item>at least one requested line; each with a kind and an amount &gt; 0; loans with a duration of 1 to
/// <see cref="MaxLoanDurationYears"/> years; no duration on a grant; assumption: the requested total does not
/// exceed the operation's total cost;</item>
/// <item>the convention is known and open on the validation date; the envelope line is one of its lines;</item>
/// <item>amounts in whole cents.</item>
/// </list>
/// The capital link with Action Logement is never read (CCH art. L.313-17-3).
/// </summary>
public sealed class FinancingRequestValidator
{
    /// <summary>The longest loan accepted, in years.</summary>
    public const int MaxLoanDurationYears = 60;

    private readonly ConventionCatalog _conventions;
    private readonly MetropolitanTerritory _territory;

    /// <summary>Creates a validator over a catalogue of conventions and a territory.</summary>
    public FinancingRequestValidator(ConventionCatalog conventions, MetropolitanTerritory territory)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        ArgumentNullException.ThrowIfNull(territory);
        _conventions = conventions;
        _territory = territory;
    }

    /// <summary>A validator over the seeded conventions and Dijon Métropole.</summary>
    public static FinancingRequestValidator Default { get; } = new(ConventionCatalog.Default, MetropolitanTerritory.DijonMetropole);

    /// <summary>Validates <paramref name="request"/> at <paramref name="stage"/> on <paramref name="asOf"/>.</summary>
    public ValidationReport Validate(FinancingRequest request, ValidationStage stage, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(request.RequestId))
        {
            errors.Add(new("requestId", ErrorCodes.Required, "Give the request's id."));
        }

        if (request.Landlord is null)
        {
            errors.Add(new("landlord", ErrorCodes.Required, "Give the landlord: name, SIREN and kind."));
        }
        else
        {
            errors.AddRange(SocialLandlord.Validate(request.Landlord.Name, request.Landlord.Siren, request.Landlord.Kind, "landlord."));
        }

        if (request.Operation is null)
        {
            errors.Add(new("operation", ErrorCodes.Required, "Give the housing operation."));
        }
        else
        {
            ValidateOperation(request.Operation, stage, errors);
        }

        ValidateLines(request, errors);
        ValidateConvention(request, asOf, errors);
        return new ValidationReport(errors);
    }

    private static void ValidateAmount(decimal amount, string field, string what, List<ValidationError> errors)
    {
        if (amount <= 0)
        {
            errors.Add(new(field, ErrorCodes.MustBePositive, $"{what} must be more than zero."));
        }
        else if (!Amounts.IsWholeCents(amount))
        {
            errors.Add(new(field, ErrorCodes.WholeCents, $"{what} must be in whole cents (two decimals at most)."));
        }
    }

    private void ValidateOperation(HousingOperation operation, ValidationStage stage, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(operation.Name))
        {
            errors.Add(new("operation.name", ErrorCodes.Required, "Give the operation's name."));
        }

        var municipality = _territory.FindMunicipality(operation.Municipality);
        if (string.IsNullOrWhiteSpace(operation.Municipality))
        {
            errors.Add(new("operation.municipality", ErrorCodes.Required, "Give the commune of the operation."));
        }
        else if (municipality is null)
        {
            errors.Add(new("operation.municipality", ErrorCodes.Unknown, $"'{operation.Municipality}' is not a commune of the metropolis: choose one of {string.Join(", ", _territory.Municipalities.Select(m => m.Name))}."));
        }

        if (!string.IsNullOrWhiteSpace(operation.District) && municipality is not null
            && _territory.FindDistrict(municipality.Name, operation.District) is null)
        {
            var elsewhere = _territory.FindDistrictsNamed(operation.District);
            var inCommune = _territory.DistrictsOf(municipality.Name);
            var choices = inCommune.Count == 0 ? $"{municipality.Name} has no QPV or QV district: leave the district empty" : $"choose one of {string.Join(", ", inCommune.Select(d => d.Name))} or leave it empty";
            errors.Add(elsewhere.Count > 0
                ? new("operation.district", ErrorCodes.NotInMunicipality, $"District '{elsewhere[0].Name}' lies in {elsewhere[0].Municipality}, not in {municipality.Name}: {choices}.")
                : new("operation.district", ErrorCodes.Unknown, $"'{operation.District}' is not a QPV or QV district: {choices}."));
        }

        if (operation.Kind is null)
        {
            errors.Add(new("operation.kind", ErrorCodes.Required, "Give the operation's kind: NewBuild, OffPlanPurchase, AcquisitionImprovement or Rehabilitation."));
        }
        else if (!Enum.IsDefined(operation.Kind.Value))
        {
            errors.Add(new("operation.kind", ErrorCodes.InvalidValue, "The operation's kind must be NewBuild, OffPlanPurchase, AcquisitionImprovement or Rehabilitation."));
        }

        ValidateDwellings(operation.Dwellings, stage, operation.StateApprovalReference, errors);

        ValidateAmount(operation.TotalCostExcludingTax, "operation.totalCostExcludingTax", "The total cost excluding tax", errors);
        ValidateFinancingPlan(operation, errors);

        if (operation.PlannedWorksStart is null)
        {
            errors.Add(new("operation.plannedWorksStart", ErrorCodes.Required, "Give the planned start of works."));
        }

        if (operation.PlannedCompletion is null)
        {
            errors.Add(new("operation.plannedCompletion", ErrorCodes.Required, "Give the planned completion date."));
        }

        if (operation.PlannedWorksStart is { } start && operation.PlannedCompletion is { } end && start > end)
        {
            errors.Add(new("operation.plannedCompletion", ErrorCodes.DatesOutOfOrder, $"The planned completion ({end:yyyy-MM-dd}) comes before the planned start of works ({start:yyyy-MM-dd}): correct one of them."));
        }
    }

    private static void ValidateDwellings(DwellingMix? dwellings, ValidationStage stage, string? stateApprovalReference, List<ValidationError> errors)
    {
        if (dwellings is null)
        {
            errors.Add(new("operation.dwellings", ErrorCodes.Required, "Give the number of dwellings per product (plai, plus, pls, li, collectiveStructure)."));
            return;
        }

        var counts = new (string Field, int Count)[]
        {
            ("plai", dwellings.Plai), ("plus", dwellings.Plus), ("pls", dwellings.Pls), ("li", dwellings.Li), ("collectiveStructure", dwellings.CollectiveStructure),
        };
        var anyNegative = false;
        foreach (var (field, count) in counts.Where(c => c.Count < 0))
        {
            anyNegative = true;
            errors.Add(new($"operation.dwellings.{field}", ErrorCodes.MustNotBeNegative, $"The number of {field} dwellings must be zero or more."));
        }

        if (!anyNegative && dwellings.Total <= 0)
        {
            errors.Add(new("operation.dwellings", ErrorCodes.MustBePositive, "The operation must have at least one dwelling."));
        }

        if (stage == ValidationStage.Committee && dwellings.StateApproved > 0 && string.IsNullOrWhiteSpace(stateApprovalReference))
        {
            errors.Add(new("operation.stateApprovalReference", ErrorCodes.Required, "PLAI, PLUS and PLS dwellings need the State approval (agrément) before the committee: give its reference."));
        }
    }

    private static void ValidateFinancingPlan(HousingOperation operation, List<ValidationError> errors)
    {
        var plan = operation.FinancingPlan ?? [];
        if (plan.Count == 0)
        {
            errors.Add(new("operation.financingPlan", ErrorCodes.Required, "Give the financing plan: its sources must add up to the total cost."));
            return;
        }

        for (var i = 0; i < plan.Count; i++)
        {
            var source = plan[i];
            if (source is null)
            {
                errors.Add(new($"operation.financingPlan[{i}]", ErrorCodes.Required, "Give the financing source."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(source.Name))
            {
                errors.Add(new($"operation.financingPlan[{i}].name", ErrorCodes.Required, "Name the financing source."));
            }

            ValidateAmount(source.Amount, $"operation.financingPlan[{i}].amount", "A financing source's amount", errors);
        }

        var sum = plan.Where(s => s is not null).Sum(s => s.Amount);
        if (operation.TotalCostExcludingTax > 0 && sum != operation.TotalCostExcludingTax)
        {
            errors.Add(new("operation.financingPlan", ErrorCodes.Mismatch, $"The financing plan adds up to {Amounts.Format(sum)} but the total cost is {Amounts.Format(operation.TotalCostExcludingTax)}: the sources must add up exactly to the total cost (difference {Amounts.Format(operation.TotalCostExcludingTax - sum)})."));
        }
    }

    private static void ValidateLines(FinancingRequest request, List<ValidationError> errors)
    {
        var lines = request.RequestedLines ?? [];
        if (lines.Count == 0)
        {
            errors.Add(new("requestedLines", ErrorCodes.Required, "Ask for at least one loan or grant."));
            return;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var path = $"requestedLines[{i}]";
            var line = lines[i];
            if (line is null)
            {
                errors.Add(new(path, ErrorCodes.Required, "Give the requested line."));
                continue;
            }

            if (line.Kind is null)
            {
                errors.Add(new($"{path}.kind", ErrorCodes.Required, "Say whether the line is a Loan, a ConcessionalLoan or a Grant."));
            }
            else if (!Enum.IsDefined(line.Kind.Value))
            {
                errors.Add(new($"{path}.kind", ErrorCodes.InvalidValue, "A line's kind must be Loan, ConcessionalLoan or Grant."));
            }

            ValidateAmount(line.Amount, $"{path}.amount", "The requested amount", errors);

            var isLoan = line.Kind is FundingKind.Loan or FundingKind.ConcessionalLoan;
            if (isLoan && line.LoanDurationYears is null)
            {
                errors.Add(new($"{path}.loanDurationYears", ErrorCodes.Required, $"Give the loan's duration in years (1 to {MaxLoanDurationYears})."));
            }
            else if (isLoan && line.LoanDurationYears is < 1 or > MaxLoanDurationYears)
            {
                errors.Add(new($"{path}.loanDurationYears", ErrorCodes.OutOfRange, $"A loan lasts 1 to {MaxLoanDurationYears} years; {line.LoanDurationYears} is outside that range."));
            }
            else if (line.Kind == FundingKind.Grant && line.LoanDurationYears is not null)
            {
                errors.Add(new($"{path}.loanDurationYears", ErrorCodes.NotApplicable, "A grant has no duration: remove loanDurationYears or make the line a loan."));
            }
        }

        var cost = request.Operation?.TotalCostExcludingTax ?? 0m;
        if (cost > 0 && lines.All(l => l is not null && l.Amount > 0) && request.RequestedTotal > cost)
        {
            errors.Add(new("requestedLines", ErrorCodes.ExceedsLimit, $"The requested total {Amounts.Format(request.RequestedTotal)} exceeds the operation's total cost {Amounts.Format(cost)}."));
        }
    }

    private void ValidateConvention(FinancingRequest request, DateOnly asOf, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(request.ConventionId))
        {
            errors.Add(new("conventionId", ErrorCodes.Required, $"Give the convention (period) the request is charged to, e.g. '{ConventionIds.Amendment2020To2022}'."));
        }

        var convention = string.IsNullOrWhiteSpace(request.ConventionId) ? null : _conventions.Find(request.ConventionId);
        if (convention is null && !string.IsNullOrWhiteSpace(request.ConventionId))
        {
            errors.Add(new("conventionId", ErrorCodes.Unknown, $"'{request.ConventionId}' is not a known convention: choose one of {string.Join(", ", _conventions.Conventions.Select(c => c.Id))}."));
        }
        else if (convention is not null && !convention.Period.Contains(asOf))
        {
            errors.Add(new("conventionId", ErrorCodes.PeriodNotOpen, $"The period of convention '{convention.Id}' ({convention.Period}) is not open on {asOf:yyyy-MM-dd}: charge the request to an open convention."));
        }

        if (string.IsNullOrWhiteSpace(request.EnvelopeLineId))
        {
            errors.Add(new("envelopeLineId", ErrorCodes.Required, $"Give the envelope line, e.g. '{EnvelopeLineIds.HousingProduction}'."));
        }
        else if (convention is not null && convention.FindLine(request.EnvelopeLineId) is null)
        {
            errors.Add(new("envelopeLineId", ErrorCodes.Unknown, $"'{request.EnvelopeLineId}' is not a line of convention '{convention.Id}': choose one of {string.Join(", ", convention.Lines.Select(l => l.Id))}."));
        }
    }
}
