using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Notifications;

/// <summary>
/// Tells people of an event of a request's life by mail, in French: the landlord (information
/// requested, decision, tranche paid) or the reviewers (a request to decide). Each event mails once:
/// its record (<see cref="NotificationStore"/>) is claimed before the mail leaves and marked sent
/// after, so a retried or replayed activity finds it and sends nothing. Only a crash between the
/// SMTP server's acceptance and the mark leaves a claim unmarked; the next run then sends again
/// with the same Message-ID.
/// </summary>
public sealed partial class NotifyPeople(
    FinancingRequestStore requests, NotificationStore records, Mailer mailer, IOptions<MailOptions> options, ILogger<NotifyPeople> logger)
    : TaskActivity<Notification, bool>
{
    /// <inheritdoc />
    public override Task<bool> RunAsync(TaskActivityContext context, Notification input) => NotifyAsync(input);

    /// <summary>Sends the event's mail unless it was sent already.</summary>
    /// <returns>True when a mail left now.</returns>
    public async Task<bool> NotifyAsync(Notification input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var key = input.Key;
        var messageId = $"{key.RequestId}.{input.EventId}@partenariat";
        var existing = await records.GetAsync(key.RequestId, input.EventId, cancellationToken).ConfigureAwait(false);
        if (existing is { State: not NotificationState.Sending })
        {
            return false;
        }

        var claim = existing?.ETag ?? await records.TryClaimAsync(key.RequestId, input.EventId, messageId, cancellationToken).ConfigureAwait(false);
        if (claim is not { } etag)
        {
            // Another run claimed it meanwhile and sends it.
            return false;
        }

        var view = await requests.GetAsync(key.LandlordId, key.RequestId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Financing request '{key.RequestId}' does not exist.");
        var draft = MailTemplates.Compose(input, view, options.Value);
        if (!mailer.IsEnabled || draft is null)
        {
            LogNotSent(logger, input.Kind, key.RequestId, mailer.IsEnabled ? "no address is configured for it" : "mail is off (Partenariat:Mail:Host)");
            await records.MarkAsync(key.RequestId, input.EventId, NotificationState.NotSent, etag, null, cancellationToken).ConfigureAwait(false);
            return false;
        }

        await mailer.SendAsync(draft, messageId, cancellationToken).ConfigureAwait(false);
        await records.MarkAsync(key.RequestId, input.EventId, NotificationState.Sent, etag, string.Join(", ", draft.To), cancellationToken).ConfigureAwait(false);
        LogSent(logger, input.Kind, key.RequestId, draft.To.Count);
        return true;
    }

    [LoggerMessage(EventId = 270, Level = LogLevel.Information, Message = "Mailed {Kind} of request {RequestId} to {Count} recipient(s).")]
    private static partial void LogSent(ILogger logger, NotificationKind kind, string requestId, int count);

    [LoggerMessage(EventId = 271, Level = LogLevel.Information, Message = "No mail for {Kind} of request {RequestId}: {Reason}.")]
    private static partial void LogNotSent(ILogger logger, NotificationKind kind, string requestId, string reason);
}
