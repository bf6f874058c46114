using Azure;
using Azure.Data.Tables;

namespace Partenariat.Workflow.Notifications;

/// <summary>Where a notification stands: claimed (being sent), sent, or not sent (nobody to tell, or mail off).</summary>
public enum NotificationState
{
    /// <summary>Claimed by an activity run that sends it.</summary>
    Sending,

    /// <summary>The SMTP server accepted it.</summary>
    Sent,

    /// <summary>Nothing to send: mail is off or no address is configured.</summary>
    NotSent,
}

/// <summary>
/// The notifications' idempotency records (table <c>Notifications</c>, one row per request and
/// event): an event is claimed before its mail is sent and marked sent after, each write guarded
/// by the row's ETag, so a retried or re-run activity finds it sent and sends nothing.
/// </summary>
public sealed class NotificationStore(TableServiceClient tables)
{
    /// <summary>The table.</summary>
    public const string TableName = Storage.StorageNames.NotificationsTable;

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private volatile bool _created;

    /// <summary>The event's record, or null when no run has claimed it yet.</summary>
    public async Task<(NotificationState State, ETag ETag)?> GetAsync(string requestId, string eventId, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(requestId, eventId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? (Enum.Parse<NotificationState>(row.Value!.GetString("State")), row.Value.ETag) : null;
    }

    /// <summary>Claims the event; false when another run claimed it first.</summary>
    public async Task<ETag?> TryClaimAsync(string requestId, string eventId, string messageId, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await _table.AddEntityAsync(new TableEntity(requestId, eventId) { ["State"] = nameof(NotificationState.Sending), ["MessageId"] = messageId }, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Records the outcome of a claimed event (guarded by the claim's ETag).</summary>
    public async Task MarkAsync(string requestId, string eventId, NotificationState state, ETag ifMatch, string? recipients, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(requestId, eventId) { ["State"] = state.ToString(), ["Recipients"] = recipients };
        await _table.UpdateEntityAsync(entity, ifMatch, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _created = true;
        }
    }
}
