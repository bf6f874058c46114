using System.Globalization;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Partenariat.Workflow.Http;

/// <summary>
/// A call that failed because storage did not answer at all (the account unreachable or
/// restarting, after the storage client's own retries): the API answers 503 with Retry-After, for
/// the caller to send it again, instead of a 500 that says nothing of what to do. The API's writes
/// are safe to send again (a submission with the same Idempotency-Key gives its first answer; steps,
/// decisions and milestones are applied once). Both hosts answer and log it through this class: the
/// self-contained host from its exception handler, the Functions app from its worker middleware.
/// </summary>
public static partial class StorageUnavailable
{
    /// <summary>How long the caller should wait before sending the call again.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>Whether <paramref name="exception"/> says storage did not answer (no response at all), not that it refused.</summary>
    public static bool Caused(Exception? exception) => exception switch
    {
        null => false,
        // No response: connection refused or reset, no route (a response of storage carries its status).
        RequestFailedException failed => failed.Status == 0,
        HttpRequestException => true,
        // The storage client's retries, each without an answer.
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(Caused),
        _ => Caused(exception.InnerException),
    };

    /// <summary>Writes the 503 problem, with its Retry-After header.</summary>
    public static Task WriteAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(
            type: "urn:partenariat:problems:storage-unavailable",
            title: "Storage does not answer",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            detail: $"The service's storage did not answer, so the call may not have taken effect. Send it again in {RetryAfterSeconds} seconds: a submission sent again with the same Idempotency-Key is not made twice, and a step already taken is not taken again.")
            .ExecuteAsync(http);
    }

    /// <summary>Logs that <paramref name="request"/> was answered 503 because of <paramref name="exception"/> (its first line).</summary>
    public static void LogAnswered(ILogger logger, HttpRequest request, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(exception);
        LogStorageUnavailable(logger, request.Method, request.Path, exception.Message.Split('\n')[0]);
    }

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: storage did not answer ({Reason}).")]
    private static partial void LogStorageUnavailable(ILogger logger, string method, string path, string reason);
}
