using Partenariat.Domain.Disbursements;
using Partenariat.Workflow.Committee;

namespace Partenariat.Workflow.Requests;

/// <summary>What can happen to a request from outside its orchestration.</summary>
public enum RequestEventKind
{
    /// <summary>The committee decided (approve, reject, or request information).</summary>
    CommitteeDecision,

    /// <summary>The landlord answered an information request.</summary>
    InformationAnswer,

    /// <summary>The landlord withdrew the request.</summary>
    Withdrawal,

    /// <summary>The landlord reported a milestone with its evidence.</summary>
    Milestone,

    /// <summary>An operator cancelled the approved operation.</summary>
    Cancellation,

    /// <summary>Credit was released on the request's envelope line (wakes a waitlisted request).</summary>
    CreditReleased,
}

/// <summary>
/// An event raised on a request's orchestration. One event name carries them all, so the
/// orchestration waits on one thing at a time and never loses an event to a forgotten waiter.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Actor">Who: a landlord's SIREN, a reviewer's name, "operator", "system".</param>
/// <param name="Text">The answer, the withdrawal's or cancellation's reason.</param>
/// <param name="Decision">The committee's decision.</param>
/// <param name="Milestone">The milestone reported.</param>
public sealed record RequestEvent(
    RequestEventKind Kind,
    string Actor,
    string? Text = null,
    CommitteeDecisionMessage? Decision = null,
    MilestoneReport? Milestone = null)
{
    /// <summary>The external event's name.</summary>
    public const string Name = "RequestEvent";
}

/// <summary>The milestones a landlord reports.</summary>
public enum MilestoneKind
{
    /// <summary>Works started: the works start order (ordre de service) pays the first tranche.</summary>
    WorksStarted,

    /// <summary>Completion: the completion declaration (DAACT) pays the balance and assigns the rights.</summary>
    Completion,
}

/// <summary>A milestone reported by the landlord.</summary>
/// <param name="Kind">Which milestone.</param>
/// <param name="Date">When it happened.</param>
/// <param name="EvidenceDocumentId">The supporting document that proves it.</param>
public sealed record MilestoneReport(MilestoneKind Kind, DateOnly Date, string EvidenceDocumentId)
{
    /// <summary>The tranche the milestone pays.</summary>
    public DisbursementMilestone Tranche => Kind == MilestoneKind.WorksStarted ? DisbursementMilestone.WorksStartOrder : DisbursementMilestone.CompletionDeclaration;
}
