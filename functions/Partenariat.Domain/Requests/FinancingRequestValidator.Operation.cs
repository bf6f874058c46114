using Partenariat.Domain.Common;
using Partenariat.Domain.Conventions;

namespace Partenariat.Domain.Requests;

// The operation's rules: its names, commune and district, kind, dwellings, cost and financing
// plan, and its planned dates within the window of its convention's period.
public sealed partial class FinancingRequestValidator
{
    private void ValidateOperation(HousingOperation operation, ValidationStage stage, Convention? convention, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(operation.Name))
        {
            errors.Add(new("operation.name", ErrorCodes.Required, "Give the operation's name."));
        }
        else
        {
            errors.AddRange(TextRules.Check("operation.name", operation.Name, InputLimits.MaxNameLength));
        }

        ValidatePlace(operation, errors);

        if (operation.Kind is null)
        {
            errors.Add(new("operation.kind", ErrorCodes.Required, "Give the operation's kind: NewBuild, OffPlanPurchase, AcquisitionImprovement or Rehabilitation."));
        }
        else if (!Enum.IsDefined(operation.Kind.Value))
        {
            errors.Add(new("operation.kind", ErrorCodes.InvalidValue, "The operation's kind must be NewBuild, OffPlanPurchase, AcquisitionImprovement or Rehabilitation."));
        }

        ValidateDwellings(operation.Dwellings, errors);
        errors.AddRange(TextRules.Check("operation.stateApprovalReference", operation.StateApprovalReference, InputLimits.MaxReferenceLength));
        if (stage == ValidationStage.Committee && operation.Dwellings is { } mix && (long)mix.Plai + mix.Plus + mix.Pls > 0 && string.IsNullOrWhiteSpace(operation.StateApprovalReference))
        {
            errors.Add(new("operation.stateApprovalReference", ErrorCodes.Required, "PLAI, PLUS and PLS dwellings need the State approval (agrément) before the committee: give its reference."));
        }

