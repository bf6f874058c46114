using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Partenariat.Domain.Common;
using Partenariat.Domain.ReservationRights;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Http;

namespace Partenariat.Workflow.Requests;

// The rows: a view row (the view as JSON without its timeline, the columns queries filter on, the
// reservation-right registry's columns, where its timeline's chain stands) and timeline rows
// (t:{requestId}:{n}, each entry with its hash and the hash before it).
public sealed partial class FinancingRequestStore
{
    private const string TimelinePrefix = "t:";

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

    /// <summary>The rows a change writes: the view row (added, or replaced if unchanged) and the new timeline entries, chained.</summary>
    private static List<TableTransactionAction> Changes(StoredView current, FinancingRequestView next, bool isNew, StepTrail? trail = null)
    {
        var length = current.TimelineLength;
        var head = current.TimelineHead;
        var actions = new List<TableTransactionAction>();
        foreach (var entry in next.Timeline)
        {
            length++;
            var content = JsonSerializer.Serialize(entry, PartenariatJson.Options);
            var hash = AuditChain.Hash(TimelineChain(next.LandlordId, next.RequestId), length, head, content);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(next.LandlordId, TimelineRowKey(next.RequestId, length))
            {
                ["Sequence"] = length,
                ["Entry"] = content,
                ["PreviousHash"] = head,
                ["Hash"] = hash,
            }));
            head = hash;
        }

        var viewRow = ToEntity(next with { Timeline = [] }, length, head, trail ?? current.Trail);
        actions.Insert(0, isNew
            ? new TableTransactionAction(TableTransactionActionType.Add, viewRow)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, viewRow, current.ETag));
        return actions;
    }

    /// <summary>The name of a request's timeline chain (see <see cref="AuditChain"/>).</summary>
    public static string TimelineChain(string landlordId, string requestId) => $"{landlordId}/{requestId}";

    private static string TimelineRowKey(string requestId, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{TimelinePrefix}{requestId}:{sequence:D6}");

    private async Task<IReadOnlyList<StoredTimelineEntry>> ReadTimelineAsync(string landlordId, string requestId, CancellationToken cancellationToken)
    {
        var from = $"{TimelinePrefix}{requestId}:";
        var to = $"{TimelinePrefix}{requestId};";
        var entries = new List<StoredTimelineEntry>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {landlordId} and RowKey ge {from} and RowKey lt {to}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var content = row.GetString("Entry");
            var entry = JsonSerializer.Deserialize<TimelineEntry>(content, PartenariatJson.Options)
                ?? throw new InvalidOperationException($"Empty timeline entry '{row.RowKey}'.");
            entries.Add(new StoredTimelineEntry(entry, new ChainedEntry(row.GetInt64("Sequence") ?? 0, row.GetString("PreviousHash") ?? string.Empty, content, row.GetString("Hash") ?? string.Empty)));
        }

        return entries;
    }

    /// <summary>The view row's column that holds its <see cref="StepTrail"/>.</summary>
    private const string StepTrailColumn = "StepTrail";

    private static TableEntity ToEntity(FinancingRequestView view, long timelineLength, string timelineHead, StepTrail? trail)
    {
        var entity = new TableEntity(view.LandlordId, view.RequestId)
        {
            ["Status"] = view.Status.ToString(),
            ["EnvelopeLine"] = new EnvelopeLineKey(view.Request.ConventionId ?? string.Empty, view.Request.EnvelopeLineId ?? string.Empty).Value,
            ["SubmittedAt"] = view.SubmittedAt,
            ["View"] = JsonSerializer.Serialize(view, PartenariatJson.Options),
            ["TimelineLength"] = timelineLength,
            ["TimelineHead"] = timelineHead,
        };
        if (trail is not null)
        {
            entity[StepTrailColumn] = trail.Format();
        }

        // The reservation-right registry is these columns of the views: no second row to keep in step.
        if (view.ReservationRights is { } rights)
        {
            RightsColumns.Write(entity, rights);
        }

        return entity;
    }

    private static StoredView ReadView(TableEntity entity)
    {
        var view = JsonSerializer.Deserialize<FinancingRequestView>(entity.GetString("View"), PartenariatJson.Options)
            ?? throw new InvalidOperationException($"The stored view of request '{entity.RowKey}' is empty.");
        return new StoredView(view with { Timeline = [] }, entity.ETag, entity.GetInt64("TimelineLength") ?? 0, entity.GetString("TimelineHead") ?? AuditChain.Genesis,
            entity.GetString(StepTrailColumn) is { } trail ? StepTrail.Parse(view.Step, trail) : null);
    }

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

/// <summary>A timeline entry as stored, with its place in the request's chain.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="Chained">Its sequence, content and hashes, for <see cref="AuditChain.Verify"/>.</param>
public sealed record StoredTimelineEntry(TimelineEntry Entry, ChainedEntry Chained);

/// <summary>The reservation rights recorded on one request's view.</summary>
/// <param name="LandlordId">The landlord.</param>
/// <param name="RequestId">The request.</param>
/// <param name="Rights">The rights as last recorded (an assigned right is not marked Expired in storage: see <see cref="ReservationRightView.ToDomain"/>).</param>
public sealed record RecordedRights(string LandlordId, string RequestId, ReservationRightView Rights);
