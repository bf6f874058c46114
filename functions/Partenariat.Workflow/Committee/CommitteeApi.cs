using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Partenariat.Domain.Committee;
using Partenariat.Domain.Common;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Committee;

/// <summary>A request awaiting the committee, in the committee's order.</summary>
/// <param name="Position">1 for the first in line.</param>
/// <param name="Priority">The territorial criterion that ranks it (NPNRU, QPV, SRU-deficit commune), or null.</param>
/// <param name="Request">The request.</param>
public sealed record PendingReview(int Position, PriorityCriterion? Priority, FinancingRequestView Request);

/// <summary>A message of the <c>committee-decisions-poison</c> queue, as operators see it.</summary>
/// <param name="MessageId">The queue message's id.</param>
/// <param name="InsertedOn">When it was put on the poison queue.</param>
/// <param name="Reason">Why it was set aside.</param>
/// <param name="Message">The decision message as received.</param>
/// <param name="SetAsideAt">When the handler set it aside; null when the trigger moved it there after its retries.</param>
public sealed record PoisonDecisionView(string MessageId, DateTimeOffset? InsertedOn, string Reason, string Message, DateTimeOffset? SetAsideAt);

/// <summary>
/// The committee's side of the API, shared by both hosts: the reviewers' list of requests awaiting
/// a decision, the operators' view of poison decisions, and the operators' cancellation of an
/// approved operation. Each handler authenticates, reads its input and shapes the answer
/// (ProblemDetails for every error).
/// </summary>
public sealed class CommitteeApi(CallerAuthentication authentication, FinancingRequestStore requests, ConventionDirectory conventions, QueueServiceClient queues, IOptions<InputOptions> options)
{
    /// <summary>GET: the requests awaiting the committee.</summary>
    public const string PendingRoute = "committee/pending";

    /// <summary>GET: the poison decisions.</summary>
    public const string PoisonRoute = "committee/poison-decisions";

    /// <summary>POST: an operator cancels an approved operation.</summary>
    public const string CancellationRoute = FinancingRequestApi.Route + "/{requestId}/cancellation";

    /// <summary>The reason given to a message the queue trigger moved to the poison queue after its retries.</summary>
    public const string RetriesExhaustedReason = "failed maxDequeueCount times";

    /// <summary>The most messages a queue peek returns (Azure Queue storage's limit).</summary>
    public const int MaxPeek = 32;

    /// <summary>GET /api/committee/pending: the requests in PendingCommittee, first in line first (reviewers and operators).</summary>
    public async Task<IResult> ListPendingAsync(HttpRequest http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (await AuthorizeAsync(http, "reviewer", [CallerRole.Reviewer, CallerRole.Operator], cancellationToken).ConfigureAwait(false) is { } failure)
        {
            return failure;
        }

        var pending = await requests.ListByStatusAsync(RequestState.PendingCommittee, cancellationToken: cancellationToken).ConfigureAwait(false);
        var byId = pending.ToDictionary(v => v.RequestId, StringComparer.Ordinal);
        var ranking = new CommitteeQueueRanking(conventions.Territory, RankingPolicy.Default);
        var ranked = ranking.Rank(pending.Select(v => v.Request with { RequestId = v.RequestId }))
            .Select(r => new PendingReview(r.Position, r.MatchedCriterion, byId[r.Request.RequestId!]))
            .ToList();
        return Results.Json(ranked, PartenariatJson.Options);
    }

