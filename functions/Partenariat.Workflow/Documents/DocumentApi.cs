using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Partenariat.Domain.Common;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Documents;

/// <summary>
/// The supporting documents' HTTP API, shared by both hosts: a landlord uploads documents to its own
/// requests (streamed to Blob storage, size-capped, their type checked against their own bytes,
/// their SHA-256 recorded), lists them and downloads them. Another landlord's request answers 404.
/// A request takes documents until its life ends (a final status refuses them), at most
/// <see cref="WorkflowOptions.MaxDocumentsPerRequest"/> of them and
/// <see cref="WorkflowOptions.MaxDocumentBytesPerRequest"/> bytes in all: storage a request can use is bounded.
/// </summary>
public sealed class DocumentApi(CallerAuthentication authentication, FinancingRequestStore requests, DocumentStore documents, IOptions<WorkflowOptions> options)
{
    /// <summary>The documents' route, under host.json's prefix.</summary>
    public const string Route = FinancingRequestApi.Route + "/{requestId}/documents";

    /// <summary>One document's route.</summary>
    public const string DocumentRoute = Route + "/{documentId}";

    /// <summary>The response header carrying the document's SHA-256 (RFC 9530), e.g. <c>sha-256=:base64:</c>.</summary>
    public const string DigestHeader = "Repr-Digest";

    private const int MaxFileNameLength = 255;

    /// <summary>POST /api/requests/{requestId}/documents?kind=&amp;fileName=: uploads a document (201 with its metadata).</summary>
    public async Task<IResult> UploadAsync(HttpRequest http, string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (landlord, read, failure) = await LandlordRequestAsync(http, requestId, cancellationToken).ConfigureAwait(false);
        if (landlord is null || read is null)
        {
            return failure!;
        }

        if (RequestLifecycle.IsTerminal(read.View.Status))
        {
            return Problems.NotNow($"A request in state {read.View.Status} takes no more documents: its life has ended.");
        }

        var errors = new List<ValidationError>();
        var kindText = http.Query["kind"].ToString();
        DocumentKind kind = default;
        if (string.IsNullOrWhiteSpace(kindText))
        {
            errors.Add(new ValidationError("kind", ErrorCodes.Required, $"Say what the document is with ?kind=: one of {string.Join(", ", Enum.GetNames<DocumentKind>())}."));
        }
        else if (!Enum.TryParse(kindText, ignoreCase: true, out kind) || !Enum.IsDefined(kind) || int.TryParse(kindText, out _))
        {
            errors.Add(new ValidationError("kind", ErrorCodes.InvalidValue, $"'{kindText}' is not a kind of document: use one of {string.Join(", ", Enum.GetNames<DocumentKind>())}."));
        }

        var fileName = FileName(http);
        if (fileName is { Length: > MaxFileNameLength })
        {
            errors.Add(new ValidationError("fileName", ErrorCodes.OutOfRange, $"The file name may have at most {MaxFileNameLength} characters."));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, "The upload's query is not valid");
        }

        if (DocumentTypes.Normalize(http.ContentType) is not { } contentType)
        {
            return DocumentProblems.UnsupportedType(http.ContentType);
        }

        var held = await documents.ListAsync(landlord.Id, requestId, cancellationToken).ConfigureAwait(false);
        var limits = options.Value;
        if (held.Count >= limits.MaxDocumentsPerRequest)
        {
            return DocumentProblems.TooMany(limits.MaxDocumentsPerRequest);
        }

