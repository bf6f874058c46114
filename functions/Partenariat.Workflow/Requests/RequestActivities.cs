using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.DurableTask;
using Partenariat.Domain.Disbursements;
using Partenariat.Domain.Envelopes;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Requests;

// Every activity here is idempotent, because the durable runtime runs an activity at least once:
// the request's view by step number, the ledger by request id (and disbursement id), payments and
// rights by their row keys (conditional inserts). Each is one storage operation or as few as the
// step needs.

/// <summary>Which request, as every activity needs it.</summary>
/// <param name="RequestId">The request (and orchestration instance) id.</param>
/// <param name="LandlordId">Its landlord's SIREN (the partition of its rows).</param>
/// <param name="ConventionId">The convention (period) of its envelope line.</param>
/// <param name="EnvelopeLineId">The envelope line.</param>
public sealed record RequestKey(string RequestId, string LandlordId, string ConventionId, string EnvelopeLineId)
{
    /// <summary>The envelope line's key as stored.</summary>
    public string EnvelopeLineKey => FinancingRequestStore.EnvelopeLineKey(ConventionId, EnvelopeLineId);
}

/// <summary>A step of a request's life: a timeline entry and what changes with it.</summary>
public sealed record RequestStep(
    RequestKey Key,
    int Number,
    TimelineEntry Entry,
    InformationRequestView? InformationRequest = null,
    bool ClearInformationRequest = false,
    DecisionView? Decision = null,
    IReadOnlyList<TrancheView>? Tranches = null,
    ReservationRightView? Rights = null);

/// <summary>Records a step in the request's view (status, timeline, decision, tranches, rights).</summary>
public sealed class RecordRequestStep(FinancingRequestStore requests) : TaskActivity<RequestStep, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, RequestStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await requests.ApplyStepAsync(input.Key.LandlordId, input.Key.RequestId, input.Number, view => Apply(view, input)).ConfigureAwait(false);
        return true;
    }

    /// <summary>The view after those of <paramref name="steps"/> it has not recorded yet (by step number).</summary>
    public static FinancingRequestView ApplyMissing(FinancingRequestView view, IEnumerable<RequestStep> steps)
    {
        ArgumentNullException.ThrowIfNull(view);
        return steps.Where(s => s.Number > view.Step).Aggregate(view, Apply);
    }

    /// <summary>The view after <paramref name="step"/>.</summary>
    public static FinancingRequestView Apply(FinancingRequestView view, RequestStep step)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(step);
        var information = step.ClearInformationRequest ? null : step.InformationRequest ?? view.InformationRequest;
        return view with
        {
            Status = step.Entry.Status,
            UpdatedAt = step.Entry.At,
            Timeline = [.. view.Timeline, step.Entry],
            InformationRequest = information,
            Decision = step.Decision ?? view.Decision,
            Tranches = step.Tranches ?? view.Tranches,
            ReservationRights = step.Rights ?? view.ReservationRights,
        };
    }
}

/// <summary>The input of the ledger activities.</summary>
/// <param name="Key">The request.</param>
/// <param name="Amount">The amount to reserve or commit.</param>
/// <param name="On">The date of the operation (the orchestration's clock).</param>
/// <param name="Then">The steps to record once the operation took effect (none when it is refused).</param>
public sealed record LedgerRequest(RequestKey Key, decimal Amount, DateOnly On, IReadOnlyList<RequestStep>? Then = null)
{
    /// <summary>Reservation only: once reserved (and <see cref="Then"/> recorded), send the request to the committee.</summary>
    public ReviewRequest? Review { get; init; }
}

