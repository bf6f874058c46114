using Partenariat.Domain.Decisions;
using Partenariat.Domain.Disbursements;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;
using Partenariat.Workflow.Documents;

namespace Partenariat.Workflow.Requests;

/// <summary>A financing request as its landlord, the reviewers and operators see it: what was asked, where it stands, and its history.</summary>
public sealed record FinancingRequestView
{
    /// <summary>The request's id (also its orchestration's instance id).</summary>
    public required string RequestId { get; init; }

    /// <summary>The landlord's SIREN.</summary>
    public required string LandlordId { get; init; }

    /// <summary>Where the request stands in its life (docs/domain.md).</summary>
    public required RequestState Status { get; init; }

    /// <summary>When it was submitted.</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When it entered its status (null while it is in its first status, or in views stored before this was recorded).</summary>
    public DateTimeOffset? StatusSince { get; init; }

    /// <summary>The request as submitted.</summary>
    public required FinancingRequest Request { get; init; }

    /// <summary>Every step, oldest first: who, when, what.</summary>
    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    /// <summary>The open information request, if any.</summary>
    public InformationRequestView? InformationRequest { get; init; }

    /// <summary>The committee's decision, once taken.</summary>
    public DecisionView? Decision { get; init; }

    /// <summary>The disbursement tranches, once approved.</summary>
    public IReadOnlyList<TrancheView> Tranches { get; init; } = [];

    /// <summary>The reservation rights, once decided.</summary>
    public ReservationRightView? ReservationRights { get; init; }

    /// <summary>The number of steps recorded; the idempotency key of the next step.</summary>
    public int Step { get; init; }

    /// <summary>The committee round the request is in (0 before the committee; a decision answers this round).</summary>
    public int Round { get; init; }

    /// <summary>
    /// The supporting documents uploaded to it, oldest first: what the caps on documents count and
    /// what a milestone's evidence is checked against. Null in views stored before the view listed
    /// them (their documents are then read from Blob storage).
    /// </summary>
    public IReadOnlyList<RequestDocument>? Documents { get; init; }
}

/// <summary>A supporting document as the request's view lists it (its metadata is in Blob storage).</summary>
/// <param name="DocumentId">Its id.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Size">Its size in bytes.</param>
public sealed record RequestDocument(string DocumentId, DocumentKind Kind, long Size);

/// <summary>An information request of the committee.</summary>
/// <param name="Question">What the committee asks.</param>
/// <param name="DueAt">The answer's due date; without an answer by then the request is closed.</param>
/// <param name="Answer">The landlord's answer, once given.</param>
public sealed record InformationRequestView(string Question, DateTimeOffset DueAt, string? Answer);

/// <summary>The committee's decision.</summary>
public sealed record DecisionView(
    DecisionOutcome Outcome,
    decimal RequestedAmount,
    decimal ApprovedAmount,
    bool IsReducedApproval,
    string? Reason,
    IReadOnlyList<string> Conditions,
    string Reviewer,
    DateOnly DecidedOn)
{
    /// <summary>The view of a domain decision.</summary>
    public static DecisionView From(GrantDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new(decision.Outcome, decision.RequestedAmount, decision.ApprovedAmount, decision.IsReducedApproval, decision.Reason, decision.Conditions, decision.Reviewer, decision.DecidedOn);
    }
}

/// <summary>A disbursement tranche and what was paid for it.</summary>
public sealed record TrancheView(int Number, DisbursementMilestone Milestone, decimal Amount, decimal Paid, DateOnly? PaidOn, string? EvidenceDocumentId);

/// <summary>The reservation rights Action Logement receives for the financing.</summary>
public sealed record ReservationRightView(
    int Count,
    ReservationRightKind Kind,
    int DurationYears,
    ReservationRightStatus Status,
    DateOnly? StartDate,
    DateOnly? EndDate)
{
    /// <summary>The view of the domain's rights.</summary>
    public static ReservationRightView From(ReservationRight right)
    {
        ArgumentNullException.ThrowIfNull(right);
        return new(right.Terms.Count, right.Terms.Kind, right.Terms.DurationYears, right.Status, right.StartDate, right.EndDate);
    }

    /// <summary>
    /// The domain's rights this view records, as of <paramref name="today"/>: assigned rights past
    /// their end date read Expired (the domain's <see cref="ReservationRight.Expire"/> decides).
    /// </summary>
    public ReservationRight ToDomain(string requestId, DateOnly today)
    {
        var terms = ReservationRightTerms.Create(Count, Kind, DurationYears).Value
            ?? throw new InvalidOperationException($"The stored rights of request '{requestId}' are not valid terms ({Count} {Kind}, {DurationYears} years).");
        var right = ReservationRight.Plan(requestId, terms);
        if (Status == ReservationRightStatus.Planned || StartDate is not { } start)
        {
            return right;
        }

        var assigned = right.Assign(start).Value!;
        return assigned.Expire(today).Value ?? assigned;
    }
}
