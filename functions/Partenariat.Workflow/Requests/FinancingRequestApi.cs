using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Partenariat.Domain.Common;
using Partenariat.Domain.Disbursements;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Documents;
using Partenariat.Workflow.Http;

namespace Partenariat.Workflow.Requests;

/// <summary>The body of an information answer.</summary>
/// <param name="Answer">The landlord's answer to the committee's question.</param>
public sealed record InformationAnswer(string? Answer);

/// <summary>The body of a withdrawal or a cancellation.</summary>
/// <param name="Reason">Why.</param>
public sealed record ReasonBody(string? Reason);

/// <summary>The body of a milestone report.</summary>
/// <param name="Kind">WorksStarted or Completion.</param>
/// <param name="Date">When it happened.</param>
/// <param name="EvidenceDocumentId">The uploaded supporting document proving it.</param>
public sealed record MilestoneBody(MilestoneKind? Kind, DateOnly? Date, string? EvidenceDocumentId);

/// <summary>A page of requests.</summary>
/// <param name="Items">The requests.</param>
/// <param name="ContinuationToken">Pass it back to get the next page; null on the last.</param>
public sealed record RequestPage(IReadOnlyList<FinancingRequestView> Items, string? ContinuationToken);

/// <summary>
/// The financing-request HTTP API, shared by both hosts: each handler authenticates, reads its
/// input, calls the workflow and shapes the answer (ProblemDetails for every error). The
/// self-contained host maps these methods; the Functions app's HTTP functions call them.
/// </summary>
public sealed class FinancingRequestApi(
    CallerAuthentication authentication,
    FinancingRequestService service,
    FinancingRequestStore requests,
    MilestoneEvidence evidence,
    IOptions<InputOptions> options,
    TimeProvider timeProvider)
{
    /// <summary>The route of the requests, under host.json's prefix.</summary>
    public const string Route = "requests";

    /// <summary>The header that makes a submission retry-safe.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public const int MaxPageSize = 100;

    /// <summary>POST /api/requests: submits a financing request (202 with the view and its Location).</summary>
    public async Task<IResult> SubmitAsync(HttpRequest http, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (landlord, failure) = await LandlordAsync(http, cancellationToken).ConfigureAwait(false);
        if (landlord is null)
        {
            return failure!;
        }

        var maxBytes = options.Value.MaxRequestBodyBytes;
        if (await JsonInputReader.ReadBodyAsync(http, maxBytes, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return Problems.BodyTooLarge(maxBytes);
        }

        var outcome = await service.SubmitAsync(landlord.Id, body, http.Headers[IdempotencyKeyHeader].ToString(), client, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            SubmissionOutcome.Accepted accepted => ApiResults.Accepted(LocationOf(http, accepted.View.RequestId), accepted.View),
            SubmissionOutcome.Malformed malformed => Problems.Malformed(malformed.Detail),
            SubmissionOutcome.Invalid invalid => Problems.Invalid(invalid.Errors),
            SubmissionOutcome.KeyReused reused => Problems.IdempotencyKeyReused(reused.RequestId),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
        };
    }

    /// <summary>GET /api/requests: the landlord's requests, optionally in one status, a page at a time.</summary>
    public async Task<IResult> ListAsync(HttpRequest http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (landlord, failure) = await LandlordAsync(http, cancellationToken).ConfigureAwait(false);
        if (landlord is null)
        {
            return failure!;
        }

        var errors = new List<ValidationError>();
        RequestState? status = null;
        if (http.Query["status"].ToString() is { Length: > 0 } statusText)
        {
            if (Enum.TryParse<RequestState>(statusText, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                status = parsed;
            }
            else
            {
                errors.Add(new ValidationError("status", ErrorCodes.InvalidValue, $"'{statusText}' is not a status: use one of {string.Join(", ", Enum.GetNames<RequestState>())}."));
            }
        }

        var pageSize = 20;
        if (http.Query["pageSize"].ToString() is { Length: > 0 } sizeText && (!int.TryParse(sizeText, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            errors.Add(new ValidationError("pageSize", ErrorCodes.OutOfRange, $"pageSize must be a whole number from 1 to {MaxPageSize}."));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, "The query is not valid");
        }

        var token = http.Query["continuationToken"].ToString();
        var (items, next) = await requests.ListAsync(landlord.Id, status, pageSize, string.IsNullOrEmpty(token) ? null : token, cancellationToken).ConfigureAwait(false);
        return ApiResults.Ok(new RequestPage(items, next));
    }

    /// <summary>GET /api/requests/{requestId}: one request with its timeline, decision, tranches and rights.</summary>
    public async Task<IResult> GetAsync(HttpRequest http, string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (landlord, failure) = await LandlordAsync(http, cancellationToken).ConfigureAwait(false);
        if (landlord is null)
        {
            return failure!;
        }

        var view = RequestIds.IsWellFormed(requestId) ? await requests.GetWithTimelineAsync(landlord.Id, requestId, cancellationToken).ConfigureAwait(false) : null;
        return view is null ? Problems.RequestNotFound(requestId) : ApiResults.Ok(view);
    }

    /// <summary>POST /api/requests/{requestId}/information-answer: answers the committee's question.</summary>
    public Task<IResult> AnswerAsync(HttpRequest http, string requestId, DurableTaskClient client, CancellationToken cancellationToken = default) =>
        ActAsync<InformationAnswer>(http, requestId, (landlordId, view, body, ct) => RaiseAsync(view, RequestTrigger.AnswerInformation,
            string.IsNullOrWhiteSpace(body.Answer)
                ? (null, [new ValidationError("answer", ErrorCodes.Required, "Give your answer to the committee's question in 'answer'.")])
                : TextRules.Check("answer", body.Answer, InputLimits.MaxTextLength, multiline: true) is { Count: > 0 } refused
                    ? (null, refused)
                    : (new RequestEvent(RequestEventKind.InformationAnswer, landlordId, body.Answer), []), client, ct), cancellationToken);

    /// <summary>POST /api/requests/{requestId}/withdrawal: withdraws the request (before the decision).</summary>
    public Task<IResult> WithdrawAsync(HttpRequest http, string requestId, DurableTaskClient client, CancellationToken cancellationToken = default) =>
        ActAsync<ReasonBody>(http, requestId, (landlordId, view, body, ct) => RaiseAsync(view, RequestTrigger.Withdraw,
            TextRules.Check("reason", body.Reason, InputLimits.MaxTextLength, multiline: true) is { Count: > 0 } refused
                ? (null, refused)
                : (new RequestEvent(RequestEventKind.Withdrawal, landlordId, string.IsNullOrWhiteSpace(body.Reason) ? "Withdrawn by the landlord." : body.Reason), []), client, ct), cancellationToken);

    /// <summary>POST /api/requests/{requestId}/milestones: reports works started or completion, with its evidence, dated from the submission to today.</summary>
    public Task<IResult> ReportMilestoneAsync(HttpRequest http, string requestId, DurableTaskClient client, CancellationToken cancellationToken = default) =>
        ActAsync<MilestoneBody>(http, requestId, (landlordId, view, body, ct) => ReportMilestoneAsync(landlordId, view, body, client, ct), cancellationToken);

    /// <summary>
    /// A milestone report once its caller and the request's view are known (the HTTP handler and the
    /// benchmark call it): its fields checked, then its evidence, on the view's list of documents
    /// (<see cref="MilestoneEvidence"/>: a document of the request of the milestone's kind), then its
    /// event raised if the request's status allows it.
    /// </summary>
    /// <returns>Null when the event was raised; otherwise the problem to answer.</returns>
    public async Task<IResult?> ReportMilestoneAsync(string landlordId, FinancingRequestView view, MilestoneBody body, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(body);
        var errors = MilestoneErrors(view, body.Kind, body.Date, DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime));
        if (string.IsNullOrWhiteSpace(body.EvidenceDocumentId))
        {
            errors.Add(new ValidationError("evidenceDocumentId", ErrorCodes.Required, "Upload the evidence (works start order or completion declaration) and give its document id."));
        }
        else
        {
            errors.AddRange(TextRules.Check("evidenceDocumentId", body.EvidenceDocumentId, InputLimits.MaxNameLength));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, "The body is not valid");
        }

        var milestone = new MilestoneReport(body.Kind!.Value, body.Date!.Value, body.EvidenceDocumentId!);
        var needed = MilestoneEvidence.KindFor(milestone.Tranche);
        var upload = $"upload the evidence with POST /api/requests/{view.RequestId}/documents?kind={needed} and give the id it answers.";
        var kind = await evidence.KindOfAsync(landlordId, view.RequestId, view, milestone.EvidenceDocumentId, cancellationToken).ConfigureAwait(false);
        if (kind != needed)
        {
            return Problems.Invalid(
                [kind is null
                    ? new ValidationError("evidenceDocumentId", ErrorCodes.Unknown, $"Request '{view.RequestId}' has no document '{milestone.EvidenceDocumentId}': {upload}")
                    : new ValidationError("evidenceDocumentId", ErrorCodes.InvalidValue, $"Document '{milestone.EvidenceDocumentId}' is a {kind}, and {milestone.Kind} needs a {needed}: {upload}")],
                "The body is not valid");
        }

        return await RaiseAsync(view, TriggerOf(milestone.Kind), (new RequestEvent(RequestEventKind.Milestone, landlordId, Milestone: milestone), []), client, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The errors of a milestone's kind and date reported <paramref name="today"/> on the request
    /// <paramref name="view"/> (dated from its submission to today), under the names the caller's
    /// input gives them: the milestones' body, or an evidence upload's query.
    /// </summary>
    public static List<ValidationError> MilestoneErrors(FinancingRequestView view, MilestoneKind? kind, DateOnly? date, DateOnly today, string kindField = "kind", string dateField = "date")
    {
        ArgumentNullException.ThrowIfNull(view);
        var errors = new List<ValidationError>();
        if (kind is null)
        {
            errors.Add(new ValidationError(kindField, ErrorCodes.Required, "Give the milestone: 'WorksStarted' or 'Completion'."));
        }

        if (date is not { } day)
        {
            errors.Add(new ValidationError(dateField, ErrorCodes.Required, "Give the milestone's date (yyyy-mm-dd)."));
        }
        else
        {
            errors.AddRange(MilestoneDates.Validate(day, DateOnly.FromDateTime(view.SubmittedAt.UtcDateTime), today, dateField));
        }

        return errors;
    }

    /// <summary>The life-cycle trigger a milestone pulls: works started opens the disbursements, completion ends them.</summary>
    public static RequestTrigger TriggerOf(MilestoneKind kind) => kind == MilestoneKind.WorksStarted ? RequestTrigger.StartDisbursing : RequestTrigger.CompleteDisbursement;

    /// <summary>The caller, the request's view and the body, then <paramref name="act"/>; 202 when it answers no problem.</summary>
    private async Task<IResult> ActAsync<TBody>(
        HttpRequest http, string requestId, Func<string, FinancingRequestView, TBody, CancellationToken, Task<IResult?>> act, CancellationToken cancellationToken)
        where TBody : class
    {
        ArgumentNullException.ThrowIfNull(http);
        var (landlord, failure) = await LandlordAsync(http, cancellationToken).ConfigureAwait(false);
        if (landlord is null)
        {
            return failure!;
        }

        var view = RequestIds.IsWellFormed(requestId) ? await requests.GetAsync(landlord.Id, requestId, cancellationToken).ConfigureAwait(false) : null;
        if (view is null)
        {
            return Problems.RequestNotFound(requestId);
        }

        var input = await JsonInputReader.ReadAsync<TBody>(http, options.Value.MaxActionBodyBytes, cancellationToken).ConfigureAwait(false);
        if (input is not JsonInput<TBody>.Read { Value: var body })
        {
            return input.Problem!;
        }

        return await act(landlord.Id, view, body, cancellationToken).ConfigureAwait(false) ?? ApiResults.Accepted(LocationOf(http, requestId), view);
    }

    /// <summary>Raises the event <paramref name="read"/> made of the body, if it made one and the request's status allows <paramref name="trigger"/>; otherwise the problem to answer.</summary>
    private static async Task<IResult?> RaiseAsync(
        FinancingRequestView view, RequestTrigger trigger, (RequestEvent? Event, IReadOnlyList<ValidationError> Errors) read, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (read.Event is not { } requestEvent)
        {
            return Problems.Invalid(read.Errors, "The body is not valid");
        }

        var refusal = await FinancingRequestService.RaiseIfAllowedAsync(view, trigger, requestEvent, client, cancellationToken).ConfigureAwait(false);
        return refusal is null ? null : Problems.NotNow(refusal);
    }

    private async Task<(Caller? Landlord, IResult? Failure)> LandlordAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var caller = await authentication.AuthenticateAsync(http, cancellationToken).ConfigureAwait(false);
        var failure = caller is null ? Problems.Unauthenticated() : caller.Role != CallerRole.Landlord ? Problems.Forbidden("landlord") : null;
        return failure is null ? (caller, null) : (null, failure);
    }

    /// <summary>Where to follow request <paramref name="requestId"/>: <c>/{prefix}/requests/{requestId}</c>, by the route prefix the call came in by.</summary>
    public static string LocationOf(HttpRequest http, string requestId)
    {
        ArgumentNullException.ThrowIfNull(http);
        return $"/{RoutePrefix(http)}{Route}/{requestId}";
    }

    private static string RoutePrefix(HttpRequest http)
    {
        // The Location header follows the route the request came in by: /{prefix}/requests/...
        var path = http.Path.Value ?? string.Empty;
        var index = path.IndexOf("/" + Route, StringComparison.Ordinal);
        return index > 0 ? path[1..(index + 1)] : string.Empty;
    }
}
