using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Partenariat.Domain.Common;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Documents;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Committee;

/// <summary>A poison message put back on the decisions queue, or removed.</summary>
/// <param name="MessageId">The poison message's id.</param>
/// <param name="Message">The decision message as it was (what a replay enqueued again).</param>
public sealed record PoisonDecisionHandled(string MessageId, string Message);

/// <summary>
/// The reviewers' and operators' desk, shared by both hosts (the pages use it): a reviewer's
/// decision posted over HTTP, checked as the queue's handler checks it and put on the same
/// <c>committee-decisions</c> queue as the same JSON, so the queue-driven step applies it; the
/// documents of any request, for reviewers; and the operators' replay or removal of a poison
/// decision.
/// </summary>
public sealed class CommitteeDeskApi(CallerAuthentication authentication, FinancingRequestStore requests, DocumentStore documents, QueueServiceClient queues, TimeProvider timeProvider, IOptions<InputOptions> options)
{
    /// <summary>POST: a reviewer's decision.</summary>
    public const string DecisionsRoute = "committee/decisions";

    /// <summary>GET: a request's documents, for reviewers.</summary>
    public const string DocumentsRoute = "committee/requests/{requestId}/documents";

    /// <summary>GET: one of them.</summary>
    public const string DocumentRoute = DocumentsRoute + "/{documentId}";

    /// <summary>DELETE: removes a poison decision.</summary>
    public const string PoisonMessageRoute = CommitteeApi.PoisonRoute + "/{messageId}";

    /// <summary>POST: puts a poison decision back on the decisions queue.</summary>
    public const string ReplayRoute = PoisonMessageRoute + "/replay";

    // How long a poison message looked for stays hidden from other readers; the others are released at once.
    private static readonly TimeSpan SearchVisibility = TimeSpan.FromSeconds(30);

