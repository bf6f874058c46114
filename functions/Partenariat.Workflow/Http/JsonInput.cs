using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Partenariat.Domain.Common;

namespace Partenariat.Workflow.Http;

/// <summary>What reading a JSON input (a request's body, a queue message) gave.</summary>
/// <typeparam name="T">The type read.</typeparam>
public abstract record JsonInput<T>
    where T : class
{
    private JsonInput()
    {
    }

    /// <summary>Read, of the right shape.</summary>
    public sealed record Read(T Value) : JsonInput<T>;

    /// <summary>Larger than its cap: not read further.</summary>
    public sealed record TooLarge(long MaxBytes) : JsonInput<T>;

    /// <summary>Not JSON, empty, not an object, or nested too deep.</summary>
    public sealed record Malformed(string Detail) : JsonInput<T>;

    /// <summary>JSON whose shape is not <typeparamref name="T"/>'s: every field at fault.</summary>
    public sealed record Invalid(IReadOnlyList<ValidationError> Errors) : JsonInput<T>;

    /// <summary>The problem answering a refused HTTP body (413 or 400), or null when read.</summary>
    public IResult? Problem => this switch
    {
        TooLarge tooLarge => Problems.BodyTooLarge(tooLarge.MaxBytes),
        Malformed malformed => Problems.Malformed(malformed.Detail),
        Invalid invalid => Problems.Invalid(invalid.Errors, "The body is not valid"),
        _ => null,
    };

    /// <summary>Why a refused queue message was set aside, in plain words, or null when read.</summary>
    public string? Reason => this switch
    {
        TooLarge tooLarge => $"The message is larger than {tooLarge.MaxBytes} bytes.",
        Malformed malformed => malformed.Detail,
        Invalid invalid => JsonInputReader.Describe(invalid.Errors),
        _ => null,
    };
}

/// <summary>
/// The one reader of JSON input, for every body of both hosts and the committee's queue messages:
/// the bytes read under a cap (the route's, never more: a larger body is not buffered whole), parsed
/// into a <see cref="JsonDocument"/> under a depth cap, checked against the target type's shape with
/// <see cref="JsonShape"/> (every field at fault, in plain words), and only then deserialized with
/// <see cref="PartenariatJson"/>'s options.
/// </summary>
public static class JsonInputReader
{
    /// <summary>The deepest nesting accepted (the inputs are at most four levels deep).</summary>
    public const int MaxDepth = 16;

    private const int ChunkBytes = 4096;

    // Kestrel's default body limit (about 28.6 MiB): what a refused body may still be drained to.
    private const long DrainBytes = 30_000_000;

    /// <summary>Every error in plain words, each after its field: <c>outcome: Expected ...; got ... .</c></summary>
    public static string Describe(IEnumerable<ValidationError> errors) =>
        string.Join(" ", errors.Select(e => $"{(e.Field.Length == 0 ? string.Empty : e.Field + ": ")}{e.Message}"));

    /// <summary>The body of <paramref name="http"/>, read up to <paramref name="maxBytes"/>; null when it is larger (then not read further).</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest http, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        if (http.ContentLength > maxBytes)
        {
            // Refused unread. The server then reads the rest and drops it, so that the client, still
            // sending, gets the answer rather than a reset connection: let it, within Kestrel's own
            // default limit (the route's limit is the cap, which the rest would pass).
            if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = Math.Max(maxBytes, DrainBytes);
            }

            return null;
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(maxBytes + 1, 16 * 1024));
        try
        {
            while (true)
            {
                var read = await http.Body.ReadAsync(buffer.GetMemory(ChunkBytes)[..ChunkBytes], cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.WrittenSpan.ToArray();
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > maxBytes)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own limit for the route (the self-contained host sets it to the same cap) met first.
            return null;
        }
    }

    /// <summary>Reads <paramref name="http"/>'s body as a <typeparamref name="T"/>, under <paramref name="maxBytes"/>.</summary>
    public static async Task<JsonInput<T>> ReadAsync<T>(HttpRequest http, long maxBytes, CancellationToken cancellationToken = default)
        where T : class
    {
        var body = await ReadBodyAsync(http, maxBytes, cancellationToken).ConfigureAwait(false);
        return body is null ? new JsonInput<T>.TooLarge(maxBytes) : Parse<T>(body, maxBytes);
    }

    /// <summary>
    /// Reads <paramref name="utf8"/> as a <typeparamref name="T"/> (larger than <paramref name="maxBytes"/>:
    /// refused unread); <paramref name="subject"/> names the input in the refusals ("The body", "The message").
    /// </summary>
    public static JsonInput<T> Parse<T>(ReadOnlyMemory<byte> utf8, long maxBytes, string subject = "The body")
        where T : class
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (utf8.Length > maxBytes)
        {
            return new JsonInput<T>.TooLarge(maxBytes);
        }

        if (utf8.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return new JsonInput<T>.Malformed($"{subject} is empty: send a JSON object {{ ... }}.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException exception)
        {
            return new JsonInput<T>.Malformed($"{subject} is not valid JSON: {exception.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new JsonInput<T>.Malformed($"{subject} must be a JSON object {{ ... }}.");
            }

            try
            {
                if (JsonShape.Check(root, typeof(T), PartenariatJson.Options) is { Count: > 0 } errors)
                {
                    return new JsonInput<T>.Invalid(errors);
                }

                return root.Deserialize<T>(PartenariatJson.Options) is { } value
                    ? new JsonInput<T>.Read(value)
                    : new JsonInput<T>.Malformed($"{subject} is empty: send a JSON object {{ ... }}.");
            }
            catch (InvalidOperationException)
            {
                // A text that is no Unicode: invalid UTF-8, or half of a surrogate pair escaped on its own.
                return new JsonInput<T>.Malformed($"{subject} holds text that is not valid Unicode (invalid UTF-8, or a lone \\uD800-\\uDFFF escape): send UTF-8 text.");
            }
            catch (JsonException)
            {
                // The shape check lets through only what deserializes; should it ever miss, the caller still gets a 400.
                return new JsonInput<T>.Malformed($"{subject} could not be read: check each field's value against the API's description.");
            }
        }
    }
}
