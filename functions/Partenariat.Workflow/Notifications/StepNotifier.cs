using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Notifications;

/// <summary>
/// Records a request's steps and tells the people they concern, from the activity that records
/// them (no durable round trip of its own). When mail is on, the notifications the steps make are
/// written as pending in the same transaction as the steps (an outbox: rows of the request's own
/// partition), then sent and marked sent; a run that finds the steps already recorded (a retry
/// after a crash) sends what is still pending. So each event mails once: only a crash between the
/// SMTP server's acceptance and the mark sends it again, with the same Message-ID. When mail is
/// off, nothing is written beyond the steps.
/// </summary>
public sealed partial class StepNotifier(FinancingRequestStore requests, Mailer mailer, IOptions<MailOptions> options, ILogger<StepNotifier> logger)
{
    /// <summary>Records <paramref name="steps"/> (see <see cref="FinancingRequestStore.RecordStepsAsync"/>), then mails what they make.</summary>
    public async Task RecordAsync(RequestKey key, IReadOnlyList<RequestStep> steps, StoredView? read = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(steps);
        if (!mailer.IsEnabled)
        {
            await requests.RecordStepsAsync(key, steps, read, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        var outbox = steps
            .Select(s => (Step: s, Notification: NotificationPolicy.For(key, s)))
            .Where(n => n.Notification is not null)
            .Select(n => new OutboxItem(n.Step.Number, n.Notification!.EventId, JsonSerializer.Serialize(n.Notification, PartenariatJson.Options)))
            .ToList();
        var recorded = await requests.RecordStepsAsync(key, steps, read, outbox, cancellationToken).ConfigureAwait(false);
        if (outbox.Count == 0)
        {
            return;
        }

        foreach (var pending in await requests.GetPendingNotificationsAsync(key, cancellationToken).ConfigureAwait(false))
        {
            await SendAsync(key, recorded!, pending, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(RequestKey key, FinancingRequestView view, PendingNotification pending, CancellationToken cancellationToken)
    {
        var notification = JsonSerializer.Deserialize<Notification>(pending.Payload, PartenariatJson.Options)
            ?? throw new InvalidOperationException($"Empty notification '{pending.EventId}' of request '{key.RequestId}'.");
        var draft = MailTemplates.Compose(notification, view, options.Value);
        if (draft is null)
        {
            LogNotSent(logger, notification.Kind, key.RequestId);
            await requests.MarkNotificationAsync(key, pending, recipients: null, cancellationToken).ConfigureAwait(false);
            return;
        }

        await mailer.SendAsync(draft, $"{key.RequestId}.{pending.EventId}@partenariat", cancellationToken).ConfigureAwait(false);
        await requests.MarkNotificationAsync(key, pending, string.Join(", ", draft.To), cancellationToken).ConfigureAwait(false);
        LogSent(logger, notification.Kind, key.RequestId, draft.To.Count);
    }

    [LoggerMessage(EventId = 270, Level = LogLevel.Information, Message = "Mailed {Kind} of request {RequestId} to {Count} recipient(s).")]
    private static partial void LogSent(ILogger logger, NotificationKind kind, string requestId, int count);

    [LoggerMessage(EventId = 271, Level = LogLevel.Information, Message = "No mail for {Kind} of request {RequestId}: no address is configured for it.")]
    private static partial void LogNotSent(ILogger logger, NotificationKind kind, string requestId);
}