/// <summary>
/// What an effect's activity records after the effect, in the same activity (one durable round trip
/// instead of one per step): the request's steps, all in one write of its view (the reservation
/// rights a step plans or assigns with it: the registry reads them from the views), skipped for the
/// steps it already holds (idempotent by step number).
/// </summary>
internal static class FollowUps
{
    public static async Task RecordAsync(FinancingRequestStore requests, RequestKey key, IReadOnlyList<RequestStep>? steps)
    {
        if (steps is { Count: > 0 })
        {
            await requests.ApplyStepAsync(key.LandlordId, key.RequestId, steps[^1].Number, view => RecordRequestStep.ApplyMissing(view, steps)).ConfigureAwait(false);
        }
    }
}

/// <summary>The outcome of a ledger activity.</summary>
/// <param name="Outcome">What the ledger answered.</param>
/// <param name="Reason">Why it refused, if it did.</param>
/// <param name="Remaining">What the line can still hold after the operation.</param>
public sealed record LedgerReply(LedgerOutcome Outcome, string? Reason, decimal Remaining)
{
    /// <summary>Whether the operation took effect (now or before).</summary>
    public bool Succeeded => Outcome is LedgerOutcome.Applied or LedgerOutcome.AlreadyApplied;
}

/// <summary>Reserves the requested amount on the request's envelope line, if the line can hold it; then records the steps that follow.</summary>
public sealed class ReserveCredit(EnvelopeLedgerStore ledgers, FinancingRequestStore requests, QueueServiceClient queues, ConventionDirectory conventions)
    : TaskActivity<LedgerRequest, LedgerReply>
{
    /// <inheritdoc />
    public override async Task<LedgerReply> RunAsync(TaskActivityContext context, LedgerRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await ledgers.ApplyAsync(input.Key.ConventionId, input.Key.EnvelopeLineId, l => l.Reserve(input.Key.RequestId, input.Amount, input.On)).ConfigureAwait(false);
        if (result.Succeeded)
        {
            if (input.Review is { } review)
            {
                // The reservation's steps and the review's, in one write of the view.
                await SendForReview.SendAsync(queues, requests, conventions, review, before: input.Then).ConfigureAwait(false);
            }
            else
            {
                await FollowUps.RecordAsync(requests, input.Key, input.Then).ConfigureAwait(false);
            }
        }

        return new LedgerReply(result.Outcome, result.Reason, result.Ledger.Remaining);
    }
}

/// <summary>
/// Commits the approved amount (the reservation becomes a commitment; a reduced amount frees the
/// difference); then registers the planned rights and records the approval.
/// </summary>
public sealed class CommitCredit(EnvelopeLedgerStore ledgers, FinancingRequestStore requests) : TaskActivity<LedgerRequest, LedgerReply>
{
    /// <inheritdoc />
    public override async Task<LedgerReply> RunAsync(TaskActivityContext context, LedgerRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await ledgers.ApplyAsync(input.Key.ConventionId, input.Key.EnvelopeLineId, l => l.Commit(input.Key.RequestId, input.Amount, input.On)).ConfigureAwait(false);
        if (result.Succeeded)
        {
            await FollowUps.RecordAsync(requests, input.Key, input.Then).ConfigureAwait(false);
        }

        return new LedgerReply(result.Outcome, result.Reason, result.Ledger.Remaining);
    }
}

/// <summary>
/// Releases the request's credit (a reservation, or the unpaid part of a commitment) and returns
/// the waitlisted requests of the same line, to wake them.
/// </summary>
public sealed class ReleaseCredit(EnvelopeLedgerStore ledgers, FinancingRequestStore requests) : TaskActivity<RequestKey, IReadOnlyList<string>>
{
    /// <inheritdoc />
    public override async Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, RequestKey input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await ledgers.ApplyAsync(input.ConventionId, input.EnvelopeLineId, l => l.Find(input.RequestId) is null ? new LedgerResult(LedgerOutcome.NotFound, l, null) : l.Release(input.RequestId)).ConfigureAwait(false);
        var waitlisted = await requests.ListByStatusAsync(RequestState.Waitlisted, input.EnvelopeLineKey).ConfigureAwait(false);
        return waitlisted.OrderBy(v => v.SubmittedAt).Select(v => v.RequestId).Where(id => id != input.RequestId).ToList();
    }
}

