using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Partenariat.Workflow.Documents;

namespace Partenariat.Functions;

/// <summary>The supporting documents' API: one-line adapters to the workflow (the body streams through the ASP.NET Core integration).</summary>
public sealed class DocumentFunctions(DocumentApi api)
{
    [Function("UploadDocument")]
    public Task<IResult> UploadAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = DocumentApi.Route)] HttpRequest request, string requestId, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        api.UploadAsync(request, requestId, client, cancellationToken);

    [Function("ListDocuments")]
    public Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = DocumentApi.Route)] HttpRequest request, string requestId, CancellationToken cancellationToken) =>
        api.ListAsync(request, requestId, cancellationToken);

    [Function("DownloadDocument")]
    public Task<IResult> DownloadAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = DocumentApi.DocumentRoute)] HttpRequest request, string requestId, string documentId, CancellationToken cancellationToken) =>
        api.DownloadAsync(request, requestId, documentId, cancellationToken);
}
