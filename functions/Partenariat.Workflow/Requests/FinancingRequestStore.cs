using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Requests;

/// <summary>
/// The requests' views in the <c>FinancingRequests</c> table: one row per request, partitioned by
/// landlord (a landlord's list is one partition), the view as JSON beside the columns queries
/// filter on. Every change is a step: written once, guarded by the row's ETag, and idempotent by the
/// step's number, so a retried activity never applies it twice.
/// </summary>
public sealed class FinancingRequestStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.RequestsTable);

    /// <summary>Creates the table where missing.</summary>
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Stores a new request's view; false when a request with that id already exists for the landlord.</summary>
    public async Task<bool> TryAddAsync(FinancingRequestView view, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        try
        {
            await _table.AddEntityAsync(ToEntity(view), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The landlord's request, or null (also when it is another landlord's).</summary>
    public async Task<FinancingRequestView?> GetAsync(string landlordId, string requestId, CancellationToken cancellationToken = default) =>
        (await GetWithETagAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false))?.View;

    /// <summary>The landlord's request with its row's ETag (for a write guarded by it), or null.</summary>
    public async Task<(FinancingRequestView View, ETag ETag)?> GetWithETagAsync(string landlordId, string requestId, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(landlordId, requestId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity ? (FromEntity(entity), entity.ETag) : null;
    }

    /// <summary>
    /// A request by id whoever its landlord (for the committee's and operators' steps), or null: a
    /// point read in the landlord's partition the id names (<see cref="RequestIds"/>); for an id that
    /// names none, a query on the row key across partitions.
    /// </summary>
    public async Task<FinancingRequestView?> FindAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        if (RequestIds.LandlordOf(requestId) is { } landlordId)
        {
            return await GetAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false);
        }

        if (!RequestIds.IsWithoutLandlord(requestId))
        {
            return null;
        }

        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {requestId}"), maxPerPage: 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return FromEntity(entity);
        }

        return null;
    }

    /// <summary>One page of a landlord's requests, optionally in one status.</summary>
    public async Task<(IReadOnlyList<FinancingRequestView> Items, string? ContinuationToken)> ListAsync(
        string landlordId, RequestState? status, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var filter = status is { } s
            ? TableClient.CreateQueryFilter($"PartitionKey eq {landlordId} and Status eq {s.ToString()}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {landlordId}");
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize).ConfigureAwait(false))
        {
            return (page.Values.Select(FromEntity).ToList(), page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Every request in <paramref name="status"/>, optionally on one envelope line, across landlords.</summary>
    public async Task<IReadOnlyList<FinancingRequestView>> ListByStatusAsync(RequestState status, string? envelopeLineKey = null, CancellationToken cancellationToken = default)
    {
        var filter = envelopeLineKey is null
            ? TableClient.CreateQueryFilter($"Status eq {status.ToString()}")
            : TableClient.CreateQueryFilter($"Status eq {status.ToString()} and EnvelopeLine eq {envelopeLineKey}");
        var result = new List<FinancingRequestView>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(FromEntity(entity));
        }

        return result;
    }

    /// <summary>
    /// Applies step <paramref name="step"/> to a request: when the view has already recorded that
    /// step, nothing is written (a retried activity); otherwise <paramref name="apply"/> builds the
    /// new view, written only if the row is unchanged since it was read (its ETag), retried on a
    /// concurrent change. A caller that has just read the view passes it as <paramref name="read"/>:
    /// it is read again only if it changed meanwhile.
    /// </summary>
    /// <returns>The view after the step.</returns>
    /// <exception cref="InvalidOperationException">The request does not exist.</exception>
    public async Task<FinancingRequestView> ApplyStepAsync(
        string landlordId, string requestId, int step, Func<FinancingRequestView, FinancingRequestView> apply,
        (FinancingRequestView View, ETag ETag)? read = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apply);
        while (true)
        {
            var (current, etag) = read
                ?? await GetWithETagAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Financing request '{requestId}' of landlord '{landlordId}' does not exist.");
            read = null;
            if (current.Step >= step)
            {
                return current;
            }

            var next = apply(current) with { Step = step };
            if (await TryReplaceAsync(next, etag, cancellationToken).ConfigureAwait(false))
            {
                return next;
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="entry"/> to the request's timeline outside the orchestration's steps (an
    /// upload, say), guarded by the row's ETag and retried on a concurrent change; false when the
    /// landlord has no such request.
    /// </summary>
    public async Task<bool> AppendTimelineAsync(string landlordId, string requestId, TimelineEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        while (true)
        {
            if (await GetWithETagAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false) is not { } found)
            {
                return false;
            }

            var (current, etag) = found;

            var next = current with { Timeline = [.. current.Timeline, entry with { Status = current.Status }], UpdatedAt = entry.At };
            if (await TryReplaceAsync(next, etag, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }
    }

    /// <summary>Replaces the row if it still has <paramref name="ifMatch"/>; false when it changed meanwhile.</summary>
    public async Task<bool> TryReplaceAsync(FinancingRequestView view, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        try
        {
            await _table.UpdateEntityAsync(ToEntity(view), ifMatch, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            return false;
        }
    }

    /// <summary>The envelope line's key as stored: convention id and line id.</summary>
    public static string EnvelopeLineKey(string conventionId, string lineId) => $"{conventionId}|{lineId}";

    /// <summary>The columns of a view row that hold its reservation rights (present once a decision planned some): the registry's.</summary>
    public static class RightsColumns
    {
        public const string Count = "RightsCount";
        public const string Kind = "RightsKind";
        public const string DurationYears = "RightsDurationYears";
        public const string Status = "RightsStatus";
        public const string StartDate = "RightsStartDate";
        public const string EndDate = "RightsEndDate";
    }

    private static TableEntity ToEntity(FinancingRequestView view)
    {
        var entity = new TableEntity(view.LandlordId, view.RequestId)
        {
            ["Status"] = view.Status.ToString(),
            ["EnvelopeLine"] = EnvelopeLineKey(view.Request.ConventionId ?? string.Empty, view.Request.EnvelopeLineId ?? string.Empty),
            ["SubmittedAt"] = view.SubmittedAt,
            ["View"] = JsonSerializer.Serialize(view, PartenariatJson.Options),
        };
        // The reservation-right registry is these columns of the views: no second row to keep in step.
        if (view.ReservationRights is { } rights)
        {
            entity[RightsColumns.Count] = rights.Count;
            entity[RightsColumns.Kind] = rights.Kind.ToString();
            entity[RightsColumns.DurationYears] = rights.DurationYears;
            entity[RightsColumns.Status] = rights.Status.ToString();
            entity[RightsColumns.StartDate] = rights.StartDate?.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            entity[RightsColumns.EndDate] = rights.EndDate?.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        return entity;
    }

    private static FinancingRequestView FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize<FinancingRequestView>(entity.GetString("View"), PartenariatJson.Options)
        ?? throw new InvalidOperationException($"The stored view of request '{entity.RowKey}' is empty.");
}
