using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask.Client;
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
public sealed partial class DocumentApi(CallerAuthentication authentication, FinancingRequestStore requests, DocumentStore documents, IOptions<WorkflowOptions> options, TimeProvider timeProvider)
{
    /// <summary>The documents' route, under host.json's prefix.</summary>
    public const string Route = FinancingRequestApi.Route + "/{requestId}/documents";

    /// <summary>One document's route.</summary>
    public const string DocumentRoute = Route + "/{documentId}";

    /// <summary>The response header carrying the document's SHA-256 (RFC 9530), e.g. <c>sha-256=:base64:</c>.</summary>
    public const string DigestHeader = "Repr-Digest";

    private const int MaxFileNameLength = 255;

    /// <summary>
    /// POST /api/requests/{requestId}/documents?kind=&amp;fileName=: uploads a document (201 with its
    /// metadata). With <c>&amp;milestone=&amp;milestoneDate=</c>, the document is the evidence of that
    /// milestone, reported with it (<see cref="AddEvidenceAsync"/>): the milestone's fields, the
    /// document's kind and the request's status are checked before anything is stored.
    /// </summary>
    public async Task<IResult> UploadAsync(HttpRequest http, string requestId, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
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

        var milestone = MilestoneOf(http, read.View, errors.Count == 0 ? kind : null, errors);
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

        // The server's own body limit (Kestrel's is about 28.6 MiB) must not cut the read before the
        // cap does: one byte past the cap is all the store ever reads.
        var bodyLimit = http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature
            ? (Action<long>)(bytes => feature.MaxRequestBodySize = bytes)
            : null;
        var limits = options.Value;
        var description = new DocumentDescription(kind, fileName, contentType);
        var uploaded = milestone is { } reported
            ? await AddEvidenceAsync(landlord.Id, read, description, http.Body, reported.Kind, reported.Date, client, http.ContentLength, bodyLimit, cancellationToken).ConfigureAwait(false)
            : await AddAsync(landlord.Id, read, description, http.Body, http.ContentLength, bodyLimit, cancellationToken).ConfigureAwait(false);
        return uploaded switch
        {
            UploadOutcome.Stored stored => ApiResults.Created($"{http.PathBase}{http.Path.Value?.TrimEnd('/')}/{stored.Document.DocumentId}", stored.Document),
            UploadOutcome.TooLarge tooLarge => TooLarge(tooLarge.MaxBytes, documents.MaxBytes, limits.MaxDocumentBytesPerRequest),
            UploadOutcome.TooMany tooMany => DocumentProblems.TooMany(tooMany.Max),
            UploadOutcome.TypeMismatch mismatch => DocumentProblems.TypeMismatch(mismatch.Declared, mismatch.Actual),
            UploadOutcome.Empty => DocumentProblems.Empty(),
            UploadOutcome.NoRequest => Problems.RequestNotFound(requestId),
            UploadOutcome.MilestoneNotNow notNow => Problems.NotNow(notNow.Reason),
            var outcome => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
        };
    }

