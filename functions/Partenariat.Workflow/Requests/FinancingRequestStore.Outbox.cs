using Azure;
using Azure.Data.Tables;

namespace Partenariat.Workflow.Requests;

/// <summary>A notification to write as pending with the step that makes it.</summary>
/// <param name="StepNumber">The step that makes it (written only with that step).</param>
/// <param name="EventId">Its id within the request.</param>
/// <param name="Payload">What to send, as JSON (the notifications' own type).</param>
public sealed record OutboxItem(int StepNumber, string EventId, string Payload);

/// <summary>A notification written and not yet sent.</summary>
/// <param name="EventId">Its id within the request.</param>
/// <param name="Payload">What to send.</param>
/// <param name="ETag">Its row's ETag, for marking it sent once.</param>
public sealed record PendingNotification(string EventId, string Payload, ETag ETag);

// The request's notification outbox: rows n:{requestId}:{eventId} of its landlord's partition,
// written in the same transaction as the steps that make them, marked once sent.
public sealed partial class FinancingRequestStore
{
    private const string OutboxPrefix = "n:";
    private const string Pending = "Pending";

    /// <summary>The request's notifications written and not yet sent.</summary>
    public async Task<IReadOnlyList<PendingNotification>> GetPendingNotificationsAsync(RequestKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var from = $"{OutboxPrefix}{key.RequestId}:";
        var to = $"{OutboxPrefix}{key.RequestId};";
        var pending = new List<PendingNotification>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {key.LandlordId} and RowKey ge {from} and RowKey lt {to} and State eq {Pending}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            pending.Add(new PendingNotification(row.RowKey[from.Length..], row.GetString("Payload"), row.ETag));
        }

        return pending;
    }

    /// <summary>Marks a notification sent (to <paramref name="recipients"/>, or to nobody when none is configured), if nobody marked it meanwhile.</summary>
    public async Task MarkNotificationAsync(RequestKey key, PendingNotification notification, string? recipients, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(notification);
        var row = new TableEntity(key.LandlordId, $"{OutboxPrefix}{key.RequestId}:{notification.EventId}")
        {
            ["State"] = recipients is null ? "NotSent" : "Sent",
            ["Recipients"] = recipients,
        };
        try
        {
            await _table.UpdateEntityAsync(row, notification.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            // Another run sent and marked it meanwhile.
        }
    }

    private static TableEntity OutboxRow(string landlordId, string requestId, OutboxItem item) => new(landlordId, $"{OutboxPrefix}{requestId}:{item.EventId}")
    {
        ["State"] = Pending,
        ["Payload"] = item.Payload,
        ["Step"] = item.StepNumber,
    };
}
