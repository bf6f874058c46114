using Partenariat.Domain.Requests;
using static Partenariat.Domain.Requests.RequestState;
using static Partenariat.Domain.Requests.RequestTrigger;

namespace Partenariat.Domain.Tests.Requests;

public sealed class RequestLifecycleTests
{
    /// <summary>The expected machine, written from docs/domain.md independently of the production table.</summary>
    private static readonly Dictionary<(RequestState, RequestTrigger), RequestState> Expected = new()
    {
        [(Submitted, StartReview)] = UnderReview,
        [(Submitted, Withdraw)] = Withdrawn,
        [(Submitted, Expire)] = Expired,
        [(UnderReview, Waitlist)] = Waitlisted,
        [(UnderReview, SendToCommittee)] = PendingCommittee,
        [(UnderReview, Withdraw)] = Withdrawn,
        [(UnderReview, Expire)] = Expired,
        [(Waitlisted, ReleaseFromWaitlist)] = UnderReview,
        [(Waitlisted, Withdraw)] = Withdrawn,
        [(Waitlisted, Expire)] = Expired,
        [(PendingCommittee, RequestInformation)] = InformationRequested,
        [(PendingCommittee, Approve)] = Approved,
        [(PendingCommittee, Reject)] = Rejected,
        [(PendingCommittee, Withdraw)] = Withdrawn,
        [(PendingCommittee, Expire)] = Expired,
        [(InformationRequested, AnswerInformation)] = PendingCommittee,
        [(InformationRequested, InformationDeadlinePassed)] = ClosedWithoutFollowUp,
        [(InformationRequested, Withdraw)] = Withdrawn,
        [(InformationRequested, Expire)] = Expired,
        [(Approved, StartDisbursing)] = Disbursing,
        [(Approved, Cancel)] = Cancelled,
        [(Disbursing, CompleteDisbursement)] = Disbursed,
        [(Disbursing, Cancel)] = Cancelled,
        [(Disbursed, AssignRights)] = RightsAssigned,
        [(RightsAssigned, Close)] = Closed,
        [(Submitted, Fail)] = Failed,
        [(UnderReview, Fail)] = Failed,
        [(Waitlisted, Fail)] = Failed,
        [(PendingCommittee, Fail)] = Failed,
        [(InformationRequested, Fail)] = Failed,
        [(Approved, Fail)] = Failed,
        [(Disbursing, Fail)] = Failed,
        [(Disbursed, Fail)] = Failed,
        [(RightsAssigned, Fail)] = Failed,
    };

    private static readonly RequestState[] Terminal = [Rejected, Closed, ClosedWithoutFollowUp, Withdrawn, Expired, Cancelled, Failed];

    public static TheoryData<RequestState, RequestTrigger> AllPairs()
    {
        var data = new TheoryData<RequestState, RequestTrigger>();
        foreach (var state in Enum.GetValues<RequestState>())
        {
            foreach (var trigger in Enum.GetValues<RequestTrigger>())
            {
                data.Add(state, trigger);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Transition_EveryStateAndTrigger_MatchesTheExpectedTable(RequestState state, RequestTrigger trigger)
    {
        var result = RequestLifecycle.Transition(state, trigger);

        Assert.Equal((state, trigger), (result.From, result.Trigger));
        if (Expected.TryGetValue((state, trigger), out var next))
        {
            Assert.True(result.IsAllowed);
            Assert.Equal(next, result.To);
            Assert.Null(result.Reason);
        }
        else
        {
            Assert.False(result.IsAllowed);
            Assert.Equal(state, result.To);
            Assert.StartsWith($"A request in state {state} cannot ", result.Reason, StringComparison.Ordinal);
            Assert.EndsWith(".", result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Transitions_Table_EqualsTheExpectedTable()
        => Assert.Equal(Expected.OrderBy(kv => kv.Key).ToArray(), RequestLifecycle.Transitions.OrderBy(kv => kv.Key).ToArray());

    [Fact]
    public void Transition_WithdrawRejected_ExplainsWithdrawalRule()
        => Assert.Equal(
            "A request in state Rejected cannot be withdrawn: withdrawal is possible only before the committee's decision.",
            RequestLifecycle.Transition(Rejected, Withdraw).Reason);

    [Theory]
    [InlineData(Approved, Withdraw, "withdrawal is possible only before the committee's decision")]
    [InlineData(Approved, Expire, "only a request not yet committed (not yet approved) expires")]
    [InlineData(Disbursed, Cancel, "only an approved operation not yet fully disbursed can be cancelled")]
    [InlineData(Submitted, Approve, "only a request pending before the committee can be approved")]
    [InlineData(Disbursing, Close, "a request is closed only once its reservation rights are assigned")]
    [InlineData(UnderReview, ReleaseFromWaitlist, "only a waitlisted request can leave the waitlist")]
    [InlineData(PendingCommittee, AnswerInformation, "an answer is expected only while information is requested")]
    public void Transition_IllegalMove_ReasonSaysWhatIsAllowed(RequestState state, RequestTrigger trigger, string rule)
        => Assert.Contains(rule, RequestLifecycle.Transition(state, trigger).Reason, StringComparison.Ordinal);

    [Fact]
    public void IsTerminal_EveryState_TrueExactlyForFinalStates()
    {
        foreach (var state in Enum.GetValues<RequestState>())
        {
            Assert.Equal(Terminal.Contains(state), RequestLifecycle.IsTerminal(state));
        }
    }

    [Fact]
    public void Transition_TerminalStates_RefuseEveryTrigger()
    {
        foreach (var state in Terminal)
        {
            Assert.All(Enum.GetValues<RequestTrigger>(), t => Assert.False(RequestLifecycle.Transition(state, t).IsAllowed));
            Assert.Empty(RequestLifecycle.AllowedTriggers(state));
        }
    }

    [Fact]
    public void AllowedTriggers_PendingCommittee_ListsCommitteeMovesWithdrawExpireAndFail()
        => Assert.Equal([RequestInformation, Approve, Reject, Withdraw, Expire, Fail], RequestLifecycle.AllowedTriggers(PendingCommittee));

    [Fact]
    public void Transition_HappyPath_ReachesClosed()
    {
        RequestTrigger[] path = [StartReview, SendToCommittee, RequestInformation, AnswerInformation, Approve, StartDisbursing, CompleteDisbursement, AssignRights, Close];
        var state = Submitted;

        foreach (var trigger in path)
        {
            var result = RequestLifecycle.Transition(state, trigger);
            Assert.True(result.IsAllowed, result.Reason);
            state = result.To;
        }

        Assert.Equal(Closed, state);
    }

    [Fact]
    public void Transition_WaitlistRoundTrip_ReturnsToReview()
    {
        var waitlisted = RequestLifecycle.Transition(UnderReview, Waitlist).To;

        Assert.Equal(UnderReview, RequestLifecycle.Transition(waitlisted, ReleaseFromWaitlist).To);
    }

    [Fact]
    public void Transition_UndefinedValues_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestLifecycle.Transition((RequestState)99, Withdraw));
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestLifecycle.Transition(Submitted, (RequestTrigger)99));
    }
}
