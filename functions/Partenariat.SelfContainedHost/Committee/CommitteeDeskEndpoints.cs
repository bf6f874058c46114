using Partenariat.Workflow.Committee;
using Partenariat.SelfContainedHost.Startup;
using Partenariat.Workflow.Documents;

namespace Partenariat.SelfContainedHost.Committee;

/// <summary>The reviewers' and operators' desk, twin of the Functions app's CommitteeDeskFunctions.</summary>
internal static class CommitteeDeskEndpoints
{
    public static IEndpointRouteBuilder MapCommitteeDesk(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(CommitteeDeskApi.DecisionsRoute, (HttpRequest request, CommitteeDeskApi api, CancellationToken cancellationToken) => api.DecideAsync(request, cancellationToken))
            .WithMetadata(new BodySizeLimit(BodySizeLimit.Of(endpoints).Action))
            .WithTags("Committee")
            .WithName("SubmitCommitteeDecision")
            .WithSummary("A reviewer's decision: checked as the queue's handler checks it, then put on the committee-decisions queue, which applies it (reviewer or operator key).")
            .Accepts<CommitteeDecisionMessage>("application/json")
            .Produces<CommitteeDecisionMessage>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        endpoints.MapGet(CommitteeDeskApi.DocumentsRoute, (HttpRequest request, string requestId, CommitteeDeskApi api, CancellationToken cancellationToken) => api.ListDocumentsAsync(request, requestId, cancellationToken))
            .WithTags("Committee")
            .WithName("ListReviewedRequestDocuments")
            .WithSummary("A request's supporting documents, for the reviewers (reviewer or operator key).")
            .Produces<IReadOnlyList<SupportingDocument>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapGet(CommitteeDeskApi.DocumentRoute, (HttpRequest request, string requestId, string documentId, CommitteeDeskApi api, CancellationToken cancellationToken) => api.DownloadDocumentAsync(request, requestId, documentId, cancellationToken))
            .WithTags("Committee")
            .WithName("DownloadReviewedRequestDocument")
            .WithSummary("One supporting document's bytes, for the reviewers (reviewer or operator key).")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapPost(CommitteeDeskApi.ReplayRoute, (HttpRequest request, string messageId, CommitteeDeskApi api, CancellationToken cancellationToken) => api.ReplayPoisonAsync(request, messageId, cancellationToken))
            .WithTags("Committee")
            .WithName("ReplayPoisonDecision")
            .WithSummary("Puts a decision set aside back on the committee-decisions queue and removes it from the poison queue (operator key).")
            .Produces<PoisonDecisionHandled>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapDelete(CommitteeDeskApi.PoisonMessageRoute, (HttpRequest request, string messageId, CommitteeDeskApi api, CancellationToken cancellationToken) => api.DeletePoisonAsync(request, messageId, cancellationToken))
            .WithTags("Committee")
            .WithName("DeletePoisonDecision")
            .WithSummary("Removes a decision set aside from the poison queue (operator key).")
            .Produces<PoisonDecisionHandled>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
