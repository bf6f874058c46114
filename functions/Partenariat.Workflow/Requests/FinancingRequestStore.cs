using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Http;
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
    public async Task<IReadOnlyList<FinancingRequestView>> ListByStatusAsync(RequestState status, EnvelopeLineKey? line = null, CancellationToken cancellationToken = default)
    {
        var filter = line is null
            ? TableClient.CreateQueryFilter($"Status eq {status.ToString()}")
            : TableClient.CreateQueryFilter($"Status eq {status.ToString()} and EnvelopeLine eq {line.Value}");
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
    /// Records <paramref name="steps"/> (in order) on the request: those its view already holds are
    /// skipped, the others applied in one write guarded by the row's ETag. A caller that has just
    /// read the view passes it as <paramref name="read"/>.
    /// </summary>
    public async Task RecordStepsAsync(RequestKey key, IReadOnlyList<RequestStep> steps, (FinancingRequestView View, ETag ETag)? read = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count > 0)
        {
            await ApplyStepAsync(key.LandlordId, key.RequestId, steps[^1].Number, view => RequestStep.ApplyMissing(view, steps), read, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// The reservation rights recorded on the requests' views (a landlord's, one request's, or
    /// every landlord's), read from the view rows' rights columns only: the reservation-right
    /// registry is a projection of the views, written with them, never a second copy.
    /// </summary>
    public async Task<IReadOnlyList<RecordedRights>> ListReservationRightsAsync(string? landlordId, string? requestId, CancellationToken cancellationToken = default)
    {
        // Only the views with rights (a missing column compares as false).
        var filters = new List<string> { $"{RightsColumns.Count} gt 0" };
        if (!string.IsNullOrEmpty(landlordId))
        {
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {landlordId}"));
        }

        if (!string.IsNullOrEmpty(requestId))
        {
            filters.Add(TableClient.CreateQueryFilter($"RowKey eq {requestId}"));
        }

        var items = new List<RecordedRights>();
        await foreach (var row in _table.QueryAsync<TableEntity>(string.Join(" and ", filters), select: RightsColumns.All, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            items.Add(new RecordedRights(row.PartitionKey, row.RowKey, RightsColumns.Read(row)));
        }

        return items;
    }

    private static TableEntity ToEntity(FinancingRequestView view)
    {
        var entity = new TableEntity(view.LandlordId, view.RequestId)
        {
            ["Status"] = view.Status.ToString(),
            ["EnvelopeLine"] = new EnvelopeLineKey(view.Request.ConventionId ?? string.Empty, view.Request.EnvelopeLineId ?? string.Empty).Value,
            ["SubmittedAt"] = view.SubmittedAt,
            ["View"] = JsonSerializer.Serialize(view, PartenariatJson.Options),
        };
        // The reservation-right registry is these columns of the views: no second row to keep in step.
        if (view.ReservationRights is { } rights)
        {
            RightsColumns.Write(entity, rights);
        }

        return entity;
    }

    private static FinancingRequestView FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize<FinancingRequestView>(entity.GetString("View"), PartenariatJson.Options)
        ?? throw new InvalidOperationException($"The stored view of request '{entity.RowKey}' is empty.");

    /// <summary>The columns of a view row that hold its reservation rights (present once a decision planned some).</summary>
    private static class RightsColumns
    {
        public const string Count = "RightsCount";
        private const string Kind = "RightsKind";
        private const string DurationYears = "RightsDurationYears";
        private const string Status = "RightsStatus";
        private const string StartDate = "RightsStartDate";
        private const string EndDate = "RightsEndDate";

        public static readonly string[] All = ["PartitionKey", "RowKey", Count, Kind, DurationYears, Status, StartDate, EndDate];

        public static void Write(TableEntity entity, ReservationRightView rights)
        {
            entity[Count] = rights.Count;
            entity[Kind] = rights.Kind.ToString();
            entity[DurationYears] = rights.DurationYears;
            entity[Status] = rights.Status.ToString();
            entity[StartDate] = rights.StartDate?.ToString("O", CultureInfo.InvariantCulture);
            entity[EndDate] = rights.EndDate?.ToString("O", CultureInfo.InvariantCulture);
        }

        public static ReservationRightView Read(TableEntity row) => new(
            row.GetInt32(Count) ?? 0,
            Enum.Parse<ReservationRightKind>(row.GetString(Kind) ?? nameof(ReservationRightKind.SingleRight)),
            row.GetInt32(DurationYears) ?? 0,
            Enum.Parse<ReservationRightStatus>(row.GetString(Status) ?? nameof(ReservationRightStatus.Planned)),
            Date(row.GetString(StartDate)),
            Date(row.GetString(EndDate)));

        private static DateOnly? Date(string? text) =>
            string.IsNullOrEmpty(text) ? null : DateOnly.ParseExact(text, "O", CultureInfo.InvariantCulture);
    }
}

/// <summary>The reservation rights recorded on one request's view.</summary>
/// <param name="LandlordId">The landlord.</param>
/// <param name="RequestId">The request.</param>
/// <param name="Rights">The rights as last recorded (an assigned right is not marked Expired in storage: see <see cref="ReservationRightView.ToDomain"/>).</param>
public sealed record RecordedRights(string LandlordId, string RequestId, ReservationRightView Rights);