        ValidateAmount(operation.TotalCostExcludingTax, "operation.totalCostExcludingTax", "The total cost excluding tax", _limits.MaxTotalCost, errors);
        ValidateFinancingPlan(operation, errors);
        ValidatePlannedDates(operation, convention, errors);
    }

    private void ValidatePlace(HousingOperation operation, List<ValidationError> errors)
    {
        var municipalityText = TextRules.Check("operation.municipality", operation.Municipality, InputLimits.MaxNameLength);
        var districtText = TextRules.Check("operation.district", operation.District, InputLimits.MaxNameLength);
        var municipality = municipalityText.Count == 0 && !string.IsNullOrWhiteSpace(operation.Municipality) ? _territory.FindMunicipality(operation.Municipality) : null;
        if (string.IsNullOrWhiteSpace(operation.Municipality))
        {
            errors.Add(new("operation.municipality", ErrorCodes.Required, "Give the commune of the operation."));
        }
        else if (municipalityText.Count > 0)
        {
            errors.AddRange(municipalityText);
        }
        else if (municipality is null)
        {
            errors.Add(new("operation.municipality", ErrorCodes.Unknown, $"'{operation.Municipality}' is not a commune of the metropolis: choose one of {string.Join(", ", _territory.Municipalities.Select(m => m.Name))}."));
        }

        if (districtText.Count > 0)
        {
            errors.AddRange(districtText);
        }
        else if (!string.IsNullOrWhiteSpace(operation.District) && municipality is not null
            && _territory.FindDistrict(municipality.Name, operation.District) is null)
        {
            var elsewhere = _territory.FindDistrictsNamed(operation.District);
            var inCommune = _territory.DistrictsOf(municipality.Name);
            var choices = inCommune.Count == 0 ? $"{municipality.Name} has no QPV or QV district: leave the district empty" : $"choose one of {string.Join(", ", inCommune.Select(d => d.Name))} or leave it empty";
            errors.Add(elsewhere.Count > 0
                ? new("operation.district", ErrorCodes.NotInMunicipality, $"District '{elsewhere[0].Name}' lies in {elsewhere[0].Municipality}, not in {municipality.Name}: {choices}.")
                : new("operation.district", ErrorCodes.Unknown, $"'{operation.District}' is not a QPV or QV district: {choices}."));
        }
    }

    private void ValidateDwellings(DwellingMix? dwellings, List<ValidationError> errors)
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
        var anyOutOfRange = false;
        foreach (var (field, count) in counts.Where(c => c.Count < 0 || c.Count > _limits.MaxDwellings))
        {
            anyOutOfRange = true;
            errors.Add(count < 0
                ? new($"operation.dwellings.{field}", ErrorCodes.MustNotBeNegative, $"The number of {field} dwellings must be zero or more.")
                : new($"operation.dwellings.{field}", ErrorCodes.OutOfRange, $"The number of {field} dwellings must be at most {_limits.MaxDwellings}, the most an operation may have."));
        }

        if (anyOutOfRange)
        {
            return;
        }

        var total = counts.Sum(c => (long)c.Count);
        if (total <= 0)
        {
            errors.Add(new("operation.dwellings", ErrorCodes.MustBePositive, "The operation must have at least one dwelling."));
        }
        else if (total > _limits.MaxDwellings)
        {
            errors.Add(new("operation.dwellings", ErrorCodes.OutOfRange, $"The operation has {total} dwellings in all; at most {_limits.MaxDwellings} are accepted."));
        }
    }

    private void ValidateFinancingPlan(HousingOperation operation, List<ValidationError> errors)
    {
        var plan = operation.FinancingPlan ?? [];
        if (plan.Count == 0)
        {
            errors.Add(new("operation.financingPlan", ErrorCodes.Required, "Give the financing plan: its sources must add up to the total cost."));
            return;
        }

        if (plan.Count > InputLimits.MaxFinancingSources)
        {
            errors.Add(new("operation.financingPlan", ErrorCodes.TooMany, $"A financing plan has at most {InputLimits.MaxFinancingSources} sources; this one has {plan.Count}: group the smaller ones."));
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
            else
            {
                errors.AddRange(TextRules.Check($"operation.financingPlan[{i}].name", source.Name, InputLimits.MaxNameLength));
            }

            ValidateAmount(source.Amount, $"operation.financingPlan[{i}].amount", "A financing source's amount", _limits.MaxTotalCost, errors);
        }

        var cost = operation.TotalCostExcludingTax;
        if (!IsValidAmount(cost, _limits.MaxTotalCost) || !plan.All(s => s is not null && IsValidAmount(s.Amount, _limits.MaxTotalCost)))
        {
            return; // each amount's own error says what to fix first
        }

        // Bounded amounts, a bounded count: the sum cannot overflow.
        var sum = plan.Sum(s => s!.Amount);
        if (sum != cost)
        {
            errors.Add(new("operation.financingPlan", ErrorCodes.Mismatch, $"The financing plan adds up to {Amounts.Format(sum)} but the total cost is {Amounts.Format(cost)}: the sources must add up exactly to the total cost (difference {Amounts.Format(cost - sum)})."));
        }
    }

    private void ValidatePlannedDates(HousingOperation operation, Convention? convention, List<ValidationError> errors)
    {
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

        if (convention is null)
        {
            return; // the window is the convention's: its own error says what to fix first
        }

        var first = _limits.FirstPlannedDate(convention.Period);
        var last = _limits.LastPlannedDate(convention.Period);
        foreach (var (field, date) in new[] { ("operation.plannedWorksStart", operation.PlannedWorksStart), ("operation.plannedCompletion", operation.PlannedCompletion) })
        {
            if (date is { } day && (day < first || day > last))
            {
                errors.Add(new(field, ErrorCodes.OutOfRange, $"{day:yyyy-MM-dd} is outside what the convention '{convention.Id}' ({convention.Period}) makes sensible: plan from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}."));
            }
        }
    }
}
