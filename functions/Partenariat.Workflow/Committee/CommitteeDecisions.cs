using Partenariat.Domain.Common;
using Partenariat.Domain.Decisions;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;

namespace Partenariat.Workflow.Committee;

/// <summary>
/// The one reading of a committee decision message, shared by the queue's handler (which checks a
/// decision before raising it) and the request's orchestration (which applies it): the decision
/// checked is the decision applied. Defaults are filled in once, by <see cref="Complete"/>: the
/// requested total for an approval without an amount, the rights the domain's
/// <see cref="ReservationRightsPolicy"/> proposes for an approval without rights (never more than the
/// operation's dwellings), and the day for
/// a decision without a date. The handler raises the completed message, so the orchestration,
/// completing it again, changes nothing.
/// </summary>
public static class CommitteeDecisions
{
    /// <summary>The message with its defaults filled in, for <paramref name="request"/> on <paramref name="today"/>.</summary>
    public static CommitteeDecisionMessage Complete(CommitteeDecisionMessage message, FinancingRequest request, DateOnly today, ReservationRightsPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(request);
        if (message.Outcome != CommitteeOutcome.Approved)
        {
            return message with { DecidedOn = message.DecidedOn ?? today };
        }

        var amount = message.ApprovedAmount ?? request.RequestedTotal;
        var rights = message.Rights;
        if (rights is null && amount > 0m && (policy ?? ReservationRightsPolicy.Default).Propose(amount, GrantDecision.DwellingsOf(request)) is { } proposed)
        {
            rights = new RightsTerms(proposed.Count, proposed.Kind, proposed.DurationYears);
        }

        return message with { ApprovedAmount = amount, Rights = rights, DecidedOn = message.DecidedOn ?? today };
    }

    /// <summary>
    /// The grant decision an approval or a rejection makes for <paramref name="request"/> (its id
    /// set), checked by the domain's <see cref="GrantDecision.Create"/>; a failure says why. Not for
    /// an information request, which decides nothing.
    /// </summary>
    public static Result<GrantDecision> ToGrantDecision(CommitteeDecisionMessage message, FinancingRequest request, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(request);
        var outcome = message.Outcome switch
        {
            CommitteeOutcome.Approved => DecisionOutcome.Approved,
            CommitteeOutcome.Rejected => DecisionOutcome.Rejected,
            _ => throw new ArgumentException($"A {message.Outcome} message makes no grant decision.", nameof(message)),
        };
        var complete = Complete(message, request, today);
        return GrantDecision.Create(
            new GrantDecisionInput
            {
                RequestId = complete.RequestId,
                Outcome = outcome,
                ApprovedAmount = outcome == DecisionOutcome.Approved ? complete.ApprovedAmount : null,
                Reason = complete.Reason,
                RightsCount = complete.Rights?.Count ?? 0,
                RightsKind = complete.Rights?.Kind,
                RightsDurationYears = complete.Rights?.DurationYears,
                Conditions = complete.Conditions,
                Reviewer = complete.Reviewer,
                DecidedOn = complete.DecidedOn!.Value,
            },
            request,
            today);
    }

    /// <summary>
    /// Why <paramref name="message"/> cannot be applied to <paramref name="request"/> in committee
    /// round <paramref name="round"/>, or null when it can: it names itself (a decision id) and the
    /// round it answers, which must be the request's; then a question for an information request,
    /// a valid grant decision otherwise.
    /// </summary>
    public static string? Refusal(CommitteeDecisionMessage message, FinancingRequest request, int round, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(message.DecisionId))
        {
            return "The decision lacks its 'decisionId' (an id of its own, such as a GUID, so that it is applied once).";
        }

        if (message.Round != round)
        {
            return message.Round is null
                ? $"The decision lacks the 'round' it answers (the request is in round {round})."
                : $"The decision answers round {message.Round}, but the request is in round {round}: it is stale.";
        }

        return message.Outcome switch
        {
            null => "The decision lacks its outcome (Approved, Rejected or InformationRequested).",
            CommitteeOutcome.InformationRequested => string.IsNullOrWhiteSpace(message.Question)
                ? "An information request needs a 'question'."
                : TextRules.Check("question", message.Question, InputLimits.MaxTextLength, multiline: true)
                    .Concat(TextRules.Check("reviewer", message.Reviewer, InputLimits.MaxNameLength)) is var refused && refused.Any()
                    ? "The decision is not valid: " + string.Join(" ", refused.Select(e => $"{e.Field}: {e.Message}"))
                    : null,
            _ => ToGrantDecision(message, request, today) is { IsSuccess: false } refused ? "The decision is not valid: " + refused.Reason : null,
        };
    }
}
