using Partenariat.Domain.Decisions;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Committee;

namespace Partenariat.Workflow.Requests.Orchestration;

// Phase 2: before the committee. Round after round until a decision: an approval (then the
// commitment), a rejection, or an information request (the landlord's answer sends the request
// back for another round; no answer by the due date closes it). Withdrawal and the period's end
// end it too.
internal sealed partial class RequestLife
{
    /// <summary>Waits for the committee; the approval, or null when the request's life ended without one.</summary>
    private async Task<GrantDecision?> DecideAsync()
    {
        while (true)
        {
            var next = await NextAsync().ConfigureAwait(true);
            switch (next)
            {
                case null:
                    await ExpireAsync("The period ended before the committee decided.").ConfigureAwait(true);
                    return null;
                case { Kind: RequestEventKind.Withdrawal }:
                    await WithdrawAsync(next).ConfigureAwait(true);
                    return null;
                case { Kind: RequestEventKind.CommitteeDecision } when IsEarly(next):
                    KeepForLater(next);
                    break;
                case { Kind: RequestEventKind.CommitteeDecision, Decision: { } message }:
                    // The queue's handler checked the decision with the same rule; a decision raised another way is checked here.
                    if (DecisionRefusal(message) is { } refusal)
                    {
                        await RecordAsync(Plan().Note(ReviewerOf(next.Decision?.Reviewer), TimelineAction.DecisionRefused, refusal)).ConfigureAwait(true);
                        break;
                    }

                    _decisionIds.Add(message.DecisionId!);

                    if (message.Outcome == CommitteeOutcome.InformationRequested)
                    {
                        if (!await AwaitInformationAsync(ReviewerOf(next.Decision?.Reviewer), message.Question!).ConfigureAwait(true))
                        {
                            return null;
                        }

                        break;
                    }

                    var decision = CommitteeDecisions.ToGrantDecision(message, input.Request, Today).Value!;
                    if (decision.Outcome == DecisionOutcome.Approved)
                    {
                        return decision;
                    }

                    await RejectAsync(decision, ReviewerOf(next.Decision?.Reviewer)).ConfigureAwait(true);
                    return null;
                default:
                    await RefuseAsync(next).ConfigureAwait(true);
                    break;
            }
        }
    }

    /// <summary>
    /// The committee asked a question: the landlord's answer is raced against its due date. True
    /// when answered (the request is back before the committee); false when its life ended.
    /// </summary>
    private async Task<bool> AwaitInformationAsync(string reviewer, string question)
    {
        var dueAt = Now.Add(input.InformationDue);
        await RecordAsync(Plan().Move(RequestTrigger.RequestInformation, reviewer, TimelineAction.InformationRequested, question,
            information: new InformationRequestView(question, dueAt, null))).ConfigureAwait(true);
        using var dueTimer = new CancellationTokenSource();
        var due = context.CreateTimer(dueAt.UtcDateTime, dueTimer.Token);
        while (true)
        {
            var next = await NextAsync(due).ConfigureAwait(true);
            if (next is null && HasPeriodEnded)
            {
                dueTimer.Cancel();
                await ExpireAsync("The period ended while information was requested.").ConfigureAwait(true);
                return false;
            }

            switch (next)
            {
                case null:
                    await RecordAsync(Plan().Move(RequestTrigger.InformationDeadlinePassed, System, TimelineAction.ClosedWithoutFollowUp, $"No answer by {dueAt:O}.")).ConfigureAwait(true);
                    await ReleaseCreditAsync().ConfigureAwait(true);
                    return false;
                case { Kind: RequestEventKind.InformationAnswer }:
                    dueTimer.Cancel();
                    var answered = Plan().Move(RequestTrigger.AnswerInformation, next.Actor, TimelineAction.InformationAnswered, next.Text,
                        information: new InformationRequestView(question, dueAt, next.Text));
                    await SendBackToCommitteeAsync(answered).ConfigureAwait(true);
                    return true;
                case { Kind: RequestEventKind.Withdrawal }:
                    dueTimer.Cancel();
                    await WithdrawAsync(next).ConfigureAwait(true);
                    return false;
                default:
                    await RefuseAsync(next).ConfigureAwait(true);
                    break;
            }
        }
    }

    /// <summary>The answer, then the request before the committee again for its next round: one activity.</summary>
    private async Task SendBackToCommitteeAsync(PlannedSteps answered)
    {
        var round = _round + 1;
        var steps = answered.Note(System, TimelineAction.SentToCommittee, $"Review round {round}, with the landlord's answer.").InRound(round);
        await context.CallActivityAsync<bool>(nameof(SendForReview), new ReviewRequest(Key, steps.Steps, round, Findings: []), Retries).ConfigureAwait(true);
        _round = round;
        Apply(steps);
    }

    /// <summary>Why a decision cannot be applied now: the shared rule, and a decision applied once only.</summary>
    private string? DecisionRefusal(CommitteeDecisionMessage message) =>
        message.DecisionId is { } id && _decisionIds.Contains(id)
            ? $"Decision '{id}' was already applied."
            : CommitteeDecisions.Refusal(message, input.Request, _round, Today);

    /// <summary>How the timeline names the committee's decisions: with the reviewer who posted them.</summary>
    private static string ReviewerOf(string? reviewer) => string.IsNullOrWhiteSpace(reviewer) ? "committee" : $"committee ({reviewer.Trim()})";
}
