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
/// kind defined; dwellings each &gt;= 0 with a total &gt; 0 and at most <see cref="InputLimits.MaxDwellings"/>; total cost excl. tax &gt; 0
/// and at most <see cref="InputLimits.MaxTotalCost"/>; financing plan sources named, &gt; 0 and summing exactly to the total cost;
/// planned works start and completion given, start &lt;= completion, both within the window of the convention's period
/// (<see cref="InputLimits.FirstPlannedDate"/>, <see cref="InputLimits.LastPlannedDate"/>);</item>
/// <item>at <see cref="ValidationStage.Committee"/>: a State approval reference when there are PLAI, PLUS or PLS dwellings;</item>
/// <item>at least one requested line; each with a kind and an amount &gt; 0; loans with a duration of 1 to
/// <see cref="MaxLoanDurationYears"/> years; no duration on a grant; assumptions: the requested total does not
/// exceed the operation's total cost nor the envelope line, and equals what the financing plan's Action Logement
/// sources (those whose name says "Action Logement") add up to;</item>
/// <item>the convention is known and open on the validation date; the envelope line is one of its lines;</item>
/// <item>amounts in whole cents; every text within its length (<see cref="InputLimits"/>) and free of the
/// characters <see cref="TextRules"/> refuses; lists within their length.</item>
/// </list>
/// The capital link with Action Logement is never read (CCH art. L.313-17-3). Validation never throws
/// on input: sums are checked (<see cref="Amounts.TrySum"/>), counts summed as 64-bit numbers.
/// </summary>
public sealed partial class FinancingRequestValidator
{
    /// <summary>The longest loan accepted, in years.</summary>
    public const int MaxLoanDurationYears = 60;

    private const string ActionLogementName = "action logement";

    private readonly ConventionCatalog _conventions;
    private readonly MetropolitanTerritory _territory;
    private readonly InputLimits _limits;

    /// <summary>Creates a validator over a catalogue of conventions and a territory, with <paramref name="limits"/> (default <see cref="InputLimits.Default"/>).</summary>
    public FinancingRequestValidator(ConventionCatalog conventions, MetropolitanTerritory territory, InputLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        ArgumentNullException.ThrowIfNull(territory);
        _conventions = conventions;
        _territory = territory;
        _limits = limits ?? InputLimits.Default;
    }

    /// <summary>A validator over the seeded conventions and Dijon Métropole.</summary>
    public static FinancingRequestValidator Default { get; } = new(ConventionCatalog.Default, MetropolitanTerritory.DijonMetropole);

    /// <summary>True when the financing source named <paramref name="name"/> is Action Logement's (its name says "Action Logement", any case or accents).</summary>
    public static bool IsActionLogementSource(string? name) =>
        !string.IsNullOrWhiteSpace(name) && TextKey.Fold(name).Contains(ActionLogementName, StringComparison.Ordinal);

    /// <summary>Validates <paramref name="request"/> at <paramref name="stage"/> on <paramref name="asOf"/>.</summary>
    public ValidationReport Validate(FinancingRequest request, ValidationStage stage, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(request.RequestId))
        {
            errors.Add(new("requestId", ErrorCodes.Required, "Give the request's id."));
        }
        else
        {
            errors.AddRange(TextRules.Check("requestId", request.RequestId, InputLimits.MaxNameLength));
        }

        if (request.Landlord is null)
        {
            errors.Add(new("landlord", ErrorCodes.Required, "Give the landlord: name, SIREN and kind."));
        }
        else
        {
            errors.AddRange(SocialLandlord.Validate(request.Landlord.Name, request.Landlord.Siren, request.Landlord.Kind, "landlord."));
        }

        var (convention, line) = Resolve(request);
        if (request.Operation is null)
        {
            errors.Add(new("operation", ErrorCodes.Required, "Give the housing operation."));
        }
        else
        {
            ValidateOperation(request.Operation, stage, convention, errors);
        }

