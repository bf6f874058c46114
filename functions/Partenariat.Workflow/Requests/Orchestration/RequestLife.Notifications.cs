using Microsoft.DurableTask;
using Partenariat.Workflow.Notifications;

namespace Partenariat.Workflow.Requests.Orchestration;

// People told: each event that needs the landlord (information requested, decision, tranche paid)
// or the reviewers (a request to decide) calls NotifyPeople once, right after the step that records
// it. The step's number names the event, so the activity mails it once however often it runs.
internal sealed partial class RequestLife
{
    /// <summary>Mails the people the step just recorded concerns; a mail that cannot leave never stops the request's life.</summary>
    private async Task NotifyAsync(NotificationKind kind, string? details = null)
    {
        try
        {
            await context.CallActivityAsync<bool>(nameof(NotifyPeople), new Notification(Key, kind, $"{kind}-{_step}", details), Retries).ConfigureAwait(true);
        }
        catch (TaskFailedException)
        {
            // Retried five times already: the mail is given up (its record stays claimed, the activity logged why).
        }
    }
}
