using Partenariat.Domain.Decisions;
using Partenariat.Domain.Disbursements;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;

namespace Partenariat.Workflow.Requests;

/// <summary>A financing request as its landlord, the reviewers and operators see it: what was asked, where it stands, and its history.</summary>
public sealed record FinancingRequestView
{
    /// <summary>The request's id (also its orchestration's instance id).</summary>
    public required string RequestId { get; init; }

    /// <summary>The landlord's SIREN.</summary>
    public required string LandlordId { get; init; }

    /// <summary>Where the request stands in its life (DOMAIN.md).</summary>
    public required RequestState Status { get; init; }

    /// <summary>When it was submitted.</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

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
}

/// <summary>One step of a request's history.</summary>
/// <param name="At">When (the orchestration's clock).</param>
/// <param name="Actor">Who: the landlord, the committee (with the reviewer's name), the system, an operator.</param>
/// <param name="Action">What happened, e.g. "Submitted", "CreditReserved", "Approved".</param>
/// <param name="Status">The status after the step.</param>
/// <param name="Details">Human-readable details.</param>
public sealed record TimelineEntry(DateTimeOffset At, string Actor, string Action, RequestState Status, string? Details);

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
    DateOnly? EndDate);
