namespace Partenariat.Workflow.Documents;

/// <summary>A supporting document's metadata, as stored and returned.</summary>
/// <param name="DocumentId">Its id (give it as a milestone's evidence).</param>
/// <param name="RequestId">The request it supports.</param>
/// <param name="Kind">What it is.</param>
/// <param name="FileName">Its file name.</param>
/// <param name="ContentType">Its type, checked against its own first bytes.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">The SHA-256 of its bytes, lowercase hexadecimal.</param>
/// <param name="UploadedAt">When it was stored.</param>
public sealed record SupportingDocument(
    string DocumentId, string RequestId, DocumentKind Kind, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt);

/// <summary>What the landlord says of the document it uploads.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="FileName">Its file name (cleaned; may be null).</param>
/// <param name="ContentType">The declared content type, one of <see cref="DocumentTypes.Accepted"/>.</param>
public sealed record DocumentDescription(DocumentKind Kind, string? FileName, string ContentType);

/// <summary>How an upload ended.</summary>
public abstract record UploadOutcome
{
    private UploadOutcome()
    {
    }

    /// <summary>Stored.</summary>
    public sealed record Stored(SupportingDocument Document) : UploadOutcome;

    /// <summary>Larger than the cap: nothing stored.</summary>
    public sealed record TooLarge(long MaxBytes) : UploadOutcome;

    /// <summary>Empty: nothing stored.</summary>
    public sealed record Empty : UploadOutcome;

    /// <summary>The bytes are not of the declared type (<paramref name="Actual"/>: what they are, if accepted at all): nothing stored.</summary>
    public sealed record TypeMismatch(string Declared, string? Actual) : UploadOutcome;

    /// <summary>The request holds as many documents as it may (<paramref name="Max"/>): nothing stored.</summary>
    public sealed record TooMany(int Max) : UploadOutcome;

    /// <summary>The request was gone by the time the document was to be listed on it: nothing kept.</summary>
    public sealed record NoRequest : UploadOutcome;

    /// <summary>The milestone the document was to prove does not apply to the request now (<paramref name="Reason"/>): nothing stored.</summary>
    public sealed record MilestoneNotNow(string Reason) : UploadOutcome;
}
