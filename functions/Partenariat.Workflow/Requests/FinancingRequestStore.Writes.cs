using Azure;
using Azure.Data.Tables;

namespace Partenariat.Workflow.Requests;

// The writes: a new request, its steps, and changes outside the steps (an upload). Each is
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
            var actions = Changes(start, view, isNew: true);
            var responses = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            KeepWritten(actions, responses.Value, view, trail: null);
            await StoredAsync(null, view, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Records <paramref name="steps"/> (in order) on the request, in one write guarded by the row's
    /// ETag (retried on a concurrent change), with the pending notifications of
    /// <paramref name="outbox"/> whose step's entry is written now. Each step is taken as its
    /// <see cref="StepTrail"/> says: skipped when the view holds it already (a retried activity), or
    /// recorded, its entry written unless a lost episode wrote that entry already or it repeats a
    /// payment (<see cref="RequestStep.RepeatsAPaymentOf"/>). A caller that has
    /// just read the view passes it as <paramref name="read"/>: it is read again only if it changed meanwhile.
    /// </summary>
    /// <returns>The view after the steps (its timeline: the entries they added).</returns>
    /// <exception cref="InvalidOperationException">The request does not exist.</exception>
    public async Task<FinancingRequestView?> RecordStepsAsync(
        RequestKey key, IReadOnlyList<RequestStep> steps, StoredView? read = null, IReadOnlyList<OutboxItem>? outbox = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0)
        {
            return null;
        }

        for (var attempt = 0; ; attempt++)
        {
            // The version kept by this process serves the first attempt only: a failed write may be its.
            var current = read
                ?? await (attempt == 0 ? GetKeptOrReadAsync(key.LandlordId, key.RequestId, cancellationToken) : GetWithETagAsync(key.LandlordId, key.RequestId, cancellationToken)).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Financing request '{key.RequestId}' of landlord '{key.LandlordId}' does not exist.");
            read = null;
            var trail = current.StepTrail;
            var next = current.View;
            var written = new HashSet<int>();
            var changed = false;
            foreach (var step in steps)
            {
                (var taking, trail) = trail.Take(step);
                changed |= taking != StepTaking.AlreadyRecorded;
                if (taking == StepTaking.Recorded && !step.RepeatsAPaymentOf(next))
                {
                    // A note taken while the view holds steps of a lost episode the orchestration has
                    // not taken (yet) keeps the status those steps gave the view: the orchestration
                    // takes them next, and the view never goes back meanwhile.
                    next = (trail.Unmatched.Length > 0 && step.IsNote ? step with { Entry = step.Entry with { Status = next.Status } } : step).ApplyTo(next);
                    written.Add(step.Number);
                }
                else if (taking != StepTaking.AlreadyRecorded)
                {
                    next = step.ApplyTo(next) with { Timeline = next.Timeline };
                }
            }

            if (!changed && current.IsKept)
            {
                // An answer that writes nothing comes from the row read, never from a version kept.
                continue;
            }

            if (!changed)
            {
                // Recorded by an earlier attempt: its observers may not have been told.
                await StoredAsync(null, current.View, cancellationToken).ConfigureAwait(false);
                return current.View;
            }

            var pending = (outbox ?? []).Where(o => written.Contains(o.StepNumber)).ToList();
            if (await TryWriteAsync(current, next, pending, trail, cancellationToken).ConfigureAwait(false))
            {
                return next;
            }
        }
    }

    /// <summary>
    /// Changes the request's view outside the orchestration's steps: <paramref name="change"/> is
    /// given the view as stored (without its timeline) and returns the view to write (its timeline: the entries to add), or
    /// null to write nothing, with what to answer. The write is guarded by the row's ETag; on a
    /// concurrent change the view is read again and <paramref name="change"/> asked again, so a
    /// decision it takes (a cap, say) holds for what is written. A caller that has read the view
    /// passes it as <paramref name="read"/>.
    /// </summary>
    /// <returns>What <paramref name="change"/> answered the last time; default when the landlord has no such request.</returns>
    public async Task<T?> ChangeAsync<T>(string landlordId, string requestId, Func<FinancingRequestView, (FinancingRequestView? Next, T Answer)> change, StoredView? read = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var current = read ?? await GetWithETagAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false);
            read = null;
            if (current is null)
            {
                return default;
            }

            var (next, answer) = change(current.View);
            if (next is null && current.IsKept)
            {
                // An answer that writes nothing comes from the row read, never from a version kept.
                read = await GetWithETagAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false);
                if (read is null)
                {
                    return default;
                }

                continue;
            }

            if (next is null || await TryWriteAsync(current, next, [], current.Trail, cancellationToken).ConfigureAwait(false))
            {
                return answer;
            }
        }
    }

    /// <summary>Writes <paramref name="next"/> (its timeline: the new entries), its <paramref name="trail"/> and <paramref name="outbox"/> if the row still has <paramref name="current"/>'s ETag; false when it changed meanwhile.</summary>
    private async Task<bool> TryWriteAsync(StoredView current, FinancingRequestView next, IReadOnlyList<OutboxItem> outbox, StepTrail? trail, CancellationToken cancellationToken)
    {
        try
        {
            var actions = Changes(current, next, isNew: false, trail);
            actions.AddRange(outbox.Select(o => new TableTransactionAction(TableTransactionActionType.UpsertReplace, OutboxRow(next.LandlordId, next.RequestId, o))));
            var responses = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            KeepWritten(actions, responses.Value, next, trail ?? current.Trail);
            await StoredAsync(current.View, next, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 412 or 409)
        {
            Forget(current.View.LandlordId, current.View.RequestId);
            return false;
        }
    }

    /// <summary>Keeps <paramref name="view"/> as the transaction wrote it (its first action, the view row), with the ETag the service gave the row.</summary>
    private void KeepWritten(List<TableTransactionAction> actions, IReadOnlyList<Response> responses, FinancingRequestView view, StepTrail? trail)
    {
        if (responses.Count > 0 && responses[0].Headers.ETag is { } etag)
        {
            var row = (TableEntity)actions[0].Entity;
            Keep(new StoredView(view with { Timeline = [] }, etag, row.GetInt64("TimelineLength") ?? 0, row.GetString("TimelineHead") ?? Domain.Common.AuditChain.Genesis, trail));
        }
    }
}