/// <summary>
/// The period ended: every reservation of the line expires and its uncommitted remainder lapses (no
/// redeployment). The line lapses only once its convention's closing instant has passed, and then
/// as of the day after the period's last day: the closing instant (by default midnight Paris time,
/// i.e. still the last day in UTC; or configured earlier for a demonstration) is what closes the
/// period, and the domain ledger lapses a line only after the period's last day.
/// </summary>
public sealed class LapseEnvelopeLine(EnvelopeLedgerStore ledgers, ConventionDirectory conventions, TimeProvider timeProvider) : TaskActivity<LedgerRequest, LedgerReply>
{
    private static readonly TimeSpan MaxTimerEarliness = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public override async Task<LedgerReply> RunAsync(TaskActivityContext context, LedgerRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var convention = conventions.Catalog.Find(input.Key.ConventionId)
            ?? throw new InvalidOperationException($"No convention '{input.Key.ConventionId}'.");
        var closesAt = conventions.ClosesAt(convention);
        var early = closesAt - timeProvider.GetUtcNow();
        if (early > MaxTimerEarliness)
        {
            return new LedgerReply(LedgerOutcome.OutsidePeriod, $"The period closes at {closesAt:O}: the line does not lapse before.", 0m);
        }

        if (early > TimeSpan.Zero)
        {
            // A durable timer may fire up to about a second early (DESIGN.md): wait for the instant itself.
            await Task.Delay(early, timeProvider).ConfigureAwait(false);
        }

        var asOf = convention.Period.End.AddDays(1) is var dayAfter && dayAfter > input.On ? dayAfter : input.On;
        var result = await ledgers.ApplyAsync(input.Key.ConventionId, input.Key.EnvelopeLineId, l => l.Lapse(asOf)).ConfigureAwait(false);
        return new LedgerReply(result.Outcome, result.Reason, result.Ledger.Remaining);
    }
}

/// <summary>The input of <see cref="SendForReview"/>.</summary>
/// <param name="Step">The step that records the request as pending before the committee.</param>
/// <param name="Round">1 for the first review, more after an information request was answered.</param>
/// <param name="Findings">What the eligibility checks found; null: run them when sending.</param>
public sealed record ReviewRequest(RequestStep Step, int Round, IReadOnlyList<string>? Findings);

/// <summary>
/// Puts a review message on the <c>committee-reviews</c> queue for the reviewers' tools, then
/// records the step. A retry after the step was recorded sends nothing; a crash between the send and
/// the record may send the message twice, which reviewers' tools tell apart by request id and round.
/// </summary>
public sealed class SendForReview(QueueServiceClient queues, FinancingRequestStore requests, ConventionDirectory conventions) : TaskActivity<ReviewRequest, bool>
{
    /// <inheritdoc />
    public override Task<bool> RunAsync(TaskActivityContext context, ReviewRequest input) => SendAsync(queues, requests, conventions, input);

    /// <summary>
    /// Sends the review message and records the step (after the steps <paramref name="before"/> it
    /// not yet recorded), unless the step is already recorded. Null findings: the eligibility checks
    /// run here, on the stored request, and the step's details say what they found. The view is read
    /// once and written once, guarded by its ETag (read again only if it changed meanwhile).
    /// </summary>
    internal static async Task<bool> SendAsync(QueueServiceClient queues, FinancingRequestStore requests, ConventionDirectory conventions, ReviewRequest input, IReadOnlyList<RequestStep>? before = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var key = input.Step.Key;
        var (view, etag) = await requests.GetWithETagAsync(key.LandlordId, key.RequestId).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Financing request '{key.RequestId}' does not exist.");
        if (view.Step >= input.Step.Number)
        {
            return false;
        }

        var step = input.Step;
        var findings = input.Findings;
        if (findings is null)
        {
            findings = CheckEligibility.Check(view, conventions);
            var details = findings.Count == 0 ? "Sent to the committee; the checks found nothing." : "Sent to the committee; the checks found: " + string.Join(" ", findings);
            step = step with { Entry = step.Entry with { Details = details } };
        }

        var message = new CommitteeReviewMessage(key.RequestId, key.LandlordId, input.Round, view.Request.Operation?.Name, view.Request.Operation?.Municipality, view.Request.RequestedTotal, findings);
        var queue = queues.GetQueueClient(StorageNames.CommitteeReviewsQueue);
        await queue.SendMessageAsync(JsonSerializer.Serialize(message, PartenariatJson.Options)).ConfigureAwait(false);
        var steps = (before ?? []).Append(step).ToList();
        await requests.ApplyStepAsync(key.LandlordId, key.RequestId, step.Number, v => RecordRequestStep.ApplyMissing(v, steps), read: (view, etag)).ConfigureAwait(false);
        return true;
    }
}

