using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Partenariat.Domain.Common;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Documents;

// A milestone's evidence uploaded with the milestone it proves: the query that says which, checked
// before anything is stored, and the milestone raised once the document is listed.
public sealed partial class DocumentApi
{
    /// <summary>
    /// Stores a milestone's evidence (<see cref="AddAsync"/>) and reports the milestone with it: the
    /// landlord's one call for works started or completion, instead of an upload and then the
    /// milestone's report (which reads the request's view again). The request's status must take the
    /// milestone now, or nothing is stored; once the document is stored and listed, the milestone's
    /// event is raised on the request's orchestration, whose payment checks the evidence as for any
    /// milestone. The caller checks the milestone's date (<see cref="FinancingRequestApi.MilestoneErrors"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The document is not of the kind that proves <paramref name="milestone"/>.</exception>
    public async Task<UploadOutcome> AddEvidenceAsync(
        string landlordId,
        StoredView read,
        DocumentDescription description,
        Stream content,
        MilestoneKind milestone,
        DateOnly date,
        DurableTaskClient client,
        long? declaredLength = null,
        Action<long>? bodyLimit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(client);
        if (description.Kind != MilestoneEvidence.KindFor(milestone))
        {
            throw new ArgumentException($"A {milestone} milestone is proven by a {MilestoneEvidence.KindFor(milestone)}, not a {description.Kind}.", nameof(description));
        }

        var trigger = FinancingRequestApi.TriggerOf(milestone);
        if (RequestLifecycle.Transition(read.View.Status, trigger) is { IsAllowed: false } refused)
        {
            return new UploadOutcome.MilestoneNotNow(refused.Reason ?? $"A request {read.View.Status} takes no {milestone} milestone.");
        }

        var outcome = await AddAsync(landlordId, read, description, content, declaredLength, bodyLimit, cancellationToken).ConfigureAwait(false);
        if (outcome is UploadOutcome.Stored { Document: var stored })
        {
            // The document is stored: its milestone follows it even if the caller has gone. The
            // status was checked on this same view, so the event is raised.
            var report = new MilestoneReport(milestone, date, stored.DocumentId);
            await FinancingRequestService.RaiseIfAllowedAsync(read.View, trigger, new RequestEvent(RequestEventKind.Milestone, landlordId, Milestone: report), client, CancellationToken.None).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>
    /// The milestone an upload reports with <c>?milestone=&amp;milestoneDate=</c>, both given and
    /// checked, with the document's <paramref name="declared"/> kind; null when the upload reports
    /// none or what it says is at fault (then in <paramref name="errors"/>).
    /// </summary>
    private (MilestoneKind Kind, DateOnly Date)? MilestoneOf(HttpRequest http, FinancingRequestView view, DocumentKind? declared, List<ValidationError> errors)
    {
        var kindText = http.Query["milestone"].ToString();
        var dateText = http.Query["milestoneDate"].ToString();
        if (string.IsNullOrWhiteSpace(kindText) && string.IsNullOrWhiteSpace(dateText))
        {
            return null;
        }

        var found = new List<ValidationError>();
        MilestoneKind? kind = null;
        if (Enum.TryParse<MilestoneKind>(kindText, ignoreCase: true, out var parsedKind) && Enum.IsDefined(parsedKind) && !int.TryParse(kindText, out _))
        {
            kind = parsedKind;
        }
        else if (!string.IsNullOrWhiteSpace(kindText))
        {
            found.Add(new ValidationError("milestone", ErrorCodes.InvalidValue, $"'{kindText}' is not a milestone: use one of {string.Join(", ", Enum.GetNames<MilestoneKind>())}."));
        }

        DateOnly? date = null;
        if (DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsedDate))
        {
            date = parsedDate;
        }
        else if (!string.IsNullOrWhiteSpace(dateText))
        {
            found.Add(new ValidationError("milestoneDate", ErrorCodes.InvalidValue, $"'{dateText}' is not a date: give the milestone's date as yyyy-mm-dd."));
        }

        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        found.AddRange(FinancingRequestApi.MilestoneErrors(view, kind, date, today, "milestone", "milestoneDate").Where(e => found.TrueForAll(f => f.Field != e.Field)));
        if (kind is { } milestone && declared is { } documentKind && documentKind != MilestoneEvidence.KindFor(milestone))
        {
            var needed = MilestoneEvidence.KindFor(milestone);
            found.Add(new ValidationError("kind", ErrorCodes.InvalidValue, $"A {milestone} milestone is proven by a {needed}, not a {documentKind}: upload it with ?kind={needed}."));
        }

        errors.AddRange(found);
        return found.Count == 0 ? (kind!.Value, date!.Value) : null;
    }
}
