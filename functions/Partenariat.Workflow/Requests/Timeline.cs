using Partenariat.Domain.Requests;

namespace Partenariat.Workflow.Requests;

/// <summary>What a step of a request's timeline records (stored and answered by name).</summary>
public enum TimelineAction
{
    /// <summary>The landlord submitted the request.</summary>
    Submitted,

    /// <summary>The eligibility checks and the envelope reservation started.</summary>
    ReviewStarted,

    /// <summary>The requested amount was reserved on the envelope line.</summary>
    CreditReserved,

    /// <summary>The line could not hold the request: it waits for credit to be released.</summary>
    Waitlisted,

    /// <summary>Credit was released: the request is reviewed again.</summary>
    LeftWaitlist,

    /// <summary>The request went before the committee (a review message was sent to the reviewers).</summary>
    SentToCommittee,

    /// <summary>The committee asked the landlord for information.</summary>
    InformationRequested,

    /// <summary>The landlord answered.</summary>
    InformationAnswered,

    /// <summary>No answer by the due date: closed.</summary>
    ClosedWithoutFollowUp,

    /// <summary>The committee approved, in full or for a reduced amount; the amount is committed.</summary>
    Approved,

    /// <summary>The committee rejected the request.</summary>
    Rejected,

    /// <summary>A committee decision could not be applied (its reason in the details).</summary>
    DecisionRefused,

    /// <summary>A tranche was paid on its evidence.</summary>
    TranchePaid,

    /// <summary>A milestone could not pay a tranche (its reason in the details).</summary>
    MilestoneRefused,

    /// <summary>Every tranche is paid.</summary>
    Disbursed,

    /// <summary>The reservation rights were assigned at delivery.</summary>
    RightsAssigned,

    /// <summary>The request's life is over.</summary>
    Closed,

    /// <summary>The landlord withdrew the request.</summary>
    Withdrawn,

    /// <summary>An operator cancelled the approved operation.</summary>
    Cancelled,

    /// <summary>The period ended before the commitment.</summary>
    Expired,

    /// <summary>The period closes soon and the request is not committed yet (its landlord is warned).</summary>
    LapseAhead,

    /// <summary>An event that does not apply in the request's status (its reason in the details).</summary>
    EventRefused,

    /// <summary>The landlord uploaded a supporting document.</summary>
    DocumentUploaded,

    /// <summary>The workflow failed or was stopped: what the request held was released (the details say what happened).</summary>
    Failed,
}

/// <summary>One step of a request's history.</summary>
/// <param name="At">When (the orchestration's clock).</param>
/// <param name="Actor">Who: the landlord, the committee (with the reviewer's name), the system, an operator.</param>
/// <param name="Action">What happened.</param>
/// <param name="Status">The status after the step.</param>
/// <param name="Details">Human-readable details.</param>
public sealed record TimelineEntry(DateTimeOffset At, string Actor, TimelineAction Action, RequestState Status, string? Details);

/// <summary>
/// A numbered step of a request's life: a timeline entry and what changes with it. Steps are
/// applied to the stored view by number, once each (a retried activity applies nothing twice).
/// </summary>
/// <param name="Number">The step's number: the view's <see cref="FinancingRequestView.Step"/> once applied.</param>
/// <param name="Entry">The timeline entry.</param>
/// <param name="InformationRequest">The information request it opens or answers.</param>
/// <param name="ClearInformationRequest">Whether it closes the open information request (a decision, a withdrawal).</param>
/// <param name="Decision">The decision it records.</param>
/// <param name="Tranches">The tranches as they stand after it.</param>
/// <param name="Rights">The reservation rights as they stand after it.</param>
/// <param name="Round">The committee round the request enters with it (a sending to the committee).</param>
public sealed record RequestStep(
    int Number,
    TimelineEntry Entry,
    InformationRequestView? InformationRequest = null,
    bool ClearInformationRequest = false,
    DecisionView? Decision = null,
    IReadOnlyList<TrancheView>? Tranches = null,
    ReservationRightView? Rights = null,
    int? Round = null)
{
    /// <summary>Whether the step only adds its entry (a refused event, a warning): nothing of the view changes but its timeline.</summary>
    public bool IsNote => InformationRequest is null && !ClearInformationRequest && Decision is null && Tranches is null && Rights is null && Round is null;

    /// <summary>The view after this step.</summary>
    public FinancingRequestView ApplyTo(FinancingRequestView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view with
        {
            Status = Entry.Status,
            UpdatedAt = Entry.At,
            StatusSince = Entry.Status != view.Status ? Entry.At : view.StatusSince,
            Timeline = [.. view.Timeline, Entry],
            InformationRequest = ClearInformationRequest ? null : InformationRequest ?? view.InformationRequest,
            Decision = Decision ?? view.Decision,
            Tranches = Tranches ?? view.Tranches,
            ReservationRights = Rights ?? view.ReservationRights,
            Round = Round ?? view.Round,
            Step = Number,
        };
    }

    /// <summary>
    /// Whether this is a payment step that pays no tranche <paramref name="view"/> does not show paid
    /// already. A tranche is paid once (the ledger's disbursement is idempotent), and its
    /// <c>TranchePaid</c> entry is written with the view row that shows it paid; an orchestration
    /// can still plan the payment twice when an activity's result of an episode lost with its host
    /// is delivered to the episode that replaced it (results are matched by task number, and the
    /// two episodes may have taken the events in other orders). Its entry is then not written again.
    /// </summary>
    public bool RepeatsAPaymentOf(FinancingRequestView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return Entry.Action == TimelineAction.TranchePaid
            && Tranches is { } after
            && after.All(t => t.Paid == 0 || view.Tranches?.FirstOrDefault(v => v.Number == t.Number) is { Paid: > 0 });
    }

    /// <summary>The view after those of <paramref name="steps"/> it has not recorded yet (by step number).</summary>
    public static FinancingRequestView ApplyMissing(FinancingRequestView view, IEnumerable<RequestStep> steps)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(steps);
        return steps.Where(s => s.Number > view.Step).Aggregate(view, (current, step) => step.ApplyTo(current));
    }
}

/// <summary>Steps to record on a request (the input of <see cref="Activities.RecordSteps"/>).</summary>
/// <param name="Key">The request.</param>
/// <param name="Steps">The steps, in order.</param>
public sealed record RequestSteps(RequestKey Key, IReadOnlyList<RequestStep> Steps);