        ValidateLines(request, line, errors);
        ValidateConvention(request, convention, asOf, errors);
        return new ValidationReport(errors);
    }

    private static void ValidateAmount(decimal amount, string field, string what, decimal max, List<ValidationError> errors)
    {
        if (amount <= 0)
        {
            errors.Add(new(field, ErrorCodes.MustBePositive, $"{what} must be more than zero."));
        }
        else if (amount > max)
        {
            errors.Add(new(field, ErrorCodes.OutOfRange, $"{what} must be at most {Amounts.Format(max)}."));
        }
        else if (!Amounts.IsWholeCents(amount))
        {
            errors.Add(new(field, ErrorCodes.WholeCents, $"{what} must be in whole cents (two decimals at most)."));
        }
    }

    private static bool IsValidAmount(decimal amount, decimal max) => amount > 0 && amount <= max && Amounts.IsWholeCents(amount);

    /// <summary>The convention and line the request names, when both ids are acceptable texts naming known ones.</summary>
    private (Convention? Convention, EnvelopeLine? Line) Resolve(FinancingRequest request)
    {
        var convention = IsName(request.ConventionId) ? _conventions.Find(request.ConventionId!) : null;
        var line = convention is not null && IsName(request.EnvelopeLineId) ? convention.FindLine(request.EnvelopeLineId!) : null;
        return (convention, line);
    }

    private static bool IsName(string? text) => !string.IsNullOrWhiteSpace(text) && TextRules.IsAcceptable(text, InputLimits.MaxNameLength);

    private void ValidateLines(FinancingRequest request, EnvelopeLine? line, List<ValidationError> errors)
    {
        var lines = request.RequestedLines ?? [];
        if (lines.Count == 0)
        {
            errors.Add(new("requestedLines", ErrorCodes.Required, "Ask for at least one loan or grant."));
            return;
        }

        if (lines.Count > InputLimits.MaxRequestedLines)
        {
            errors.Add(new("requestedLines", ErrorCodes.TooMany, $"Ask for at most {InputLimits.MaxRequestedLines} lines (loans and grants); this request has {lines.Count}."));
            return;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            ValidateLine(lines[i], $"requestedLines[{i}]", errors);
        }

        if (!lines.All(l => l is not null && IsValidAmount(l.Amount, _limits.MaxTotalCost)))
        {
            return;
        }

        // Bounded amounts, a bounded count: the sum cannot overflow.
        var requested = lines.Sum(l => l.Amount);
        var cost = request.Operation?.TotalCostExcludingTax ?? 0m;
        if (cost > 0 && requested > cost)
        {
            errors.Add(new("requestedLines", ErrorCodes.ExceedsLimit, $"The requested total {Amounts.Format(requested)} exceeds the operation's total cost {Amounts.Format(cost)}."));
        }
        else if (line is not null && requested > line.Amount)
        {
            errors.Add(new("requestedLines", ErrorCodes.ExceedsLimit, $"The requested total {Amounts.Format(requested)} exceeds the whole envelope line '{line.Id}' ({Amounts.Format(line.Amount)}): ask for at most that."));
        }
        else
        {
            ValidateActionLogementShare(request.Operation?.FinancingPlan, requested, errors);
        }
    }

    private void ValidateLine(RequestedLine? line, string path, List<ValidationError> errors)
    {
        if (line is null)
        {
            errors.Add(new(path, ErrorCodes.Required, "Give the requested line."));
            return;
        }

        if (line.Kind is null)
        {
            errors.Add(new($"{path}.kind", ErrorCodes.Required, "Say whether the line is a Loan, a ConcessionalLoan or a Grant."));
        }
        else if (!Enum.IsDefined(line.Kind.Value))
        {
            errors.Add(new($"{path}.kind", ErrorCodes.InvalidValue, "A line's kind must be Loan, ConcessionalLoan or Grant."));
        }

        ValidateAmount(line.Amount, $"{path}.amount", "The requested amount", _limits.MaxTotalCost, errors);

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

    /// <summary>What is asked of Action Logement is what the financing plan counts on from it: its sources named so add up to the requested total.</summary>
    private void ValidateActionLogementShare(IReadOnlyList<FinancingSource?>? plan, decimal requested, List<ValidationError> errors)
    {
        if (plan is not { Count: > 0 } || plan.Count > InputLimits.MaxFinancingSources || !plan.All(s => s is not null && IsValidAmount(s.Amount, _limits.MaxTotalCost)))
        {
            return; // the plan's own errors say what to fix first
        }

        var actionLogement = plan.Where(s => IsActionLogementSource(s!.Name)).ToList();
        if (actionLogement.Count == 0)
        {
            errors.Add(new("operation.financingPlan", ErrorCodes.Required, $"The financing plan must show what is asked of Action Logement: add a source named 'Action Logement' of {Amounts.Format(requested)}, the requested total."));
            return;
        }

        var share = actionLogement.Sum(s => s!.Amount);
        if (share != requested)
        {
            errors.Add(new("operation.financingPlan", ErrorCodes.Mismatch, $"The financing plan counts on {Amounts.Format(share)} from Action Logement but the requested lines ask for {Amounts.Format(requested)}: make them agree."));
        }
    }

    private void ValidateConvention(FinancingRequest request, Convention? convention, DateOnly asOf, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(request.ConventionId))
        {
            errors.Add(new("conventionId", ErrorCodes.Required, $"Give the convention (period) the request is charged to, e.g. '{ConventionIds.Amendment2020To2022}'."));
        }
        else if (TextRules.Check("conventionId", request.ConventionId, InputLimits.MaxNameLength) is { Count: > 0 } conventionText)
        {
            errors.AddRange(conventionText);
        }
        else if (convention is null)
        {
            errors.Add(new("conventionId", ErrorCodes.Unknown, $"'{request.ConventionId}' is not a known convention: choose one of {string.Join(", ", _conventions.Conventions.Select(c => c.Id))}."));
        }
        else if (!convention.Period.Contains(asOf))
        {
            errors.Add(new("conventionId", ErrorCodes.PeriodNotOpen, $"The period of convention '{convention.Id}' ({convention.Period}) is not open on {asOf:yyyy-MM-dd}: charge the request to an open convention."));
        }

        if (string.IsNullOrWhiteSpace(request.EnvelopeLineId))
        {
            errors.Add(new("envelopeLineId", ErrorCodes.Required, $"Give the envelope line, e.g. '{EnvelopeLineIds.HousingProduction}'."));
        }
        else if (TextRules.Check("envelopeLineId", request.EnvelopeLineId, InputLimits.MaxNameLength) is { Count: > 0 } lineText)
        {
            errors.AddRange(lineText);
        }
        else if (convention is not null && convention.FindLine(request.EnvelopeLineId) is null)
        {
            errors.Add(new("envelopeLineId", ErrorCodes.Unknown, $"'{request.EnvelopeLineId}' is not a line of convention '{convention.Id}': choose one of {string.Join(", ", convention.Lines.Select(l => l.Id))}."));
        }
    }
}