        // The request's room left bounds this document too.
        var room = limits.MaxDocumentBytesPerRequest - held.Sum(d => d.Size);
        var maxBytes = Math.Min(documents.MaxBytes, room);
        if (maxBytes <= 0 || http.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes, documents.MaxBytes, limits.MaxDocumentBytesPerRequest);
        }

        // The server's own body limit (Kestrel's is about 28.6 MiB) must not cut the read before the
        // cap does: one byte past the cap is all the store ever reads.
        if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + 1;
        }

        UploadOutcome outcome;
        try
        {
            outcome = await documents.UploadAsync(landlord.Id, requestId, new DocumentDescription(kind, fileName, contentType), http.Body, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A chunked body: the server reads ahead of the store and meets its limit first. Nothing was committed.
            outcome = new UploadOutcome.TooLarge(maxBytes);
        }

        if (outcome is UploadOutcome.Stored { Document: var added } && await BeyondTheCapsAsync(landlord.Id, requestId, added, cancellationToken).ConfigureAwait(false) is { } beyond)
        {
            // Concurrent uploads passed the check together: the last ones past a cap are taken back.
            await documents.DeleteAsync(landlord.Id, requestId, added.DocumentId, CancellationToken.None).ConfigureAwait(false);
            return beyond;
        }

        if (outcome is UploadOutcome.Stored { Document: var document })
        {
            await requests.AppendTimelineAsync(landlord.Id, requestId, new TimelineEntry(
                document.UploadedAt, landlord.Id, TimelineAction.DocumentUploaded, default,
                $"{document.Kind} '{document.FileName}' ({document.DocumentId}, {document.Size} bytes, SHA-256 {document.Sha256})"), read, cancellationToken).ConfigureAwait(false);
        }

        return outcome switch
        {
            UploadOutcome.Stored stored => ApiResults.Created($"{http.PathBase}{http.Path.Value?.TrimEnd('/')}/{stored.Document.DocumentId}", stored.Document),
            UploadOutcome.TooLarge tooLarge => TooLarge(tooLarge.MaxBytes, documents.MaxBytes, limits.MaxDocumentBytesPerRequest),
            UploadOutcome.TypeMismatch mismatch => DocumentProblems.TypeMismatch(mismatch.Declared, mismatch.Actual),
            UploadOutcome.Empty => DocumentProblems.Empty(),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
        };
    }

    /// <summary>GET /api/requests/{requestId}/documents: the request's documents.</summary>
    public async Task<IResult> ListAsync(HttpRequest http, string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (landlord, _, failure) = await LandlordRequestAsync(http, requestId, cancellationToken).ConfigureAwait(false);
        if (landlord is null)
        {
            return failure!;
        }

        return ApiResults.Ok(await documents.ListAsync(landlord.Id, requestId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>GET /api/requests/{requestId}/documents/{documentId}: the document's bytes, streamed, with its type, file name and SHA-256.</summary>
    public async Task<IResult> DownloadAsync(HttpRequest http, string requestId, string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (landlord, _, failure) = await LandlordRequestAsync(http, requestId, cancellationToken).ConfigureAwait(false);
        if (landlord is null)
        {
            return failure!;
        }

        if (await documents.OpenReadAsync(landlord.Id, requestId, documentId, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return DocumentProblems.NotFound(requestId, documentId);
        }

        var (document, content) = found;
        var response = http.HttpContext.Response;
        response.Headers[DigestHeader] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(document.Sha256))}:";
        response.Headers[HeaderNames.ContentDisposition] = DocumentStore.ContentDisposition(document.FileName);
        response.ContentLength = document.Size;
        return Results.Stream(content, document.ContentType);
    }

    /// <summary>Whether the landlord's request <paramref name="requestId"/> has the document <paramref name="documentId"/>.</summary>
    public async Task<bool> IsDocumentOfAsync(string landlordId, string requestId, string documentId, CancellationToken cancellationToken = default) =>
        await documents.GetAsync(landlordId, requestId, documentId, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>The calling landlord and their request as stored (with its row's ETag, for the upload's timeline entry), or the problem to answer.</summary>
    private async Task<(Caller? Landlord, StoredView? Request, IResult? Failure)> LandlordRequestAsync(HttpRequest http, string requestId, CancellationToken cancellationToken)
    {
        var caller = await authentication.AuthenticateAsync(http, cancellationToken).ConfigureAwait(false);
        if (caller is null)
        {
            return (null, null, Problems.Unauthenticated());
        }

        if (caller.Role != CallerRole.Landlord)
        {
            return (null, null, Problems.Forbidden("landlord"));
        }

        return RequestIds.IsWellFormed(requestId) && await requests.GetWithETagAsync(caller.Id, requestId, cancellationToken).ConfigureAwait(false) is { } stored
            ? (caller, stored, null)
            : (null, null, Problems.RequestNotFound(requestId));
    }

    /// <summary>
    /// The refusal of <paramref name="document"/>, just stored, when the request's documents as
    /// stored now (this one with them) pass a cap; else null. A document is kept only if its own
    /// upload saw the caps held after it was stored: of concurrent uploads past a cap, the later
    /// ones see the earlier ones, so what is kept never passes the caps (they may all step back).
    /// </summary>
    private async Task<IResult?> BeyondTheCapsAsync(string landlordId, string requestId, SupportingDocument document, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var all = await documents.ListAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false);
        if (all.Count > limits.MaxDocumentsPerRequest)
        {
            return DocumentProblems.TooMany(limits.MaxDocumentsPerRequest);
        }

        var room = limits.MaxDocumentBytesPerRequest - all.Where(d => d.DocumentId != document.DocumentId).Sum(d => d.Size);
        return document.Size > room ? TooLarge(room, documents.MaxBytes, limits.MaxDocumentBytesPerRequest) : null;
    }

    private static IResult TooLarge(long maxBytes, long documentCap, long requestCap) =>
        maxBytes >= documentCap ? DocumentProblems.TooLarge(documentCap) : DocumentProblems.NoRoomLeft(Math.Max(0, maxBytes), requestCap);

    private static string? FileName(HttpRequest http)
    {
        var raw = http.Query["fileName"].ToString();
        if (string.IsNullOrWhiteSpace(raw)
            && ContentDispositionHeaderValue.TryParse(http.Headers.ContentDisposition.ToString(), out var disposition))
        {
            raw = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        }

        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        // Keep the name only: no folders, no control characters.
        var name = raw.Replace('\\', '/');
        name = new string([.. name[(name.LastIndexOf('/') + 1)..].Where(c => !char.IsControl(c))]).Trim();
        return name.Length == 0 ? null : name;
    }
}
