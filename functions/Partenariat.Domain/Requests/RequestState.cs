namespace Partenariat.Domain.Requests;

/// <summary>Where a financing request stands in its life (see <see cref="RequestLifecycle"/>).</summary>
public enum RequestState
{
    /// <summary>Submitted by the landlord (déposée).</summary>
    Submitted,

    /// <summary>Under review: eligibility checks and envelope reservation (en instruction).</summary>
    UnderReview,

    /// <summary>The envelope line cannot hold it; waits for released credit (en liste d'attente).</summary>
    Waitlisted,

    /// <summary>Awaiting the committee (instances d'Action Logement Services).</summary>
    PendingCommittee,

    /// <summary>The committee asked the landlord for more information (demande de compléments).</summary>
    InformationRequested,

    /// <summary>Approved, in full or for a reduced amount; credit committed (engagée).</summary>
    Approved,

    /// <summary>Rejected with a reason. Final.</summary>
    Rejected,

    /// <summary>Tranches being paid, each on its evidence.</summary>
    Disbursing,

    /// <summary>Every tranche paid.</summary>
    Disbursed,

    /// <summary>The reservation rights are assigned, at delivery of the dwellings.</summary>
    RightsAssigned,

    /// <summary>Completed. Final.</summary>
    Closed,

    /// <summary>The landlord did not answer the information request in time (classée sans suite). Final.</summary>
    ClosedWithoutFollowUp,

    /// <summary>Withdrawn by the landlord before the decision. Final.</summary>
    Withdrawn,

    /// <summary>The period ended before the commitment (no redeployment). Final.</summary>
    Expired,

    /// <summary>The approved operation was abandoned; unpaid credit released, paid amounts to recover. Final.</summary>
    Cancelled,

    /// <summary>
    /// The workflow could not go on (its orchestration failed, or an operator terminated or purged
    /// it): what the request held on its envelope line was released, and operators look into it.
    /// </summary>
    Failed,
}

/// <summary>What happens to a request; each trigger is a transition of <see cref="RequestLifecycle"/>.</summary>
public enum RequestTrigger
{
    /// <summary>Start the review of a submitted request.</summary>
    StartReview,

    /// <summary>Put a request under review on the waitlist: its envelope line cannot hold it.</summary>
    Waitlist,

    /// <summary>Credit was released: take the request back into review (to reserve again).</summary>
    ReleaseFromWaitlist,

    /// <summary>The review is complete and credit reserved: send to the committee.</summary>
    SendToCommittee,

    /// <summary>The committee asks the landlord for information.</summary>
    RequestInformation,

    /// <summary>The landlord answers the information request.</summary>
    AnswerInformation,

    /// <summary>The answer's due date passed without an answer.</summary>
    InformationDeadlinePassed,

    /// <summary>The committee approves (full or reduced amount).</summary>
    Approve,

    /// <summary>The committee rejects (with a reason).</summary>
    Reject,

    /// <summary>The first tranche is paid.</summary>
    StartDisbursing,

    /// <summary>The last tranche is paid.</summary>
    CompleteDisbursement,

    /// <summary>The reservation rights are assigned at delivery of the dwellings.</summary>
    AssignRights,

    /// <summary>The file is closed.</summary>
    Close,

    /// <summary>The landlord withdraws the request (any time before the decision).</summary>
    Withdraw,

    /// <summary>The period ended before the commitment.</summary>
    Expire,

    /// <summary>The approved operation is abandoned.</summary>
    Cancel,

    /// <summary>The workflow failed or was stopped by an operator: compensated, the request ends.</summary>
    Fail,
}
