using Microsoft.AspNetCore.Http;

namespace Partenariat.Workflow.Documents;

/// <summary>The documents' errors as ProblemDetails, each with a stable <c>type</c> and a detail that says what to fix.</summary>
public static class DocumentProblems
{
    private const string TypePrefix = "urn:partenariat:problems:";

    private static string AcceptedList => string.Join(", ", DocumentTypes.Accepted);

    /// <summary>413: the document is larger than the cap; nothing was stored.</summary>
    public static IResult TooLarge(long maxBytes) => Results.Problem(
        type: TypePrefix + "document-too-large", title: "The document is too large", statusCode: StatusCodes.Status413PayloadTooLarge,
        detail: $"A supporting document may have at most {maxBytes} bytes ({maxBytes / (1024.0 * 1024.0):0.#} MiB); nothing was stored. Compress or split the file and upload it again.",
        extensions: new Dictionary<string, object?> { ["maxBytes"] = maxBytes });

    /// <summary>413: the request has no room left for the document (its documents' total cap); nothing was stored.</summary>
    public static IResult NoRoomLeft(long roomLeft, long requestCap) => Results.Problem(
        type: TypePrefix + "documents-total-too-large", title: "The request has no room for this document", statusCode: StatusCodes.Status413PayloadTooLarge,
        detail: $"A request's documents may hold {requestCap} bytes ({requestCap / (1024.0 * 1024.0):0.#} MiB) in all; {roomLeft} bytes are left; nothing was stored. Compress the file, or send only what the committee needs.",
        extensions: new Dictionary<string, object?> { ["maxBytes"] = roomLeft, ["requestMaxBytes"] = requestCap });

    /// <summary>409: the request holds as many documents as it may; nothing was stored.</summary>
    public static IResult TooMany(int maxDocuments) => Results.Problem(
        type: TypePrefix + "too-many-documents", title: "The request holds as many documents as it may", statusCode: StatusCodes.Status409Conflict,
        detail: $"A request may hold at most {maxDocuments} documents; nothing was stored. Group pages into one PDF.",
        extensions: new Dictionary<string, object?> { ["maxDocuments"] = maxDocuments });

    /// <summary>415: no Content-Type, or one that is not accepted.</summary>
    public static IResult UnsupportedType(string? declared) => Results.Problem(
        type: TypePrefix + "unsupported-media-type", title: "This type of document is not accepted", statusCode: StatusCodes.Status415UnsupportedMediaType,
        detail: string.IsNullOrWhiteSpace(declared)
            ? $"Declare the file's type in the Content-Type header: one of {AcceptedList}."
            : $"'{declared}' is not accepted: send the document as one of {AcceptedList} and declare it in the Content-Type header.",
        extensions: new Dictionary<string, object?> { ["accepted"] = DocumentTypes.Accepted });

    /// <summary>415: the bytes are not of the declared type; nothing was stored.</summary>
    public static IResult TypeMismatch(string declared, string? actual) => Results.Problem(
        type: TypePrefix + "content-type-mismatch", title: "The document's bytes are not of its declared type", statusCode: StatusCodes.Status415UnsupportedMediaType,
        detail: actual is null
            ? $"The Content-Type says {declared}, but the file does not begin with {DocumentTypes.SignatureOf(declared)}, nor is it any accepted type ({AcceptedList}): send the real file (not a renamed one); nothing was stored."
            : $"The Content-Type says {declared}, but the file is {actual}: declare Content-Type: {actual}, or send the {declared} file; nothing was stored.",
        extensions: new Dictionary<string, object?> { ["declared"] = declared, ["detected"] = actual, ["accepted"] = DocumentTypes.Accepted });

    /// <summary>400: the body is empty.</summary>
    public static IResult Empty() => Results.Problem(
        type: TypePrefix + "empty-document", title: "The document is empty", statusCode: StatusCodes.Status400BadRequest,
        detail: "Send the file's bytes as the request's body.");

    /// <summary>404: no such document for this request (also another landlord's).</summary>
    public static IResult NotFound(string requestId, string documentId) => Results.Problem(
        type: TypePrefix + "document-not-found", title: "No such document", statusCode: StatusCodes.Status404NotFound,
        detail: $"Request '{requestId}' has no document '{documentId}'. List its documents with GET /api/requests/{requestId}/documents.");
}
