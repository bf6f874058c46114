using Microsoft.AspNetCore.Diagnostics;
using Partenariat.Workflow.Http;

namespace Partenariat.SelfContainedHost.Startup;

/// <summary>
/// Answers 503 with Retry-After (<see cref="StorageUnavailable"/>) when a call failed because
/// storage did not answer (Azurite or the account restarting, unreachable), instead of the 500 of
/// an unhandled exception; every other exception stays a 500.
/// </summary>
internal sealed partial class StorageUnavailableHandler(ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!StorageUnavailable.Caused(exception))
        {
            return false;
        }

        LogStorageUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.Message.Split('\n')[0]);
        await StorageUnavailable.WriteAsync(httpContext).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: storage did not answer ({Reason}).")]
    private static partial void LogStorageUnavailable(ILogger logger, string method, string path, string reason);
}
