using Microsoft.DurableTask;
using Partenariat.Domain.Decisions;
using Partenariat.Domain.Disbursements;
using Partenariat.Domain.Envelopes;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;

namespace Partenariat.Workflow.Requests;

// DURABLE0011 (unbounded loop without ContinueAsNew): each loop here waits for an external event
// and ends at a state change; the HTTP API and the committee handler raise only events valid in
// the request's current state, so a request's history stays in the tens of events.
#pragma warning disable DURABLE0011

/// <summary>The input of a request's orchestration, fixed at submission.</summary>
/// <param name="Key">The request.</param>
/// <param name="Request">The request as submitted and validated.</param>
/// <param name="ClosesAt">When its convention's period closes: an uncommitted request expires then.</param>
/// <param name="InformationDue">How long the landlord has to answer an information request.</param>
/// <param name="WorksStartOrderPercent">Share of the approved amount paid on the works start order.</param>
public sealed record FinancingRequestInput(RequestKey Key, FinancingRequest Request, DateTimeOffset ClosesAt, TimeSpan InformationDue, decimal WorksStartOrderPercent);

/// <summary>
/// The life of one financing request (DOMAIN.md), one orchestration per request, its instance id the
/// request id: review and envelope reservation (waitlisted while the line cannot hold it), the
/// committee (with information requests raced against their due date), the decision and its
/// commitment, disbursement tranche by tranche on evidence, reservation rights at completion,
/// closure; withdrawal before the decision, cancellation after it, expiry at the period's end.
/// </summary>
/// <remarks>
/// Orchestrator code: deterministic (time and ids only from the context), every effect in an
/// idempotent activity, every transition checked by the domain's life cycle and recorded as a step
/// of the timeline. Versioning: a change that alters the sequence of activities or timers must come
/// as a new orchestration name (e.g. FinancingRequestV2), never in place.
/// </remarks>
public sealed class FinancingRequestOrchestrator : TaskOrchestrator<FinancingRequestInput, string>
{
    /// <summary>The orchestration's name.</summary>
    /// <remarks>
    /// V2: effects and the steps that follow them share one activity (reservation, commitment with the
    /// approval and planned rights, each tranche with the closure at the last), about half the
    /// activities of V1 and of its storage requests (README, Benchmarks). A V1 instance of a local
    /// run's Azurite is not resumed by this code (a new name, as the versioning rule above says).
    /// </remarks>
    public const string Name = "FinancingRequestV2";

