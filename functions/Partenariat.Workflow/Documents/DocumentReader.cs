using System.Security.Cryptography;

namespace Partenariat.Workflow.Documents;

/// <summary>
/// Reads an uploaded document from its stream a chunk at a time, never the whole file: every byte
/// read goes through an incremental SHA-256 and a size counter, and reading stops as soon as the
/// size passes the cap (the rest of the stream is left unread).
/// </summary>
public sealed class DocumentReader : IDisposable
{
    private readonly Stream _source;
    private readonly long _maxBytes;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Reads <paramref name="source"/>, accepting at most <paramref name="maxBytes"/> bytes.</summary>
    public DocumentReader(Stream source, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        _source = source;
        _maxBytes = maxBytes;
    }

    /// <summary>Bytes read so far.</summary>
    public long Length { get; private set; }

    /// <summary>Whether the document is larger than the cap (then reading has stopped).</summary>
    public bool IsTooLarge => Length > _maxBytes;

    /// <summary>Whether the stream has ended.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>
    /// Fills <paramref name="buffer"/> from the stream until it is full, the stream ends, or the cap
    /// is passed (<see cref="IsTooLarge"/>); returns how many bytes it holds. The hash covers them.
    /// </summary>
    public async ValueTask<int> FillAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var filled = 0;
        while (filled < buffer.Length && !IsComplete && !IsTooLarge)
        {
            // Never ask for more than one byte past the cap: that byte is enough to know it is too large.
            var wanted = (int)Math.Min(buffer.Length - filled, _maxBytes + 1 - Length);
            var read = await _source.ReadAsync(buffer.Slice(filled, wanted), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                IsComplete = true;
                break;
            }

            _hash.AppendData(buffer.Span.Slice(filled, read));
            filled += read;
            Length += read;
        }

        return filled;
    }

    /// <summary>The SHA-256 of everything read, in lowercase hexadecimal.</summary>
    public string Sha256()
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        _hash.GetCurrentHash(digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <inheritdoc />
    public void Dispose() => _hash.Dispose();
}
