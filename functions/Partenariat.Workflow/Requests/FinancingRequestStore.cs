using Azure;
using Azure.Data.Tables;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Requests;

/// <summary>A request's view as stored: the view (its timeline not read), the row's ETag, and where its timeline's chain stands.</summary>
/// <param name="View">The view, with an empty timeline (the timeline is in rows of its own).</param>
/// <param name="ETag">The view row's ETag, for a write guarded by it.</param>
/// <param name="TimelineLength">How many timeline entries the request has.</param>
/// <param name="TimelineHead">The hash of its last timeline entry.</param>
/// <param name="Trail">What the row remembers of its last steps (<see cref="StepTrail"/>); null: known by number only.</param>
public sealed record StoredView(FinancingRequestView View, ETag ETag, long TimelineLength, string TimelineHead, StepTrail? Trail = null)
{
    /// <summary>Whether this is the version the process kept (<see cref="FinancingRequestStore.GetKeptOrReadAsync"/>), which another process may have changed since; false when just read.</summary>
    public bool IsKept { get; init; }

    /// <summary>The row's step trail, or one that knows the view's steps by number only.</summary>
    public StepTrail StepTrail => Trail ?? StepTrail.Unknown(View.Step);
}

/// <summary>
/// The requests in the <c>FinancingRequests</c> table, partitioned by landlord (a landlord's list is
/// one partition): one view row per request (row key: the request id; the view as JSON beside the
/// columns queries filter on), and its timeline in rows of its own (row key
/// <c>t:{requestId}:{n}</c>), each entry chained to the one before by its hash. The view row stays
/// the same size whatever the length of the timeline. Every change is a step: the view row and its
/// new entries written in one transaction, guarded by the view row's ETag, and idempotent by the
/// step's number, so a retried activity never applies it twice.
/// </summary>
public sealed partial class FinancingRequestStore(TableServiceClient tables, IEnumerable<IRequestViewObserver>? observers = null)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.RequestsTable);
    private readonly IRequestViewObserver[] _observers = [.. observers ?? []];

    /// <summary>Creates the table where missing.</summary>
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The landlord's request without its timeline (one point read), or null (also when it is another landlord's).</summary>
    public async Task<FinancingRequestView?> GetAsync(string landlordId, string requestId, CancellationToken cancellationToken = default) =>
        (await GetWithETagAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false))?.View;

    /// <summary>
    /// The landlord's request with its whole timeline, or null (also when it is another landlord's).
    /// The view and the timeline are read at once; a step written between the two reads shows in
    /// neither or in both: the timeline is cut at the length the view's row records, and read again
    /// when it was read before the step's entries (the row and its entries are written in one batch).
    /// </summary>
    public async Task<FinancingRequestView?> GetWithTimelineAsync(string landlordId, string requestId, CancellationToken cancellationToken = default)
    {
        var timeline = ReadTimelineAsync(landlordId, requestId, cancellationToken);
        var stored = await GetWithETagAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false);
        var entries = await timeline.ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        if (entries.Count < stored.TimelineLength)
        {
            entries = await ReadTimelineAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false);
        }

        return stored.View with { Timeline = [.. entries.Where(e => e.Chained.Sequence <= stored.TimelineLength).Select(e => e.Entry)] };
    }

    /// <summary>The landlord's request as stored (its timeline not read), with its row's ETag, or null.</summary>
    public async Task<StoredView?> GetWithETagAsync(string landlordId, string requestId, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(landlordId, requestId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } entity)
        {
            Forget(landlordId, requestId);
            return null;
        }

        var stored = ReadView(entity);
        Keep(stored);
        return stored;
    }

    /// <summary>
    /// A request by id whoever its landlord (for the committee's and operators' steps), without its
    /// timeline, or null: a point read in the landlord's partition the id names (<see cref="RequestIds"/>);
    /// for an id that names none, a query on the row key across partitions.
    /// </summary>
    public async Task<FinancingRequestView?> FindAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        if (RequestIds.LandlordOf(requestId) is { } landlordId)
        {
            return (await GetWithETagAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false))?.View;
        }

        if (!RequestIds.IsWithoutLandlord(requestId))
        {
            return null;
        }

        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {requestId}"), maxPerPage: 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return ReadView(entity).View;
        }

        return null;
    }

    /// <summary>One page of a landlord's requests (without their timelines), optionally in one status.</summary>
    public async Task<(IReadOnlyList<FinancingRequestView> Items, string? ContinuationToken)> ListAsync(
        string landlordId, RequestState? status, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        // The view rows only: their keys are the request ids ("fr-..."), the timeline rows' start with "t:".
        var views = TableClient.CreateQueryFilter($"PartitionKey eq {landlordId} and RowKey ge {RequestIds.Prefix} and RowKey lt {RequestIds.PrefixEnd}");
        var filter = status is { } s ? views + TableClient.CreateQueryFilter($" and Status eq {s.ToString()}") : views;
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize).ConfigureAwait(false))
        {
            return (page.Values.Select(e => ReadView(e).View).ToList(), page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Every request in <paramref name="status"/> (without their timelines), optionally on one envelope line, across landlords.</summary>
    public async Task<IReadOnlyList<FinancingRequestView>> ListByStatusAsync(RequestState status, EnvelopeLineKey? line = null, CancellationToken cancellationToken = default)
    {
        var filter = line is null
            ? TableClient.CreateQueryFilter($"Status eq {status.ToString()}")
            : TableClient.CreateQueryFilter($"Status eq {status.ToString()} and EnvelopeLine eq {line.Value}");
        var result = new List<FinancingRequestView>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(ReadView(entity).View);
        }

        return result;
    }

    /// <summary>Tells the observers of a view just stored (<see cref="IRequestViewObserver"/>).</summary>
    private async Task StoredAsync(FinancingRequestView? before, FinancingRequestView view, CancellationToken cancellationToken)
    {
        foreach (var observer in _observers)
        {
            await observer.ViewStoredAsync(before, view, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The request's timeline entries as stored, in order, each with its chain's hashes (for audits and their export).</summary>
    public Task<IReadOnlyList<StoredTimelineEntry>> GetTimelineAsync(string landlordId, string requestId, CancellationToken cancellationToken = default) =>
        ReadTimelineAsync(landlordId, requestId, cancellationToken);
}
