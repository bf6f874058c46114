using System.Collections.Frozen;

namespace Partenariat.Domain.Requests;

/// <summary>The outcome of <see cref="RequestLifecycle.Transition"/>.</summary>
/// <param name="IsAllowed">True when the transition is allowed.</param>
/// <param name="From">The state before.</param>
/// <param name="Trigger">The trigger.</param>
/// <param name="To">The new state when allowed; otherwise the unchanged state.</param>
/// <param name="Reason">Why the transition is refused, in plain words; null when allowed.</param>
public sealed record TransitionResult(bool IsAllowed, RequestState From, RequestTrigger Trigger, RequestState To, string? Reason);

/// <summary>
/// The life of a financing request as a pure state machine (docs/domain.md, "Life of a request"):
/// <code>
/// Submitted --StartReview--> UnderReview --SendToCommittee--> PendingCommittee
/// UnderReview --Waitlist--> Waitlisted --ReleaseFromWaitlist--> UnderReview
/// PendingCommittee --RequestInformation--> InformationRequested --AnswerInformation--> PendingCommittee
/// InformationRequested --InformationDeadlinePassed--> ClosedWithoutFollowUp
/// PendingCommittee --Approve--> Approved | --Reject--> Rejected
/// Approved --StartDisbursing--> Disbursing --CompleteDisbursement--> Disbursed --AssignRights--> RightsAssigned --Close--> Closed
/// Withdraw: from any state before the decision (Submitted, UnderReview, Waitlisted, PendingCommittee, InformationRequested) --> Withdrawn
/// Expire: from the same pre-commitment states --> Expired (the period ended; no redeployment)
/// Cancel: from Approved or Disbursing --> Cancelled (abandoned operation)
/// </code>
/// Final states (Rejected, Closed, ClosedWithoutFollowUp, Withdrawn, Expired, Cancelled) refuse every trigger.
/// Assumptions: leaving the waitlist goes back to review, where the reservation is retried; a decision
/// without reservation rights still passes AssignRights (with nothing to assign) before Close.
/// </summary>
public static class RequestLifecycle
{
    private static readonly RequestState[] BeforeDecision =
        [RequestState.Submitted, RequestState.UnderReview, RequestState.Waitlisted, RequestState.PendingCommittee, RequestState.InformationRequested];

    private static readonly FrozenDictionary<(RequestState From, RequestTrigger Trigger), RequestState> Table = BuildTable();

    private static readonly FrozenDictionary<RequestTrigger, (string Action, string Rule)> Wording = new Dictionary<RequestTrigger, (string, string)>
    {
        [RequestTrigger.StartReview] = ("start its review", "review starts only for a submitted request"),
        [RequestTrigger.Waitlist] = ("be waitlisted", "only a request under review, whose envelope line cannot hold it, is waitlisted"),
        [RequestTrigger.ReleaseFromWaitlist] = ("be released from the waitlist", "only a waitlisted request can leave the waitlist"),
        [RequestTrigger.SendToCommittee] = ("be sent to the committee", "only a request under review is sent to the committee"),
        [RequestTrigger.RequestInformation] = ("receive an information request", "information is requested only while the request is pending before the committee"),
        [RequestTrigger.AnswerInformation] = ("answer an information request", "an answer is expected only while information is requested"),
        [RequestTrigger.InformationDeadlinePassed] = ("be closed for lack of an answer", "the answer's due date applies only while information is requested"),
        [RequestTrigger.Approve] = ("be approved", "only a request pending before the committee can be approved"),
        [RequestTrigger.Reject] = ("be rejected", "only a request pending before the committee can be rejected"),
        [RequestTrigger.StartDisbursing] = ("start disbursing", "disbursement starts only once the request is approved"),
        [RequestTrigger.CompleteDisbursement] = ("complete its disbursement", "disbursement completes only while tranches are being paid"),
        [RequestTrigger.AssignRights] = ("have its reservation rights assigned", "rights are assigned only once the financing is fully disbursed"),
        [RequestTrigger.Close] = ("be closed", "a request is closed only once its reservation rights are assigned"),
        [RequestTrigger.Withdraw] = ("be withdrawn", "withdrawal is possible only before the committee's decision"),
        [RequestTrigger.Expire] = ("expire", "only a request not yet committed (not yet approved) expires at the end of the period"),
        [RequestTrigger.Cancel] = ("be cancelled", "only an approved operation not yet fully disbursed can be cancelled"),
        [RequestTrigger.Fail] = ("fail", "only a request whose life is not over can fail"),
    }.ToFrozenDictionary();

