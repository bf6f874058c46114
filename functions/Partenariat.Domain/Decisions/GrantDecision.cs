using Partenariat.Domain.Common;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;

namespace Partenariat.Domain.Decisions;

/// <summary>The committee's outcome.</summary>
public enum DecisionOutcome
{
    /// <summary>Approved, in full or for a reduced amount.</summary>
    Approved,

    /// <summary>Rejected, with a reason.</summary>
    Rejected,
}

/// <summary>A decision as posted by a reviewer (e.g. a queue message): plain data, validated by <see cref="GrantDecision.Create"/>.</summary>
public sealed record GrantDecisionInput
{
    /// <summary>The id of the request decided.</summary>
    public string? RequestId { get; init; }

    /// <summary>Approved or rejected.</summary>
    public DecisionOutcome? Outcome { get; init; }

    /// <summary>The amount approved in euros (&gt; 0 and &lt;= the requested total when approved; empty or 0 when rejected).</summary>
    public decimal? ApprovedAmount { get; init; }

    /// <summary>The reason; required when rejected.</summary>
    public string? Reason { get; init; }

    /// <summary>The number of reservation rights granted (0 for none; must be 0 when rejected).</summary>
    public int RightsCount { get; init; }

    /// <summary>The rights' kind, required when <see cref="RightsCount"/> &gt; 0.</summary>
    public ReservationRightKind? RightsKind { get; init; }

    /// <summary>The rights' duration in years, required when <see cref="RightsCount"/> &gt; 0.</summary>
    public int? RightsDurationYears { get; init; }

    /// <summary>Conditions attached to the decision (conditions suspensives, ...).</summary>
    public IReadOnlyList<string>? Conditions { get; init; }

    /// <summary>Who decided (the reviewer).</summary>
    public string? Reviewer { get; init; }

    /// <summary>The date of the decision (passed in; not before the request's submission).</summary>
    public DateOnly DecidedOn { get; init; }
}

/// <summary>
/// A grant decision (décision d'octroi) by the Action Logement Services instances. Valid by construction:
/// approved amount &gt; 0 and &lt;= requested when approved (a reduced approval is allowed), a reason when
/// rejected, reservation rights only with an approval and never more than the operation's dwellings, a
/// reviewer, a date not before the submission nor after the day it is applied, texts within their
/// lengths (<see cref="InputLimits"/>) and free of the characters <see cref="TextRules"/> refuses.
/// The approved amount is a total across the requested loan and grant lines.
/// </summary>
public sealed record GrantDecision
{
    private GrantDecision()
    {
    }

    /// <summary>The id of the request decided.</summary>
    public string RequestId { get; private init; } = string.Empty;

    /// <summary>Approved or rejected.</summary>
    public DecisionOutcome Outcome { get; private init; }

    /// <summary>The total requested, in euros.</summary>
    public decimal RequestedAmount { get; private init; }

    /// <summary>The total approved, in euros (0 when rejected).</summary>
    public decimal ApprovedAmount { get; private init; }

    /// <summary>True when approved for less than requested.</summary>
    public bool IsReducedApproval => Outcome == DecisionOutcome.Approved && ApprovedAmount < RequestedAmount;

    /// <summary>The reason (always set when rejected).</summary>
    public string? Reason { get; private init; }

    /// <summary>The reservation rights granted, or null when none.</summary>
    public ReservationRightTerms? Rights { get; private init; }

    /// <summary>Conditions attached to the decision.</summary>
    public IReadOnlyList<string> Conditions { get; private init; } = [];

    /// <summary>Who decided.</summary>
    public string Reviewer { get; private init; } = string.Empty;

    /// <summary>The date of the decision.</summary>
    public DateOnly DecidedOn { get; private init; }

    /// <summary>
    /// Validates a reviewer's decision on <paramref name="request"/> and builds it, or returns every error.
    /// Reads the request's id, requested total, dwellings and submission date only. When
    /// <paramref name="today"/> is given, the decision's date must not be after it.
    /// </summary>
    public static Result<GrantDecision> Create(GrantDecisionInput input, FinancingRequest request, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(input.RequestId))
        {
            errors.Add(new("requestId", ErrorCodes.Required, "Give the id of the request decided."));
        }
        else if (!string.Equals(input.RequestId, request.RequestId, StringComparison.Ordinal))
        {
            errors.Add(new("requestId", ErrorCodes.Mismatch, $"The decision is for request '{input.RequestId}' but was applied to request '{request.RequestId}'."));
        }

        if (string.IsNullOrWhiteSpace(input.Reviewer))
        {
            errors.Add(new("reviewer", ErrorCodes.Required, "Name the reviewer who decided."));
        }
        else
        {
            errors.AddRange(TextRules.Check("reviewer", input.Reviewer, InputLimits.MaxNameLength));
        }

