using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Partenariat.SelfContainedHost.Authentication;

namespace Partenariat.SelfContainedHost.DurableWebhooks;

/// <summary>
/// An answer of Durable's webhooks as the Functions host writes it: a bodiless status (no problem
/// details: the webhooks are the Functions host's API, not ours), or JSON as Newtonsoft.Json writes
/// it there (<c>application/json; charset=utf-8</c>, no escaping of '&amp;' or accented letters),
/// with <c>Location</c> and <c>Retry-After</c> where the Functions host sets them.
/// </summary>
internal sealed class WebhookResponse(int statusCode, JsonNode? body = null) : IResult
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The status code.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The body; null for none.</summary>
    public JsonNode? Body { get; } = body;

    /// <summary>The <c>Location</c> header, if any.</summary>
    public string? Location { get; init; }

    /// <summary>The <c>Retry-After</c> header in seconds, if any.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>A status with no body.</summary>
    public static WebhookResponse Empty(int statusCode) => new(statusCode);

    /// <summary>A JSON string as the whole body (the Functions host's answer to a few refusals).</summary>
    public static WebhookResponse Text(int statusCode, string text) => new(statusCode, JsonValue.Create(text));

    /// <summary>
    /// The ASP.NET Web API error object the Functions host answers: <c>Message</c>, and with an
    /// exception its <c>ExceptionMessage</c>, <c>ExceptionType</c> and <c>StackTrace</c>.
    /// </summary>
    public static WebhookResponse Error(int statusCode, string message, Exception? exception = null)
    {
        var error = new JsonObject { ["Message"] = message };
        if (exception is not null)
        {
            error["ExceptionMessage"] = exception.Message;
            error["ExceptionType"] = exception.GetType().FullName;
            error["StackTrace"] = exception.StackTrace;
        }

        return new WebhookResponse(statusCode, error);
    }

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        HostKeys.DisableStatusCodePages(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        if (RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (Body is null)
        {
            response.ContentLength = 0;
            return;
        }

        response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(response.Body, Body, Json, httpContext.RequestAborted);
    }
}