/// <summary>A review message: a request awaits the committee.</summary>
public sealed record CommitteeReviewMessage(string RequestId, string LandlordId, int Round, string? Operation, string? Municipality, decimal RequestedAmount, IReadOnlyList<string> Findings);

/// <summary>The checks a request must pass before the committee (run by <see cref="ReserveCredit"/> with the reservation).</summary>
internal static class CheckEligibility
{
    /// <summary>The committee-stage checks of a stored request.</summary>
    internal static IReadOnlyList<string> Check(FinancingRequestView view, ConventionDirectory conventions)
    {
        var validator = new FinancingRequestValidator(conventions.Catalog, conventions.Territory);
        var report = validator.Validate(view.Request, ValidationStage.Committee, DateOnly.FromDateTime(view.SubmittedAt.UtcDateTime));
        return report.Errors.Select(e => $"{e.Field}: {e.Message}").ToList();
    }
}

/// <summary>The input of <see cref="PayTranche"/>.</summary>
/// <param name="Key">The request.</param>
/// <param name="Tranche">The tranche paid.</param>
/// <param name="PaidOn">The payment date (the orchestration's clock).</param>
/// <param name="EvidenceDocumentId">The document that proves the milestone.</param>
/// <param name="Then">The steps to record once paid (the payment, and at the last tranche the rights assigned and the closure).</param>
public sealed record TranchePayment(RequestKey Key, TrancheView Tranche, DateOnly PaidOn, string EvidenceDocumentId, IReadOnlyList<RequestStep>? Then = null)
{
    /// <summary>The disbursement's idempotency key: one payment per request and tranche, ever.</summary>
    public string DisbursementId => PaymentOrder.DisbursementIdOf(Key.RequestId, Tranche.Number);
}

/// <summary>
/// Pays a tranche exactly once in effect: the ledger's disbursement is idempotent by disbursement
/// id, and its payment order (keyed by request and tranche) is stored in the same transaction, so
/// a retried or re-run activity finds the disbursement applied and writes nothing; then records
/// what follows the payment. Returns false when the tranche had already been paid.
/// </summary>
public sealed class PayTranche(EnvelopeLedgerStore ledgers, FinancingRequestStore requests) : TaskActivity<TranchePayment, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, TranchePayment input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var order = new PaymentOrder(input.DisbursementId, input.Key.RequestId, input.Key.LandlordId, input.Tranche.Number, input.Tranche.Milestone.ToString(),
            input.Tranche.Amount, input.PaidOn, input.EvidenceDocumentId);
        var result = await ledgers.ApplyAsync(input.Key.ConventionId, input.Key.EnvelopeLineId, l => l.Disburse(input.Key.RequestId, input.DisbursementId, input.Tranche.Amount), order).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The ledger refused disbursement '{input.DisbursementId}': {result.Reason}");
        }

        await FollowUps.RecordAsync(requests, input.Key, input.Then).ConfigureAwait(false);
        return result.Outcome == LedgerOutcome.Applied;
    }
}