        var submittedOn = DateOnly.FromDateTime(request.SubmittedAt.Date);
        if (input.DecidedOn < submittedOn)
        {
            errors.Add(new("decidedOn", ErrorCodes.DatesOutOfOrder, $"The decision date {input.DecidedOn:yyyy-MM-dd} is before the submission on {submittedOn:yyyy-MM-dd}."));
        }
        else if (today is { } day && input.DecidedOn > day)
        {
            errors.Add(new("decidedOn", ErrorCodes.OutOfRange, $"The decision date {input.DecidedOn:yyyy-MM-dd} is after today ({day:yyyy-MM-dd}): a decision is dated the day it is taken, or before."));
        }

        errors.AddRange(TextRules.Check("reason", input.Reason, InputLimits.MaxTextLength, multiline: true));
        var conditions = input.Conditions ?? [];
        if (conditions.Count > InputLimits.MaxConditions)
        {
            errors.Add(new("conditions", ErrorCodes.TooMany, $"At most {InputLimits.MaxConditions} conditions; this decision has {conditions.Count}: group them."));
            conditions = [];
        }

        for (var i = 0; i < conditions.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(conditions[i]))
            {
                errors.Add(new($"conditions[{i}]", ErrorCodes.Required, "A condition must not be blank: write it or remove it."));
            }
            else
            {
                errors.AddRange(TextRules.Check($"conditions[{i}]", conditions[i], InputLimits.MaxConditionLength, multiline: true));
            }
        }

        ReservationRightTerms? rights = null;
        var requested = request.RequestedTotal;
        switch (input.Outcome)
        {
            case null:
                errors.Add(new("outcome", ErrorCodes.Required, "Give the outcome: Approved or Rejected."));
                break;
            case DecisionOutcome.Approved:
                ValidateApproval(input, requested, errors);
                if (input.RightsCount < 0)
                {
                    errors.Add(new("rightsCount", ErrorCodes.MustNotBeNegative, "The number of reservation rights must be zero or more."));
                }
                else if (input.RightsCount > 0)
                {
                    var terms = ReservationRightTerms.Create(input.RightsCount, input.RightsKind, input.RightsDurationYears);
                    errors.AddRange(terms.Errors);
                    rights = terms.Value;
                    var dwellings = DwellingsOf(request);
                    if (input.RightsCount > dwellings)
                    {
                        errors.Add(new("rightsCount", ErrorCodes.ExceedsLimit, $"The decision gives {input.RightsCount} reservation rights, more than the operation's {dwellings} dwellings: give at most {dwellings} (one right per dwelling reserved)."));
                    }
                }

                break;
            case DecisionOutcome.Rejected:
                if (string.IsNullOrWhiteSpace(input.Reason))
                {
                    errors.Add(new("reason", ErrorCodes.Required, "A rejection needs a reason: say why the request is rejected."));
                }

                if (input.ApprovedAmount is { } amount && amount != 0)
                {
                    errors.Add(new("approvedAmount", ErrorCodes.NotApplicable, "A rejection approves no amount: leave approvedAmount empty."));
                }

                if (input.RightsCount != 0)
                {
                    errors.Add(new("rightsCount", ErrorCodes.NotApplicable, "A rejection grants no reservation rights: set rightsCount to 0."));
                }

                break;
            default:
                errors.Add(new("outcome", ErrorCodes.InvalidValue, "The outcome must be Approved or Rejected."));
                break;
        }

        if (errors.Count > 0)
        {
            return Result.Failure<GrantDecision>(errors);
        }

        return Result.Success(new GrantDecision
        {
            RequestId = input.RequestId!,
            Outcome = input.Outcome!.Value,
            RequestedAmount = requested,
            ApprovedAmount = input.Outcome == DecisionOutcome.Approved ? input.ApprovedAmount!.Value : 0m,
            Reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim(),
            Rights = rights,
            Conditions = conditions.Select(c => c.Trim()).ToArray(),
            Reviewer = input.Reviewer!.Trim(),
            DecidedOn = input.DecidedOn,
        });
    }

    /// <summary>The operation's dwellings, all products together (0 when it gives none): the most reservation rights a decision may give.</summary>
    public static long DwellingsOf(FinancingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Operation?.Dwellings is { } mix ? Math.Max(0L, (long)mix.Plai + mix.Plus + mix.Pls + mix.Li + mix.CollectiveStructure) : 0L;
    }

    private static void ValidateApproval(GrantDecisionInput input, decimal requested, List<ValidationError> errors)
    {
        if (input.ApprovedAmount is not { } amount)
        {
            errors.Add(new("approvedAmount", ErrorCodes.Required, "An approval needs the approved amount."));
        }
        else if (amount <= 0)
        {
            errors.Add(new("approvedAmount", ErrorCodes.MustBePositive, "The approved amount must be more than zero; to refuse, reject the request."));
        }
        else if (amount > requested)
        {
            errors.Add(new("approvedAmount", ErrorCodes.ExceedsLimit, $"The approved amount {Amounts.Format(amount)} exceeds the requested {Amounts.Format(requested)}: approve at most what was requested."));
        }
        else if (!Amounts.IsWholeCents(amount))
        {
            errors.Add(new("approvedAmount", ErrorCodes.WholeCents, "The approved amount must be in whole cents."));
        }
    }
}
