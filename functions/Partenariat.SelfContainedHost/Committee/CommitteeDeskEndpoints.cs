using Partenariat.Workflow.Committee;
using Partenariat.SelfContainedHost.Startup;
using Partenariat.Workflow.Documents;

namespace Partenariat.SelfContainedHost.Committee;

/// <summary>The reviewers' and operators' desk, twin of the Functions app's CommitteeDeskFunctions.</summary>
internal static class CommitteeDeskEndpoints
{
    public static IEndpointRouteBuilder MapCommitteeDesk(this IEndpointRouteBuilder endpoints)
    {
        var committee = endpoints.MapGroup(string.Empty).WithTags("Committee");
        committee.MapPost(CommitteeDeskApi.DecisionsRoute, (HttpRequest request, CommitteeDeskApi api, CancellationToken cancellationToken) => api.DecideAsync(request, cancellationToken))
            .WithName("SubmitCommitteeDecision")
            .WithSummary("A reviewer's decision: checked as the queue's handler checks it, then put on the committee-decisions queue, which applies it (reviewer or operator key).")
            .ProducesValidationProblem()
            .IsJsonAction<CommitteeDecisionMessage, CommitteeDecisionMessage>(BodySizeLimit.Of(endpoints).Action);
        committee.MapGet(CommitteeDeskApi.DocumentsRoute, (HttpRequest request, string requestId, CommitteeDeskApi api, CancellationToken cancellationToken) => api.ListDocumentsAsync(request, requestId, cancellationToken))
            .WithName("ListReviewedRequestDocuments")
            .WithSummary("A request's supporting documents, for the reviewers (reviewer or operator key).")
            .Produces<IReadOnlyList<SupportingDocument>>()
            .ProducesKeyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        committee.MapGet(CommitteeDeskApi.DocumentRoute, (HttpRequest request, string requestId, string documentId, CommitteeDeskApi api, CancellationToken cancellationToken) => api.DownloadDocumentAsync(request, requestId, documentId, cancellationToken))
            .WithName("DownloadReviewedRequestDocument")
            .WithSummary("One supporting document's bytes, for the reviewers (reviewer or operator key).")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesKeyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        committee.MapPost(CommitteeDeskApi.ReplayRoute, (HttpRequest request, string messageId, CommitteeDeskApi api, CancellationToken cancellationToken) => api.ReplayPoisonAsync(request, messageId, cancellationToken))
            .WithName("ReplayPoisonDecision")
            .WithSummary("Puts a decision set aside back on the committee-decisions queue and removes it from the poison queue (operator key).")
            .Produces<PoisonDecisionHandled>()
            .ProducesKeyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        committee.MapDelete(CommitteeDeskApi.PoisonMessageRoute, (HttpRequest request, string messageId, CommitteeDeskApi api, CancellationToken cancellationToken) => api.DeletePoisonAsync(request, messageId, cancellationToken))
            .WithName("DeletePoisonDecision")
            .WithSummary("Removes a decision set aside from the poison queue (operator key).")
            .Produces<PoisonDecisionHandled>()
            .ProducesKeyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
