using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Notifications;

/// <summary>What a person is told about.</summary>
public enum NotificationKind
{
    /// <summary>Reviewers: a request awaits the committee's decision (first round or after an answer).</summary>
    ReviewNeeded,

    /// <summary>Landlord: the committee asks for information.</summary>
    InformationRequested,

    /// <summary>Landlord: the committee approved (in full or reduced).</summary>
    Approved,

    /// <summary>Landlord: the committee rejected.</summary>
    Rejected,

    /// <summary>Landlord: a tranche was paid.</summary>
    TranchePaid,

    /// <summary>Landlord: the period closes soon and the request is not committed yet: it will expire (no redeployment).</summary>
    LapseAhead,
}

/// <summary>
/// One event to tell people about (<see cref="StepNotifier"/>). <paramref name="EventId"/> names the
/// event within its request (e.g. <c>Approved-7</c>, the step that recorded it): the same event
/// mails once, however often the activity that recorded it runs.
/// </summary>
/// <param name="Key">The request.</param>
/// <param name="Kind">What happened.</param>
/// <param name="EventId">The event's id within the request.</param>
/// <param name="Details">What the mail says of it (the question, the reason, the tranche).</param>
public sealed record Notification(RequestKey Key, NotificationKind Kind, string EventId, string? Details);