    private const string System = "system";
    private static readonly TaskOptions Retries = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));

    /// <inheritdoc />
    public override Task<string> RunAsync(TaskOrchestrationContext context, FinancingRequestInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return new Run(context, input).LiveAsync();
    }

    /// <summary>One execution: the request's state, its step counter, its pending event and timers.</summary>
    /// <remarks>
    /// Timers are cancelled with the synchronous <c>Cancel()</c>: <c>CancelAsync()</c> runs the
    /// cancellation callbacks on the thread pool, off the orchestration's thread, and the replay
    /// then stalls.
    /// </remarks>
    private sealed class Run(TaskOrchestrationContext context, FinancingRequestInput input)
    {
        private readonly CancellationTokenSource _periodTimer = new();
        private RequestState _state = RequestState.Submitted;
        private int _step = 1; // step 1, the submission, is recorded by the API
        private int _round;
        private Task<RequestEvent>? _nextEvent;
        private Task? _periodEnd;

        private RequestKey Key => input.Key;

        private DateOnly Today => DateOnly.FromDateTime(context.CurrentUtcDateTime);

        public async Task<string> LiveAsync()
        {
            _periodEnd = context.CreateTimer(input.ClosesAt.UtcDateTime, _periodTimer.Token);
            try
            {
                // Review, eligibility checks, reservation and the committee's review message: one
                // activity when the line can hold the request (ReserveCredit records the steps).
                var review = new StepPlan(this);
                review.Move(RequestTrigger.StartReview, System, "ReviewStarted", "Eligibility checks and envelope reservation.");
                if (!await ReserveAsync(review).ConfigureAwait(true))
                {
                    return _state.ToString();
                }

                var decision = await AwaitDecisionAsync().ConfigureAwait(true);
                if (decision is null)
                {
                    return _state.ToString();
                }

                await DisburseAsync(decision).ConfigureAwait(true);
                return _state.ToString();
            }
            finally
            {
                _periodTimer.Cancel();
            }
        }

        // Under review: reserve the credit, or wait on the waitlist until credit is released.
        private async Task<bool> ReserveAsync(StepPlan? started)
        {
            while (true)
            {
                var reserved = started ?? new StepPlan(this);
                reserved.Record(System, "CreditReserved", $"{input.Request.RequestedTotal:0.##} € reserved on {Key.EnvelopeLineId}.");
                reserved.Move(RequestTrigger.SendToCommittee, System, "SentToCommittee", null); // its details: the checks' findings, by the activity
                var reply = await ReserveOnceAsync(reserved).ConfigureAwait(true);
                if (reply.Succeeded)
                {
                    _round++;
                    Apply(reserved); // recorded by ReserveCredit itself
                    return true;
                }

                if (started is not null)
                {
                    // Refused: only the review's start is recorded, before what follows.
                    await context.CallActivityAsync<bool>(nameof(RecordRequestStep), started.Steps[0], Retries).ConfigureAwait(true);
                    _step = started.Steps[0].Number;
                    _state = started.Steps[0].Entry.Status;
                    started = null;
                }

                if (reply.Outcome is LedgerOutcome.LineLapsed or LedgerOutcome.OutsidePeriod)
                {
                    await ExpireAsync(reply.Reason).ConfigureAwait(true);
                    return false;
                }

                await MoveAsync(RequestTrigger.Waitlist, System, "Waitlisted", reply.Reason).ConfigureAwait(true);

                // Credit released between the refusal and the waitlisting would wake nobody: look once more.
                // Nothing recorded here: the loop's next reservation (then AlreadyApplied) records it after LeftWaitlist.
                var retry = await ReserveOnceAsync(null).ConfigureAwait(true);
                if (!retry.Succeeded)
                {
                    var woken = await WaitOnWaitlistAsync().ConfigureAwait(true);
                    if (!woken)
                    {
                        return false;
                    }
                }

                await MoveAsync(RequestTrigger.ReleaseFromWaitlist, System, "LeftWaitlist", "Credit was released on the line.").ConfigureAwait(true);
            }
        }

        private Task<LedgerReply> ReserveOnceAsync(StepPlan? then) =>
            context.CallActivityAsync<LedgerReply>(
                nameof(ReserveCredit),
                new LedgerRequest(Key, input.Request.RequestedTotal, Today, then?.Steps.SkipLast(1).ToList())
                {
                    // Findings null: the activity runs the eligibility checks on the stored request.
                    Review = then is null ? null : new ReviewRequest(then.Steps[^1], _round + 1, null),
                },
                Retries);

        private async Task<bool> WaitOnWaitlistAsync()
        {
            while (true)
            {
                var next = await NextAsync().ConfigureAwait(true);
                switch (next)
                {
                    case null:
                        await ExpireAsync("The period ended while the request was waitlisted.").ConfigureAwait(true);
                        return false;
                    case { Kind: RequestEventKind.CreditReleased }:
                        return true;
                    case { Kind: RequestEventKind.Withdrawal }:
                        await MoveAsync(RequestTrigger.Withdraw, next.Actor, "Withdrawn", next.Text).ConfigureAwait(true);
                        return false;
                    default:
                        await RefuseAsync(next).ConfigureAwait(true);
                        break;
                }
            }
        }

        private async Task SendToCommitteeAsync(IReadOnlyList<string> findings)
        {
            _round++;
            RequestStep step;
            if (_state == RequestState.PendingCommittee)
            {
                // After an answer: the request is back before the committee, which reviews it again.
                step = new RequestStep(Key, ++_step, new TimelineEntry(Now(), System, "SentToCommittee", _state, $"Review round {_round}, with the landlord's answer."));
            }
            else
            {
                var transition = RequestLifecycle.Transition(_state, RequestTrigger.SendToCommittee);
                var details = findings.Count == 0 ? "Sent to the committee; the checks found nothing." : "Sent to the committee; the checks found: " + string.Join(" ", findings);
                step = NewStep(transition, System, "SentToCommittee", details);
            }

            await context.CallActivityAsync<bool>(nameof(SendForReview), new ReviewRequest(step, _round, findings), Retries).ConfigureAwait(true);
            _state = step.Entry.Status;
        }

        // Pending before the committee: its decision, information requests, withdrawal, or the period's end.
        private async Task<GrantDecision?> AwaitDecisionAsync()
        {
            while (true)
            {
                var next = await NextAsync().ConfigureAwait(true);
                if (next is null)
                {
                    await ExpireAsync("The period ended before the committee decided.").ConfigureAwait(true);
                    return null;
                }

                switch (next.Kind)
                {
                    case RequestEventKind.Withdrawal:
                        await MoveAsync(RequestTrigger.Withdraw, next.Actor, "Withdrawn", next.Text).ConfigureAwait(true);
                        await ReleaseAsync().ConfigureAwait(true);
                        return null;
                    case RequestEventKind.CommitteeDecision when next.Decision?.Outcome == CommitteeOutcome.InformationRequested:
                        if (!await AwaitInformationAsync(next).ConfigureAwait(true))
                        {
                            return null;
                        }

                        break;
                    case RequestEventKind.CommitteeDecision when next.Decision?.Outcome == CommitteeOutcome.Rejected:
                        var rejection = GrantDecision.Create(ToInput(next.Decision, DecisionOutcome.Rejected), input.Request);
                        await MoveAsync(RequestTrigger.Reject, Reviewer(next), "Rejected", next.Decision.Reason, decision: rejection.Value is { } r ? DecisionView.From(r) : null).ConfigureAwait(true);
                        await ReleaseAsync().ConfigureAwait(true);
                        return null;
                    case RequestEventKind.CommitteeDecision when next.Decision?.Outcome == CommitteeOutcome.Approved:
                        var approval = GrantDecision.Create(ToInput(next.Decision, DecisionOutcome.Approved), input.Request);
                        if (approval.Value is not { } decision)
                        {
                            await RecordAsync(Reviewer(next), "DecisionRefused", approval.Reason).ConfigureAwait(true);
                            break;
                        }

                        if (await ApproveAsync(decision, Reviewer(next)).ConfigureAwait(true))
                        {
                            return decision;
                        }

                        return null;
                    default:
                        await RefuseAsync(next).ConfigureAwait(true);
                        break;
                }
            }
        }

        // Information requested: the landlord's answer raced against its due date.
        private async Task<bool> AwaitInformationAsync(RequestEvent request)
        {
            var dueAt = context.CurrentUtcDateTime.Add(input.InformationDue);
            await MoveAsync(RequestTrigger.RequestInformation, Reviewer(request), "InformationRequested", request.Decision?.Question,
                information: new InformationRequestView(request.Decision?.Question ?? string.Empty, new DateTimeOffset(dueAt, TimeSpan.Zero), null)).ConfigureAwait(true);
            using var dueTimer = new CancellationTokenSource();
            var due = context.CreateTimer(dueAt, dueTimer.Token);
            while (true)
            {
                var next = await NextAsync(due).ConfigureAwait(true);
                if (next is null && _periodEnd is { IsCompleted: true })
                {
                    dueTimer.Cancel();
                    await ExpireAsync("The period ended while information was requested.").ConfigureAwait(true);
                    return false;
                }

                if (next is null)
                {
                    await MoveAsync(RequestTrigger.InformationDeadlinePassed, System, "ClosedWithoutFollowUp", $"No answer by {dueAt:O}.").ConfigureAwait(true);
                    await ReleaseAsync().ConfigureAwait(true);
                    return false;
                }

                switch (next.Kind)
                {
                    case RequestEventKind.InformationAnswer:
                        dueTimer.Cancel();
                        await MoveAsync(RequestTrigger.AnswerInformation, next.Actor, "InformationAnswered", next.Text,
                            information: new InformationRequestView(request.Decision?.Question ?? string.Empty, new DateTimeOffset(dueAt, TimeSpan.Zero), next.Text)).ConfigureAwait(true);
                        await SendToCommitteeAsync([]).ConfigureAwait(true);
                        return true;
                    case RequestEventKind.Withdrawal:
                        dueTimer.Cancel();
                        await MoveAsync(RequestTrigger.Withdraw, next.Actor, "Withdrawn", next.Text).ConfigureAwait(true);
                        await ReleaseAsync().ConfigureAwait(true);
                        return false;
                    default:
                        await RefuseAsync(next).ConfigureAwait(true);
                        break;
                }
            }
        }

        private async Task<bool> ApproveAsync(GrantDecision decision, string reviewer)
        {
            var schedule = DisbursementSchedule.ForDecision(decision, new TrancheSchedulePolicy { WorksStartOrderPercent = input.WorksStartOrderPercent });
            var tranches = schedule.Tranches.Select(t => new TrancheView(t.Number, t.Milestone, t.Amount, 0m, null, null)).ToList();
            var rights = decision.Rights is { } terms
                ? new ReservationRightView(terms.Count, terms.Kind, terms.DurationYears, ReservationRightStatus.Planned, null, null)
                : null;
            var details = decision.IsReducedApproval
                ? $"Approved for {decision.ApprovedAmount:0.##} € of {decision.RequestedAmount:0.##} € requested."
                : $"Approved for {decision.ApprovedAmount:0.##} €.";
            var approved = new StepPlan(this);
            approved.Move(RequestTrigger.Approve, reviewer, "Approved", details, decision: DecisionView.From(decision), tranches: tranches, rights: rights);

            // One activity: the commitment, then (only if it took effect) the planned rights and the approval.
            var commit = await context.CallActivityAsync<LedgerReply>(nameof(CommitCredit), new LedgerRequest(Key, decision.ApprovedAmount, Today, approved.Steps), Retries).ConfigureAwait(true);
            if (!commit.Succeeded)
            {
                await ExpireAsync(commit.Reason).ConfigureAwait(true);
                return false;
            }

            Apply(approved);

            // Committed: the period's end no longer concerns this request.
            _periodTimer.Cancel();
            _periodEnd = null;
            return true;
        }

        // Approved: a tranche per milestone, on its evidence; rights assigned at completion; closed.
        private async Task DisburseAsync(GrantDecision decision)
        {
            var schedule = DisbursementSchedule.ForDecision(decision, new TrancheSchedulePolicy { WorksStartOrderPercent = input.WorksStartOrderPercent });
            var tranches = schedule.Tranches.Select(t => new TrancheView(t.Number, t.Milestone, t.Amount, 0m, null, null)).ToList();
            var rights = decision.Rights;
            while (true)
            {
                // No timer here: the period's end no longer concerns a committed request.
                var next = await NextAsync().ConfigureAwait(true);
                if (next is null)
                {
                    throw new InvalidOperationException("A committed request waits for events only.");
                }

                if (next.Kind == RequestEventKind.Cancellation && _state is RequestState.Approved or RequestState.Disbursing)
                {
                    var paid = tranches.Sum(t => t.Paid);
                    await MoveAsync(RequestTrigger.Cancel, next.Actor, "Cancelled", $"{next.Text} Paid so far, to recover: {paid:0.##} €.").ConfigureAwait(true);
                    await ReleaseAsync().ConfigureAwait(true);
                    return;
                }

                if (next is not { Kind: RequestEventKind.Milestone, Milestone: { } milestone })
                {
                    await RefuseAsync(next).ConfigureAwait(true);
                    continue;
                }

                var index = tranches.FindIndex(t => t.Milestone == milestone.Tranche);
                var isNext = index >= 0 && tranches[index].Paid == 0m && tranches.Take(index).All(t => t.Paid == t.Amount);
                if (!isNext)
                {
                    await RecordAsync(next.Actor, "MilestoneRefused", $"{milestone.Kind} cannot be paid now: tranches are paid in order, each once.").ConfigureAwait(true);
                    continue;
                }

                // One activity per tranche: the payment, then its steps; at the last tranche also the
                // disbursement's end, the rights assigned at delivery (registry and view) and the closure.
                var tranche = tranches[index];
                var paidTranches = tranches.ToList();
                paidTranches[index] = tranche with { Paid = tranche.Amount, PaidOn = Today, EvidenceDocumentId = milestone.EvidenceDocumentId };
                var paidDetails = $"Tranche {tranche.Number} ({tranche.Milestone}) of {tranche.Amount:0.##} € paid on evidence {milestone.EvidenceDocumentId}.";
                var payment = new StepPlan(this);
                if (_state == RequestState.Approved)
                {
                    payment.Move(RequestTrigger.StartDisbursing, next.Actor, "TranchePaid", paidDetails, tranches: paidTranches);
                }
                else
                {
                    payment.Record(next.Actor, "TranchePaid", paidDetails, tranches: paidTranches);
                }

                var isLast = paidTranches.All(t => t.Paid == t.Amount);
                ReservationRightView? assigned = null;
                if (isLast)
                {
                    payment.Move(RequestTrigger.CompleteDisbursement, System, "Disbursed", $"{decision.ApprovedAmount:0.##} € disbursed in {tranches.Count} tranches.");
                    if (rights is not null)
                    {
                        var right = ReservationRight.Plan(Key.RequestId, rights).Assign(milestone.Date).Value!;
                        assigned = new ReservationRightView(rights.Count, rights.Kind, rights.DurationYears, right.Status, right.StartDate, right.EndDate);
                    }

                    payment.Move(RequestTrigger.AssignRights, System, "RightsAssigned",
                        assigned is null ? "No reservation right was attached to the decision." : $"{assigned.Count} {assigned.Kind} right(s) from {assigned.StartDate:O} to {assigned.EndDate:O}.",
                        rights: assigned);
                    payment.Move(RequestTrigger.Close, System, "Closed", null);
                }

                await context.CallActivityAsync<bool>(nameof(PayTranche), new TranchePayment(Key, tranche, Today, milestone.EvidenceDocumentId, payment.Steps), Retries).ConfigureAwait(true);
                tranches = paidTranches;
                Apply(payment);
                if (isLast)
                {
                    return;
                }
            }
        }

        private async Task ExpireAsync(string? reason)
        {
            await MoveAsync(RequestTrigger.Expire, System, "Expired", reason ?? "The period ended before the commitment (no redeployment).").ConfigureAwait(true);
            await context.CallActivityAsync<LedgerReply>(nameof(LapseEnvelopeLine), new LedgerRequest(Key, 0m, DateOnly.FromDateTime(input.ClosesAt.UtcDateTime)), Retries).ConfigureAwait(true);
        }

        private async Task ReleaseAsync()
        {
            var waitlisted = await context.CallActivityAsync<IReadOnlyList<string>>(nameof(ReleaseCredit), Key, Retries).ConfigureAwait(true);
            foreach (var requestId in waitlisted)
            {
                context.SendEvent(requestId, RequestEvent.Name, new RequestEvent(RequestEventKind.CreditReleased, System));
            }
        }

        /// <summary>The next event, or null when the period ended (or <paramref name="deadline"/> passed) first.</summary>
        private async Task<RequestEvent?> NextAsync(Task? deadline = null)
        {
            _nextEvent ??= context.WaitForExternalEvent<RequestEvent>(RequestEvent.Name);
            var waits = new List<Task> { _nextEvent };
            if (_periodEnd is { IsCanceled: false })
            {
                waits.Add(_periodEnd);
            }

            if (deadline is not null)
            {
                waits.Add(deadline);
            }

            var first = await Task.WhenAny(waits).ConfigureAwait(true);
            if (first != _nextEvent)
            {
                return null;
            }

            var received = await _nextEvent.ConfigureAwait(true);
            _nextEvent = null;
            return received;
        }

        private Task RefuseAsync(RequestEvent refused) =>
            RecordAsync(refused.Actor, "EventRefused", $"{refused.Kind} does not apply to a request {_state}.");

        private async Task MoveAsync(
            RequestTrigger trigger, string actor, string action, string? details,
            InformationRequestView? information = null, DecisionView? decision = null, IReadOnlyList<TrancheView>? tranches = null, ReservationRightView? rights = null)
        {
            var transition = RequestLifecycle.Transition(_state, trigger);
            if (!transition.IsAllowed)
            {
                throw new InvalidOperationException(transition.Reason);
            }

            var step = NewStep(transition, actor, action, details, information, decision, tranches, rights);
            await context.CallActivityAsync<bool>(nameof(RecordRequestStep), step, Retries).ConfigureAwait(true);
            _state = transition.To;
        }

        private Task RecordAsync(string actor, string action, string? details, IReadOnlyList<TrancheView>? tranches = null) =>
            context.CallActivityAsync<bool>(
                nameof(RecordRequestStep),
                new RequestStep(Key, ++_step, new TimelineEntry(Now(), actor, action, _state, details), Tranches: tranches),
                Retries);

        private RequestStep NewStep(
            TransitionResult transition, string actor, string action, string? details,
            InformationRequestView? information = null, DecisionView? decision = null, IReadOnlyList<TrancheView>? tranches = null, ReservationRightView? rights = null) =>
            new(Key, ++_step, new TimelineEntry(Now(), actor, action, transition.To, details), information,
                ClearInformationRequest: transition.Trigger is RequestTrigger.Approve or RequestTrigger.Reject or RequestTrigger.Withdraw,
                decision, tranches, rights);

        private DateTimeOffset Now() => new(context.CurrentUtcDateTime, TimeSpan.Zero);

        // The planned steps were recorded by the activity that carried them: the execution catches up.
        private void Apply(StepPlan plan)
        {
            _step = plan.Number;
            _state = plan.State;
        }

        /// <summary>
        /// Steps planned ahead of the effect they follow, so that the effect's activity records them
        /// (one durable round trip for the effect and its steps); <see cref="Apply"/> once it ran.
        /// </summary>
        private sealed class StepPlan(Run run)
        {
            private readonly List<RequestStep> _steps = [];

            public RequestState State { get; private set; } = run._state;

            public int Number { get; private set; } = run._step;

            public IReadOnlyList<RequestStep> Steps => _steps;

            public void Move(
                RequestTrigger trigger, string actor, string action, string? details,
                DecisionView? decision = null, IReadOnlyList<TrancheView>? tranches = null, ReservationRightView? rights = null)
            {
                var transition = RequestLifecycle.Transition(State, trigger);
                if (!transition.IsAllowed)
                {
                    throw new InvalidOperationException(transition.Reason);
                }

                _steps.Add(new RequestStep(run.Key, ++Number, new TimelineEntry(run.Now(), actor, action, transition.To, details), null,
                    ClearInformationRequest: trigger is RequestTrigger.Approve or RequestTrigger.Reject or RequestTrigger.Withdraw,
                    decision, tranches, rights));
                State = transition.To;
            }

            public void Record(string actor, string action, string? details, IReadOnlyList<TrancheView>? tranches = null) =>
                _steps.Add(new RequestStep(run.Key, ++Number, new TimelineEntry(run.Now(), actor, action, State, details), Tranches: tranches));
        }

        private GrantDecisionInput ToInput(CommitteeDecisionMessage message, DecisionOutcome outcome)
        {
            var proposed = message.Rights is null && outcome == DecisionOutcome.Approved
                ? ReservationRightsPolicy.Default.Propose(message.ApprovedAmount ?? input.Request.RequestedTotal)
                : null;
            return new GrantDecisionInput
            {
                RequestId = Key.RequestId,
                Outcome = outcome,
                ApprovedAmount = outcome == DecisionOutcome.Approved ? message.ApprovedAmount ?? input.Request.RequestedTotal : null,
                Reason = message.Reason,
                RightsCount = message.Rights?.Count ?? proposed?.Count ?? 0,
                RightsKind = message.Rights?.Kind ?? proposed?.Kind,
                RightsDurationYears = message.Rights?.DurationYears ?? proposed?.DurationYears,
                Conditions = message.Conditions,
                Reviewer = message.Reviewer,
                DecidedOn = message.DecidedOn ?? Today,
            };
        }

        private static string Reviewer(RequestEvent decision) => decision.Decision?.Reviewer is { Length: > 0 } reviewer ? $"committee ({reviewer})" : "committee";
    }
}
