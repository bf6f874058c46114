using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Partenariat.SelfContainedHost.Startup;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Documents;

namespace Partenariat.SelfContainedHost.Documents;

/// <summary>The supporting documents' API, twin of the Functions app's DocumentFunctions.</summary>
internal static class DocumentsEndpoints
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(DocumentApi.Route).WithTags("Supporting documents");
        var maxDocumentBytes = endpoints.ServiceProvider.GetRequiredService<IOptions<WorkflowOptions>>().Value.MaxDocumentBytes;
        group.MapPost(string.Empty, UploadAsync)
            // One byte past the cap: the handler reads it to know the document is too large.
            .WithMetadata(new BodySizeLimit(maxDocumentBytes + 1))
            .WithName("UploadDocument")
            .WithSummary("Uploads a supporting document (?kind=, ?fileName= or Content-Disposition): PDF, PNG or JPEG, checked against its own bytes, size-capped; answers its metadata with its SHA-256. With ?milestone=&milestoneDate=, it is that milestone's evidence and reports the milestone.")
            // The body's types are described, not enforced by routing: the handler answers 415 with what to fix.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "The file's bytes; its Content-Type must match them.",
                    Content = DocumentTypes.Accepted.ToDictionary(t => t, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } }),
                };
                return Task.CompletedTask;
            })
            .WithQuery("kind", "What the document is.", OpenApiQuery.OneOf<DocumentKind>(), required: true)
            .WithQuery("fileName", "Its file name (else the Content-Disposition header's).", OpenApiQuery.Text())
            .WithQuery("milestone", "The milestone this document proves, reported with it (a WorksStartOrder proves WorksStarted, a CompletionDeclaration Completion).", OpenApiQuery.OneOf<MilestoneKind>())
            .WithQuery("milestoneDate", "The milestone's date, from the submission to today (with milestone).", OpenApiQuery.Date())
            .Produces<SupportingDocument>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesKeyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet(string.Empty, ListAsync)
            .WithName("ListDocuments")
            .WithSummary("Lists the request's supporting documents.")
            .Produces<IReadOnlyList<SupportingDocument>>()
            .ProducesKeyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("{documentId}", DownloadAsync)
            .WithName("DownloadDocument")
            .WithSummary("Downloads a supporting document, with its Content-Type, Content-Disposition and its SHA-256 in Repr-Digest.")
            .Produces<Stream>(StatusCodes.Status200OK, DocumentTypes.Pdf, DocumentTypes.Png, DocumentTypes.Jpeg)
            .ProducesKeyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static Task<IResult> UploadAsync(HttpRequest request, string requestId, DocumentApi api, DurableTaskClient client, CancellationToken cancellationToken) =>
        api.UploadAsync(request, requestId, client, cancellationToken);

    private static Task<IResult> ListAsync(HttpRequest request, string requestId, DocumentApi api, CancellationToken cancellationToken) =>
        api.ListAsync(request, requestId, cancellationToken);

    private static Task<IResult> DownloadAsync(HttpRequest request, string requestId, string documentId, DocumentApi api, CancellationToken cancellationToken) =>
        api.DownloadAsync(request, requestId, documentId, cancellationToken);
}
