using Azure;
using Azure.Data.Tables;

namespace Partenariat.Workflow.Requests;

// The writes: a new request, its steps, and timeline entries outside the steps (an upload). Each is
// one transaction of the landlord's partition: the view row (added, or replaced if its ETag still
// matches) and the timeline entries the change adds.
public sealed partial class FinancingRequestStore
{
    /// <summary>
    /// Stores a new request: its view and its first timeline entries (the view's <c>Timeline</c>);
    /// false when a request with that id already exists for the landlord.
    /// </summary>
    public async Task<bool> TryAddAsync(FinancingRequestView view, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        var start = new StoredView(view with { Timeline = [] }, default, 0, Domain.Common.AuditChain.Genesis);
        try
        {
            await _table.SubmitTransactionAsync(Changes(start, view, isNew: true), cancellationToken).ConfigureAwait(false);
            await StoredAsync(view, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Records <paramref name="steps"/> (in order) on the request: those its view already holds are
    /// skipped, the others applied in one write guarded by the row's ETag, with the pending
    /// notifications of <paramref name="outbox"/> whose step is written now. A caller that has just
    /// read the view passes it as <paramref name="read"/>.
    /// </summary>
    /// <returns>The view after the steps.</returns>
    public async Task<FinancingRequestView?> RecordStepsAsync(
        RequestKey key, IReadOnlyList<RequestStep> steps, StoredView? read = null, IReadOnlyList<OutboxItem>? outbox = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(steps);
        return steps.Count == 0
            ? null
            : await ApplyStepAsync(key.LandlordId, key.RequestId, steps[^1].Number, view => RequestStep.ApplyMissing(view, steps), read, outbox, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies step <paramref name="step"/> to a request: when the view has already recorded that
    /// step, nothing is written (a retried activity); otherwise <paramref name="apply"/> builds the
    /// new view from the stored one (whose timeline is empty: the entries <paramref name="apply"/>
    /// adds to it are the new ones), written only if the row is unchanged since it was read (its
    /// ETag), with the new entries, retried on a concurrent change. A caller that has just read the
    /// view passes it as <paramref name="read"/>: it is read again only if it changed meanwhile.
    /// </summary>
    /// <returns>The view after the step (its timeline: the entries the step added).</returns>
    /// <exception cref="InvalidOperationException">The request does not exist.</exception>
    public async Task<FinancingRequestView> ApplyStepAsync(
        string landlordId, string requestId, int step, Func<FinancingRequestView, FinancingRequestView> apply,
        StoredView? read = null, IReadOnlyList<OutboxItem>? outbox = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apply);
        while (true)
        {
            var current = read
                ?? await GetWithETagAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Financing request '{requestId}' of landlord '{landlordId}' does not exist.");
            read = null;
            if (current.View.Step >= step)
            {
                // Recorded by an earlier attempt: its observers may not have been told.
                await StoredAsync(current.View, cancellationToken).ConfigureAwait(false);
                return current.View;
            }

            var next = apply(current.View) with { Step = step };
            var pending = (outbox ?? []).Where(o => o.StepNumber > current.View.Step).ToList();
            if (await TryWriteAsync(current, next, pending, cancellationToken).ConfigureAwait(false))
            {
                return next;
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="entry"/> to the request's timeline outside the orchestration's steps (an
    /// upload, say), with the request's current status, guarded by the row's ETag and retried on a
    /// concurrent change; false when the landlord has no such request.
    /// </summary>
    public async Task<bool> AppendTimelineAsync(string landlordId, string requestId, TimelineEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        while (true)
        {
            if (await GetWithETagAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false) is not { } current)
            {
                return false;
            }

            var next = current.View with { Timeline = [entry with { Status = current.View.Status }], UpdatedAt = entry.At };
            if (await TryWriteAsync(current, next, [], cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }
    }

    /// <summary>Writes <paramref name="next"/> (its timeline: the new entries) and <paramref name="outbox"/> if the row still has <paramref name="current"/>'s ETag; false when it changed meanwhile.</summary>
    private async Task<bool> TryWriteAsync(StoredView current, FinancingRequestView next, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken)
    {
        try
        {
            var actions = Changes(current, next, isNew: false);
            actions.AddRange(outbox.Select(o => new TableTransactionAction(TableTransactionActionType.UpsertReplace, OutboxRow(next.LandlordId, next.RequestId, o))));
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            await StoredAsync(next, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 412 or 409)
        {
            return false;
        }
    }
}
