using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Notifications;

/// <summary>
/// Which steps of a request's life tell people, and whom: the reviewers when a request goes before
/// the committee; the landlord when information is requested, the committee decides, a tranche is
/// paid, or the period's end is near while the request is not committed.
/// </summary>
public static class NotificationPolicy
{
    /// <summary>The notification a step makes, or null when it tells nobody.</summary>
    public static Notification? For(RequestKey key, RequestStep step)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(step);
        (NotificationKind Kind, string? Details)? told = step.Entry.Action switch
        {
            TimelineAction.SentToCommittee => (NotificationKind.ReviewNeeded, step.Round is > 1 ? "Le bailleur a répondu à la question du comité." : null),
            TimelineAction.InformationRequested => (NotificationKind.InformationRequested, step.Entry.Details),
            TimelineAction.Approved => (NotificationKind.Approved, null),
            TimelineAction.Rejected => (NotificationKind.Rejected, step.Entry.Details),
            TimelineAction.TranchePaid => (NotificationKind.TranchePaid, null),
            TimelineAction.LapseAhead => (NotificationKind.LapseAhead, null),
            _ => null,
        };
        return told is { } t ? new Notification(key, t.Kind, $"{t.Kind}-{step.Number}", t.Details) : null;
    }
}
