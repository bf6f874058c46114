using Partenariat.Domain.ReservationRights;

namespace Partenariat.Workflow.Committee;

/// <summary>What the committee can decide.</summary>
public enum CommitteeOutcome
{
    /// <summary>Approve the requested amount, or a reduced one.</summary>
    Approved,

    /// <summary>Reject, with a reason.</summary>
    Rejected,

    /// <summary>Ask the landlord for information, with a question.</summary>
    InformationRequested,
}

/// <summary>
/// A decision message of the <c>committee-decisions</c> queue (JSON, camelCase; README).
/// </summary>
public sealed record CommitteeDecisionMessage
{
    /// <summary>The request decided on.</summary>
    public string? RequestId { get; init; }

    /// <summary>The decision's own id, chosen by whoever posts it (a GUID, say): the same decision posted twice is applied once.</summary>
    public string? DecisionId { get; init; }

    /// <summary>The committee round the decision answers (the review message's and the request's <c>round</c>): a decision for an earlier round is stale.</summary>
    public int? Round { get; init; }

    /// <summary>The outcome.</summary>
    public CommitteeOutcome? Outcome { get; init; }

    /// <summary>The approved amount in euros (at most the requested amount); defaults to the requested amount.</summary>
    public decimal? ApprovedAmount { get; init; }

    /// <summary>The reason of a rejection (required then).</summary>
    public string? Reason { get; init; }

    /// <summary>The question of an information request (required then).</summary>
    public string? Question { get; init; }

    /// <summary>The reservation rights in return for an approval; proposed from the amount when absent.</summary>
    public RightsTerms? Rights { get; init; }

    /// <summary>Conditions attached to an approval.</summary>
    public IReadOnlyList<string>? Conditions { get; init; }

    /// <summary>Who decided (required).</summary>
    public string? Reviewer { get; init; }

    /// <summary>The decision's date; defaults to the day it is applied.</summary>
    public DateOnly? DecidedOn { get; init; }
}

/// <summary>Reservation-right terms in a decision.</summary>
/// <param name="Count">How many rights.</param>
/// <param name="Kind">Single (one allocation) or recurring (at every vacancy).</param>
/// <param name="DurationYears">How long.</param>
public sealed record RightsTerms(int Count, ReservationRightKind Kind, int DurationYears);