    /// <summary>
    /// POST /api/committee/decisions: checks the decision (fields, request awaiting the committee,
    /// amount, reason or question) and enqueues it on <c>committee-decisions</c> (202 with the
    /// message sent); 400 with every field to fix, 404 unknown request, 409 not awaiting a decision.
    /// </summary>
    public async Task<IResult> DecideAsync(HttpRequest http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (await AuthorizeAsync(http, "reviewer", [CallerRole.Reviewer, CallerRole.Operator], cancellationToken).ConfigureAwait(false) is { } failure)
        {
            return failure;
        }

        // Read as the queue's handler reads a message: under the actions' cap, every field at fault named.
        var input = await JsonInputReader.ReadAsync<CommitteeDecisionMessage>(http, options.Value.MaxActionBodyBytes, cancellationToken).ConfigureAwait(false);
        if (input is not JsonInput<CommitteeDecisionMessage>.Read { Value: var decision })
        {
            return input.Problem!;
        }

        var errors = Missing(decision);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, "The decision is not valid");
        }

        var view = await requests.FindAsync(decision.RequestId!, cancellationToken).ConfigureAwait(false);
        if (view is null)
        {
            return Results.Problem(
                type: "urn:partenariat:problems:request-not-found", title: "No such financing request", statusCode: StatusCodes.Status404NotFound,
                detail: $"No financing request '{decision.RequestId}' exists. Check the id in GET /api/committee/pending.");
        }

        if (view.Status != RequestState.PendingCommittee)
        {
            return Problems.NotNow($"Request '{decision.RequestId}' is {view.Status}, not awaiting the committee's decision.");
        }

        // A decision posted from the desk names itself and answers the round the reviewer saw (or, when the page did not say, the current one).
        decision = decision with
        {
            DecisionId = string.IsNullOrWhiteSpace(decision.DecisionId) ? "decision-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) : decision.DecisionId,
            Round = decision.Round ?? view.Round,
        };
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        if (CommitteeDecisions.Refusal(decision, view.Request, view.Round, today) is { } refusal)
        {
            var field = decision.Round != view.Round ? "round" : decision.Outcome == CommitteeOutcome.Approved ? "approvedAmount" : "outcome";
            return Problems.Invalid([new ValidationError(field, ErrorCodes.InvalidValue, refusal)], "The decision is not valid");
        }

        var message = JsonSerializer.Serialize(decision, PartenariatJson.Options);
        await queues.GetQueueClient(StorageNames.CommitteeDecisionsQueue).SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
        return ApiResults.Accepted($"/{RoutePrefix(http)}{FinancingRequestApi.Route}/{view.RequestId}", decision);
    }

    /// <summary>GET /api/committee/requests/{requestId}/documents: a request's documents (reviewers, operators).</summary>
    public async Task<IResult> ListDocumentsAsync(HttpRequest http, string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (landlordId, failure) = await ReviewedRequestAsync(http, requestId, cancellationToken).ConfigureAwait(false);
        return landlordId is null ? failure! : ApiResults.Ok(await documents.ListAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>GET /api/committee/requests/{requestId}/documents/{documentId}: one document's bytes (reviewers, operators).</summary>
    public async Task<IResult> DownloadDocumentAsync(HttpRequest http, string requestId, string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (landlordId, failure) = await ReviewedRequestAsync(http, requestId, cancellationToken).ConfigureAwait(false);
        if (landlordId is null)
        {
            return failure!;
        }

        if (await documents.OpenReadAsync(landlordId, requestId, documentId, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return DocumentProblems.NotFound(requestId, documentId);
        }

        var (document, content) = found;
        var response = http.HttpContext.Response;
        response.Headers[DocumentApi.DigestHeader] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(document.Sha256))}:";
        response.Headers[HeaderNames.ContentDisposition] = DocumentStore.ContentDisposition(document.FileName);
        response.ContentLength = document.Size;
        return Results.Stream(content, document.ContentType);
    }

    /// <summary>
    /// POST /api/committee/poison-decisions/{messageId}/replay: puts the decision as received back
    /// on <c>committee-decisions</c> and removes it from the poison queue (operators); 404 when no
    /// such message is on it.
    /// </summary>
    public Task<IResult> ReplayPoisonAsync(HttpRequest http, string messageId, CancellationToken cancellationToken = default) =>
        TakePoisonAsync(http, messageId, replay: true, cancellationToken);

    /// <summary>DELETE /api/committee/poison-decisions/{messageId}: removes the message from the poison queue (operators).</summary>
    public Task<IResult> DeletePoisonAsync(HttpRequest http, string messageId, CancellationToken cancellationToken = default) =>
        TakePoisonAsync(http, messageId, replay: false, cancellationToken);

    private async Task<IResult> TakePoisonAsync(HttpRequest http, string messageId, bool replay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (await AuthorizeAsync(http, "operator", [CallerRole.Operator], cancellationToken).ConfigureAwait(false) is { } failure)
        {
            return failure;
        }

        // A queue message can only be deleted with the receipt of a receive: take the first
        // messages, keep the one asked for, and release the others at once.
        var poison = queues.GetQueueClient(StorageNames.CommitteeDecisionsPoisonQueue);
        var received = (await poison.ReceiveMessagesAsync(CommitteeApi.MaxPeek, SearchVisibility, cancellationToken).ConfigureAwait(false)).Value;
        PoisonDecisionHandled? handled = null;
        foreach (var message in received)
        {
            if (message.MessageId != messageId || handled is not null)
            {
                await ReleaseAsync(poison, message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var view = CommitteeApi.ReadPoison(message.MessageId, message.InsertedOn, message.Body.ToString());
            if (replay)
            {
                await queues.GetQueueClient(StorageNames.CommitteeDecisionsQueue).SendMessageAsync(view.Message, cancellationToken).ConfigureAwait(false);
            }

            await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            handled = new PoisonDecisionHandled(message.MessageId, view.Message);
        }

        return handled is not null
            ? ApiResults.Ok(handled)
            : Results.Problem(
                type: "urn:partenariat:problems:poison-message-not-found", title: "No such poison decision", statusCode: StatusCodes.Status404NotFound,
                detail: $"No message '{messageId}' is among the first {CommitteeApi.MaxPeek} of {StorageNames.CommitteeDecisionsPoisonQueue}. List them with GET /api/{CommitteeApi.PoisonRoute}.");
    }

    private static async Task ReleaseAsync(QueueClient queue, string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        try
        {
            await queue.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == StatusCodes.Status404NotFound)
        {
            // Removed meanwhile by another operator: nothing to release.
        }
    }

    private static List<ValidationError> Missing(CommitteeDecisionMessage decision)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(decision.RequestId))
        {
            errors.Add(new ValidationError("requestId", ErrorCodes.Required, "Give the request decided on in 'requestId'."));
        }

        if (decision.Outcome is null)
        {
            errors.Add(new ValidationError("outcome", ErrorCodes.Required, "Give the outcome: Approved, Rejected or InformationRequested."));
        }

        if (string.IsNullOrWhiteSpace(decision.Reviewer))
        {
            errors.Add(new ValidationError("reviewer", ErrorCodes.Required, "Say who decides in 'reviewer'."));
        }

        if (decision.Outcome == CommitteeOutcome.Rejected && string.IsNullOrWhiteSpace(decision.Reason))
        {
            errors.Add(new ValidationError("reason", ErrorCodes.Required, "A rejection needs its reason in 'reason'."));
        }

        if (decision.Outcome == CommitteeOutcome.InformationRequested && string.IsNullOrWhiteSpace(decision.Question))
        {
            errors.Add(new ValidationError("question", ErrorCodes.Required, "An information request needs its question in 'question'."));
        }

        return errors;
    }

    private async Task<(string? LandlordId, IResult? Failure)> ReviewedRequestAsync(HttpRequest http, string requestId, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(http, "reviewer", [CallerRole.Reviewer, CallerRole.Operator], cancellationToken).ConfigureAwait(false) is { } failure)
        {
            return (null, failure);
        }

        var view = await requests.FindAsync(requestId, cancellationToken).ConfigureAwait(false);
        return view is null
            ? (null, Results.Problem(
                type: "urn:partenariat:problems:request-not-found", title: "No such financing request", statusCode: StatusCodes.Status404NotFound,
                detail: $"No financing request '{requestId}' exists. Check the id."))
            : (view.LandlordId, null);
    }

    private async ValueTask<IResult?> AuthorizeAsync(HttpRequest http, string role, CallerRole[] allowed, CancellationToken cancellationToken)
    {
        var caller = await authentication.AuthenticateAsync(http, cancellationToken).ConfigureAwait(false);
        return caller is null ? Problems.Unauthenticated() : !allowed.Contains(caller.Role) ? Problems.Forbidden(role) : null;
    }

    private static string RoutePrefix(HttpRequest http)
    {
        var path = http.Path.Value ?? string.Empty;
        var index = path.IndexOf("/committee/", StringComparison.Ordinal);
        return index <= 0 ? string.Empty : path[1..index] + "/";
    }
}
