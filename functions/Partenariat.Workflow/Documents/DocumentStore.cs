// Over 300 lines: a document's whole storage in one place, its streamed upload (staged in blocks,
// created once, a retried write recognised), its reads and its metadata.
using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Documents;

/// <summary>
/// Supporting documents in the <c>supporting-documents</c> container, one blob per document named
/// <c>{landlordId}/{requestId}/{documentId}</c>, its metadata (kind, file name, SHA-256, upload
/// time) in the blob's own metadata, so a document and what is known of it are written in one
/// request and cannot disagree. Uploads stream: a document of one block is one Put Blob; a larger
/// one is staged a block at a time and exists only once its block list is committed, so a refused
/// or failed upload leaves no blob; the blocks it had staged are discarded at once (an empty block
/// list committed, then the empty blob deleted) rather than left for the service's weekly sweep.
/// </summary>
public sealed partial class DocumentStore(BlobServiceClient blobs, IOptions<WorkflowOptions> options, TimeProvider time, ILogger<DocumentStore> logger)
{
    /// <summary>Bytes per staged block (and per buffer held while uploading).</summary>
    internal const int BlockSize = 4 * 1024 * 1024;

    private const string KindKey = "kind";
    private const string FileNameKey = "filename";
    private const string Sha256Key = "sha256";
    private const string UploadedAtKey = "uploadedat";

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.DocumentsContainer);

    /// <summary>The largest document accepted, in bytes.</summary>
    public long MaxBytes => options.Value.MaxDocumentBytes;

    /// <summary>Whether <paramref name="documentId"/> has the shape of a document id (anything else is no document).</summary>
    public static bool IsWellFormedId(string? documentId) => documentId is not null && IdPattern().IsMatch(documentId);

    /// <summary>
    /// Reads <paramref name="content"/> and stores it as a new document of the request, if it is what
    /// it claims to be and not larger than <paramref name="maxBytes"/> (default, and at most, <see cref="MaxBytes"/>).
    /// </summary>
    public async Task<UploadOutcome> UploadAsync(string landlordId, string requestId, DocumentDescription description, Stream content, long? maxBytes = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(content);
        var cap = Math.Clamp(maxBytes ?? MaxBytes, 0, MaxBytes);
        var documentId = "doc-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var blob = _container.GetBlockBlobClient(BlobName(landlordId, requestId, documentId));
        using var reader = new DocumentReader(content, cap);
        var size = (int)Math.Min(BlockSize, cap + 1);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var blockIds = new List<string>();
        try
        {
            var filled = await reader.FillAsync(buffer.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
            if (reader.IsTooLarge)
            {
                LogRefusedTooLarge(requestId, reader.Length, cap);
                return new UploadOutcome.TooLarge(cap);
            }

            if (filled == 0)
            {
                return new UploadOutcome.Empty();
            }

            var actual = DocumentTypes.Sniff(buffer.AsSpan(0, Math.Min(filled, DocumentTypes.SignatureLength)));
            if (actual != description.ContentType)
            {
                return new UploadOutcome.TypeMismatch(description.ContentType, actual);
            }

            while (!reader.IsComplete)
            {
                // A full buffer and more to come (or exactly its size): stage it, read the next.
                var blockId = BlockId(blockIds.Count);
                using (var block = new MemoryStream(buffer, 0, filled, writable: false))
                {
                    await blob.StageBlockAsync(blockId, block, cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                blockIds.Add(blockId);
                filled = await reader.FillAsync(buffer.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
                if (reader.IsTooLarge)
                {
                    LogRefusedTooLarge(requestId, reader.Length, cap);
                    await DiscardStagedBlocksAsync(blob, documentId).ConfigureAwait(false);
                    return new UploadOutcome.TooLarge(cap);
                }

                if (filled == 0)
                {
                    break;
                }
            }

            var document = new SupportingDocument(
                documentId, requestId, description.Kind,
                string.IsNullOrEmpty(description.FileName) ? documentId + DocumentTypes.ExtensionOf(description.ContentType) : description.FileName,
                description.ContentType, reader.Length, reader.Sha256(), time.GetUtcNow());
            var headers = new BlobHttpHeaders { ContentType = document.ContentType, ContentDisposition = ContentDisposition(document.FileName) };
            var metadata = ToMetadata(document);
            var newOnly = new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                if (blockIds.Count == 0)
                {
                    using var whole = new MemoryStream(buffer, 0, filled, writable: false);
                    await blob.UploadAsync(whole, new BlobUploadOptions { HttpHeaders = headers, Metadata = metadata, Conditions = newOnly }, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    if (filled > 0)
                    {
                        var lastId = BlockId(blockIds.Count);
                        using var last = new MemoryStream(buffer, 0, filled, writable: false);
                        await blob.StageBlockAsync(lastId, last, cancellationToken: cancellationToken).ConfigureAwait(false);
                        blockIds.Add(lastId);
                    }

                    await blob.CommitBlockListAsync(blockIds, new CommitBlockListOptions { HttpHeaders = headers, Metadata = metadata, Conditions = newOnly }, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (RequestFailedException exception) when (exception.ErrorCode == BlobErrorCode.BlobAlreadyExists)
            {
                // The id is new: only this upload's own first attempt can have created the blob, its
                // answer lost on the way (storage restarting) and the write sent again by the storage
                // client. Stored, then, if it holds these bytes (found by the chaos campaign: a 500).
                if (!await HoldsAsync(blob, document, cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }
            }

            LogStored(documentId, requestId, document.Size, document.Sha256);
            return new UploadOutcome.Stored(document);
        }
        catch (Exception exception) when (blockIds.Count > 0 && exception is IOException or OperationCanceledException or RequestFailedException)
        {
            // The upload broke off (the client went away, storage failed) after staging blocks.
            await DiscardStagedBlocksAsync(blob, documentId).ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Whether the stored blob is <paramref name="document"/>: its hash and size.</summary>
    private static async Task<bool> HoldsAsync(BlockBlobClient blob, SupportingDocument document, CancellationToken cancellationToken)
    {
        var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        return properties.ContentLength == document.Size
            && properties.Metadata.TryGetValue(Sha256Key, out var hash) && string.Equals(hash, document.Sha256, StringComparison.Ordinal);
    }

    // Best effort, whatever the request's own cancellation: committing an empty block list discards
    // the uncommitted blocks (it only creates the blob if none exists: the document id is new), and
    // deleting that empty blob leaves nothing behind. A failure here leaves the blocks to the sweep.
    private async Task DiscardStagedBlocksAsync(BlockBlobClient blob, string documentId)
    {
        try
        {
            await blob.CommitBlockListAsync([], new CommitBlockListOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, CancellationToken.None).ConfigureAwait(false);
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException exception)
        {
            LogDiscardFailed(documentId, exception.Status, exception.ErrorCode);
        }
    }

    /// <summary>The request's documents, oldest first.</summary>
    public async Task<IReadOnlyList<SupportingDocument>> ListAsync(string landlordId, string requestId, CancellationToken cancellationToken = default)
    {
        var result = new List<SupportingDocument>();
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, $"{landlordId}/{requestId}/", cancellationToken).ConfigureAwait(false))
        {
            if (FromMetadata(requestId, item.Name[(item.Name.LastIndexOf('/') + 1)..], item.Metadata, item.Properties.ContentType, item.Properties.ContentLength ?? 0) is { } document)
            {
                result.Add(document);
            }
        }

        return [.. result.OrderBy(d => d.UploadedAt)];
    }

    /// <summary>Deletes the document (a no-op when the request has no such document).</summary>
    public async Task DeleteAsync(string landlordId, string requestId, string documentId, CancellationToken cancellationToken = default)
    {
        if (IsWellFormedId(documentId))
        {
            await _container.GetBlobClient(BlobName(landlordId, requestId, documentId)).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The document's metadata, or null when the request has no such document.</summary>
    public async Task<SupportingDocument?> GetAsync(string landlordId, string requestId, string documentId, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormedId(documentId))
        {
            return null;
        }

        try
        {
            var properties = await _container.GetBlobClient(BlobName(landlordId, requestId, documentId)).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return FromMetadata(requestId, documentId, properties.Value.Metadata, properties.Value.ContentType, properties.Value.ContentLength);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The document and a stream of its bytes (read as the caller reads it), or null when the request has no such document.</summary>
    public async Task<(SupportingDocument Document, Stream Content)?> OpenReadAsync(string landlordId, string requestId, string documentId, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormedId(documentId))
        {
            return null;
        }

        try
        {
            var download = await _container.GetBlobClient(BlobName(landlordId, requestId, documentId)).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var details = download.Value.Details;
            if (FromMetadata(requestId, documentId, details.Metadata, details.ContentType, download.Value.Details.ContentLength) is not { } document)
            {
                await download.Value.Content.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            return (document, download.Value.Content);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>A <c>Content-Disposition</c> value for <paramref name="fileName"/> (with <c>filename*</c> for non-ASCII names).</summary>
    public static string ContentDisposition(string fileName)
    {
        var header = new ContentDispositionHeaderValue("attachment");
        if (fileName.All(char.IsAscii))
        {
            header.FileName = "\"" + fileName.Replace("\"", string.Empty, StringComparison.Ordinal) + "\"";
        }
        else
        {
            header.FileNameStar = fileName;
        }

        return header.ToString();
    }

    // Block ids of one blob must all have the same length.
    private static string BlockId(int index) => Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(index.ToString("D6", CultureInfo.InvariantCulture)));

    private static string BlobName(string landlordId, string requestId, string documentId) => $"{landlordId}/{requestId}/{documentId}";

    private static Dictionary<string, string> ToMetadata(SupportingDocument document) => new(StringComparer.Ordinal)
    {
        [KindKey] = document.Kind.ToString(),
        // Metadata values are ASCII: the file name travels escaped.
        [FileNameKey] = Uri.EscapeDataString(document.FileName),
        [Sha256Key] = document.Sha256,
        [UploadedAtKey] = document.UploadedAt.ToString("O", CultureInfo.InvariantCulture),
    };

    private static SupportingDocument? FromMetadata(string requestId, string documentId, IDictionary<string, string> metadata, string contentType, long size) =>
        metadata.TryGetValue(KindKey, out var kind) && Enum.TryParse<DocumentKind>(kind, out var parsedKind)
        && metadata.TryGetValue(FileNameKey, out var fileName)
        && metadata.TryGetValue(Sha256Key, out var sha256)
        && metadata.TryGetValue(UploadedAtKey, out var uploadedAt) && DateTimeOffset.TryParse(uploadedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsedAt)
            ? new SupportingDocument(documentId, requestId, parsedKind, Uri.UnescapeDataString(fileName), contentType, size, sha256, parsedAt)
            : null;

    [GeneratedRegex("^doc-[0-9a-f]{24}$")]
    private static partial Regex IdPattern();

    [LoggerMessage(EventId = 240, Level = LogLevel.Information, Message = "Stored document {DocumentId} of request {RequestId}: {Size} bytes, SHA-256 {Sha256}")]
    private partial void LogStored(string documentId, string requestId, long size, string sha256);

    [LoggerMessage(EventId = 241, Level = LogLevel.Information, Message = "Refused a document of request {RequestId}: more than {MaxBytes} bytes (read {Read}); nothing stored")]
    private partial void LogRefusedTooLarge(string requestId, long read, long maxBytes);

    [LoggerMessage(EventId = 243, Level = LogLevel.Warning, Message = "Could not discard the staged blocks of document {DocumentId} ({Status} {ErrorCode}); the service drops them within a week")]
    private partial void LogDiscardFailed(string documentId, int status, string? errorCode);
}