    /// <summary>
    /// GET /api/committee/poison-decisions?top=: the first messages of the poison queue (at most 32,
    /// Azure Queue storage's peek limit), peeked, not removed (reviewers and operators).
    /// </summary>
    public async Task<IResult> ListPoisonDecisionsAsync(HttpRequest http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        // Reviewers see the decisions set aside too, and why: theirs may be among them.
        if (await AuthorizeAsync(http, "operator", [CallerRole.Reviewer, CallerRole.Operator], cancellationToken).ConfigureAwait(false) is { } failure)
        {
            return failure;
        }

        var top = MaxPeek;
        if (http.Query["top"].ToString() is { Length: > 0 } topText && (!int.TryParse(topText, out top) || top is < 1 or > MaxPeek))
        {
            return Problems.Invalid([new ValidationError("top", ErrorCodes.OutOfRange, $"top must be a whole number from 1 to {MaxPeek}.")], "The query is not valid");
        }

        var queue = queues.GetQueueClient(StorageNames.CommitteeDecisionsPoisonQueue);
        var peeked = await queue.PeekMessagesAsync(top, cancellationToken).ConfigureAwait(false);
        return Results.Json(peeked.Value.Select(m => ReadPoison(m.MessageId, m.InsertedOn, m.Body.ToString())).ToList(), PartenariatJson.Options);
    }

    /// <summary>POST /api/requests/{requestId}/cancellation: cancels an approved operation, with a reason (operators).</summary>
    public async Task<IResult> CancelAsync(HttpRequest http, string requestId, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        if (await AuthorizeAsync(http, "operator", [CallerRole.Operator], cancellationToken).ConfigureAwait(false) is { } failure)
        {
            return failure;
        }

        var view = await requests.FindAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (view is null)
        {
            return Results.Problem(
                type: "urn:partenariat:problems:request-not-found", title: "No such financing request", statusCode: StatusCodes.Status404NotFound,
                detail: $"No financing request '{requestId}' exists. Check the id.");
        }

        var input = await JsonInputReader.ReadAsync<ReasonBody>(http, options.Value.MaxActionBodyBytes, cancellationToken).ConfigureAwait(false);
        if (input is not JsonInput<ReasonBody>.Read { Value: var body })
        {
            return input.Problem!;
        }

        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            return Problems.Invalid([new ValidationError("reason", ErrorCodes.Required, "Give the reason of the cancellation in 'reason'.")], "The body is not valid");
        }

        if (TextRules.Check("reason", body.Reason, InputLimits.MaxTextLength, multiline: true) is { Count: > 0 } refused)
        {
            return Problems.Invalid(refused, "The body is not valid");
        }

        var refusal = await FinancingRequestService.RaiseIfAllowedAsync(
            view, RequestTrigger.Cancel, new RequestEvent(RequestEventKind.Cancellation, "operator", body.Reason), client, cancellationToken).ConfigureAwait(false);
        return refusal is null ? ApiResults.Accepted(FinancingRequestApi.LocationOf(http, view.RequestId), view) : Problems.NotNow(refusal);
    }

    /// <summary>
    /// A poison message as operators see it: the handler's envelope (<see cref="PoisonDecision"/>)
    /// when it set the message aside, else the message itself, moved there by the trigger after
    /// <c>maxDequeueCount</c> failed attempts.
    /// </summary>
    public static PoisonDecisionView ReadPoison(string messageId, DateTimeOffset? insertedOn, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String
                && root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                && root.TryGetProperty("setAsideAt", out var setAsideAt) && setAsideAt.TryGetDateTimeOffset(out var at))
            {
                return new PoisonDecisionView(messageId, insertedOn, reason.GetString()!, message.GetString()!, at);
            }
        }
        catch (JsonException)
        {
            // Not JSON: the trigger moved it as it came.
        }

        return new PoisonDecisionView(messageId, insertedOn, RetriesExhaustedReason, body, null);
    }

    private async ValueTask<IResult?> AuthorizeAsync(HttpRequest http, string role, CallerRole[] allowed, CancellationToken cancellationToken)
    {
        var caller = await authentication.AuthenticateAsync(http, cancellationToken).ConfigureAwait(false);
        return caller is null ? Problems.Unauthenticated() : !allowed.Contains(caller.Role) ? Problems.Forbidden(role) : null;
    }
}
