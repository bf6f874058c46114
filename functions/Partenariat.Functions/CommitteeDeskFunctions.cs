using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Partenariat.Workflow.Committee;

namespace Partenariat.Functions;

/// <summary>
/// The reviewers' and operators' desk: decisions posted from the pages, reviewers' access to
/// documents, replay and removal of poison decisions. One-line adapters (twin of the self-contained
/// host's CommitteeDeskEndpoints).
/// </summary>
public sealed class CommitteeDeskFunctions(CommitteeDeskApi api)
{
    [Function("SubmitCommitteeDecision")]
    public Task<IResult> DecideAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = CommitteeDeskApi.DecisionsRoute)] HttpRequest request, CancellationToken cancellationToken) =>
        api.DecideAsync(request, cancellationToken);

    [Function("ListReviewedRequestDocuments")]
    public Task<IResult> ListDocumentsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CommitteeDeskApi.DocumentsRoute)] HttpRequest request, string requestId, CancellationToken cancellationToken) =>
        api.ListDocumentsAsync(request, requestId, cancellationToken);

    [Function("DownloadReviewedRequestDocument")]
    public Task<IResult> DownloadDocumentAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CommitteeDeskApi.DocumentRoute)] HttpRequest request, string requestId, string documentId, CancellationToken cancellationToken) =>
        api.DownloadDocumentAsync(request, requestId, documentId, cancellationToken);

    [Function("ReplayPoisonDecision")]
    public Task<IResult> ReplayPoisonAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = CommitteeDeskApi.ReplayRoute)] HttpRequest request, string messageId, CancellationToken cancellationToken) =>
        api.ReplayPoisonAsync(request, messageId, cancellationToken);

    [Function("DeletePoisonDecision")]
    public Task<IResult> DeletePoisonAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = CommitteeDeskApi.PoisonMessageRoute)] HttpRequest request, string messageId, CancellationToken cancellationToken) =>
        api.DeletePoisonAsync(request, messageId, cancellationToken);
}
