using Microsoft.AspNetCore.Diagnostics;
using Partenariat.Workflow.Http;

namespace Partenariat.SelfContainedHost.Startup;

/// <summary>
/// Answers 503 with Retry-After (<see cref="StorageUnavailable"/>) when a call failed because
/// storage did not answer (Azurite or the account restarting, unreachable), instead of the 500 of
/// an unhandled exception; every other exception stays a 500.
/// </summary>
internal sealed class StorageUnavailableHandler(ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!StorageUnavailable.Caused(exception))
        {
            return false;
        }

        StorageUnavailable.LogAnswered(logger, httpContext.Request, exception);
        await StorageUnavailable.WriteAsync(httpContext).ConfigureAwait(false);
        return true;
    }
}