    /// <summary>Every allowed transition: (from, trigger) to the new state.</summary>
    public static IReadOnlyDictionary<(RequestState From, RequestTrigger Trigger), RequestState> Transitions => Table;

    /// <summary>
    /// Applies <paramref name="trigger"/> to <paramref name="state"/>: the new state, or a refusal with a reason
    /// such as "A request in state Rejected cannot be withdrawn: withdrawal is possible only before the committee's decision."
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An undefined state or trigger value.</exception>
    public static TransitionResult Transition(RequestState state, RequestTrigger trigger)
    {
        ThrowIfUndefined(state, trigger);
        if (Table.TryGetValue((state, trigger), out var next))
        {
            return new TransitionResult(true, state, trigger, next, null);
        }

        var (action, rule) = Wording[trigger];
        return new TransitionResult(false, state, trigger, state, $"A request in state {state} cannot {action}: {rule}.");
    }

    /// <summary>True for a final state: no trigger is allowed from it.</summary>
    public static bool IsTerminal(RequestState state) => !Table.Keys.Any(k => k.From == state);

    /// <summary>The triggers allowed from <paramref name="state"/>, in declaration order.</summary>
    public static IReadOnlyList<RequestTrigger> AllowedTriggers(RequestState state)
        => Enum.GetValues<RequestTrigger>().Where(t => Table.ContainsKey((state, t))).ToArray();

    private static void ThrowIfUndefined(RequestState state, RequestTrigger trigger)
    {
        if (!Enum.IsDefined(state))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Undefined request state.");
        }

        if (!Enum.IsDefined(trigger))
        {
            throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Undefined request trigger.");
        }
    }

    private static FrozenDictionary<(RequestState, RequestTrigger), RequestState> BuildTable()
    {
        var table = new Dictionary<(RequestState, RequestTrigger), RequestState>
        {
            [(RequestState.Submitted, RequestTrigger.StartReview)] = RequestState.UnderReview,
            [(RequestState.UnderReview, RequestTrigger.Waitlist)] = RequestState.Waitlisted,
            [(RequestState.Waitlisted, RequestTrigger.ReleaseFromWaitlist)] = RequestState.UnderReview,
            [(RequestState.UnderReview, RequestTrigger.SendToCommittee)] = RequestState.PendingCommittee,
            [(RequestState.PendingCommittee, RequestTrigger.RequestInformation)] = RequestState.InformationRequested,
            [(RequestState.InformationRequested, RequestTrigger.AnswerInformation)] = RequestState.PendingCommittee,
            [(RequestState.InformationRequested, RequestTrigger.InformationDeadlinePassed)] = RequestState.ClosedWithoutFollowUp,
            [(RequestState.PendingCommittee, RequestTrigger.Approve)] = RequestState.Approved,
            [(RequestState.PendingCommittee, RequestTrigger.Reject)] = RequestState.Rejected,
            [(RequestState.Approved, RequestTrigger.StartDisbursing)] = RequestState.Disbursing,
            [(RequestState.Disbursing, RequestTrigger.CompleteDisbursement)] = RequestState.Disbursed,
            [(RequestState.Disbursed, RequestTrigger.AssignRights)] = RequestState.RightsAssigned,
            [(RequestState.RightsAssigned, RequestTrigger.Close)] = RequestState.Closed,
            [(RequestState.Approved, RequestTrigger.Cancel)] = RequestState.Cancelled,
            [(RequestState.Disbursing, RequestTrigger.Cancel)] = RequestState.Cancelled,
        };
        foreach (var state in BeforeDecision)
        {
            table[(state, RequestTrigger.Withdraw)] = RequestState.Withdrawn;
            table[(state, RequestTrigger.Expire)] = RequestState.Expired;
        }

        // Any request whose life is not over can fail (its workflow stopped): compensated, it ends.
        foreach (var state in table.Keys.Select(k => k.Item1).Distinct().ToList())
        {
            table[(state, RequestTrigger.Fail)] = RequestState.Failed;
        }

        return table.ToFrozenDictionary();
    }
}