    /// <summary>
    /// Stores a document for the landlord's request as read (<paramref name="read"/>) and lists it on
    /// the request's view with its timeline entry, within the caps: at most
    /// <see cref="WorkflowOptions.MaxDocumentsPerRequest"/> documents and
    /// <see cref="WorkflowOptions.MaxDocumentBytesPerRequest"/> bytes in all. The caps are checked on
    /// the view before the upload (which is cut at the room left), and again as the document is
    /// listed, under the view row's ETag: of concurrent uploads past a cap, the one listed second is
    /// taken back, so what a request holds never passes them.
    /// </summary>
    /// <param name="landlordId">The landlord.</param>
    /// <param name="read">The request as stored, with its row's ETag.</param>
    /// <param name="description">What the landlord says the document is.</param>
    /// <param name="content">Its bytes, streamed.</param>
    /// <param name="declaredLength">The length the caller announced, if any (refused at once when past the room).</param>
    /// <param name="bodyLimit">Sets the server's own limit on the body to the bytes the store may read.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    public async Task<UploadOutcome> AddAsync(
        string landlordId, StoredView read, DocumentDescription description, Stream content, long? declaredLength = null, Action<long>? bodyLimit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(description);
        var requestId = read.View.RequestId;
        var limits = options.Value;
        // Views stored before views listed their documents: Blob storage says what they hold.
        var held = read.View.Documents ?? [.. (await documents.ListAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false)).Select(Listed)];
        // A document of at least one byte (of its declared length, when known) must fit.
        if (BeyondTheCaps(held, Math.Max(1, declaredLength ?? 1), limits) is { } refused)
        {
            return refused;
        }

        // The request's room left bounds this document too.
        var maxBytes = Math.Min(documents.MaxBytes, RoomLeft(held, limits));
        if (declaredLength > maxBytes)
        {
            return new UploadOutcome.TooLarge(maxBytes);
        }

        bodyLimit?.Invoke(maxBytes + 1);
        UploadOutcome outcome;
        try
        {
            outcome = await documents.UploadAsync(landlordId, requestId, description, content, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A chunked body: the server reads ahead of the store and meets its limit first. Nothing was committed.
            return new UploadOutcome.TooLarge(maxBytes);
        }

        if (outcome is not UploadOutcome.Stored { Document: var added })
        {
            return outcome;
        }

        var entry = new TimelineEntry(added.UploadedAt, landlordId, TimelineAction.DocumentUploaded, default,
            $"{added.Kind} '{added.FileName}' ({added.DocumentId}, {added.Size} bytes, SHA-256 {added.Sha256})");
        var listed = await requests.ChangeAsync(landlordId, requestId, view => List(view, added, entry, held, limits), read, cancellationToken).ConfigureAwait(false)
            ?? new UploadOutcome.NoRequest();
        if (listed is not UploadOutcome.Stored)
        {
            // Past a cap once listed beside concurrent uploads, or no request left to list it on.
            await documents.DeleteAsync(landlordId, requestId, added.DocumentId, CancellationToken.None).ConfigureAwait(false);
        }

        return listed;
    }

    /// <summary>The view with <paramref name="added"/> listed and its entry, if the caps still hold with it; else what refuses it.</summary>
    private static (FinancingRequestView? Next, UploadOutcome Answer) List(
        FinancingRequestView view, SupportingDocument added, TimelineEntry entry, IReadOnlyList<RequestDocument> heldBefore, WorkflowOptions limits)
    {
        var held = view.Documents ?? heldBefore;
        if (held.Any(d => d.DocumentId == added.DocumentId))
        {
            return (null, new UploadOutcome.Stored(added));
        }

        if (BeyondTheCaps(held, added.Size, limits) is { } refused)
        {
            return (null, refused);
        }

        var next = view with
        {
            Documents = [.. held, Listed(added)],
            Timeline = [entry with { Status = view.Status }],
            UpdatedAt = entry.At,
        };
        return (next, new UploadOutcome.Stored(added));
    }

    private static RequestDocument Listed(SupportingDocument document) => new(document.DocumentId, document.Kind, document.Size);

    /// <summary>What refuses one more document of <paramref name="bytes"/> beside <paramref name="held"/>: the count's cap, or the total's (with the room left); null when both hold.</summary>
    private static UploadOutcome? BeyondTheCaps(IReadOnlyList<RequestDocument> held, long bytes, WorkflowOptions limits)
    {
        if (held.Count >= limits.MaxDocumentsPerRequest)
        {
            return new UploadOutcome.TooMany(limits.MaxDocumentsPerRequest);
        }

        var room = RoomLeft(held, limits);
        return bytes > room ? new UploadOutcome.TooLarge(Math.Max(0, room)) : null;
    }

    private static long RoomLeft(IReadOnlyList<RequestDocument> held, WorkflowOptions limits) => limits.MaxDocumentBytesPerRequest - held.Sum(d => d.Size);

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
