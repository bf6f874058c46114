using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using Partenariat.Workflow.Http;

namespace Partenariat.Functions;

/// <summary>
/// Answers an HTTP-triggered function's call 503 with Retry-After (<see cref="StorageUnavailable"/>)
/// when it failed because storage did not answer, as the self-contained host does, instead of the
/// 500 of a failed invocation. The problem is written on the request's HttpContext, which the
/// ASP.NET Core integration's middleware (outside this one) then sends. Every other exception, and
/// every exception of a function without an HTTP request (queue, timer, orchestration, activity:
/// the runtime retries those), goes on unchanged.
/// </summary>
internal sealed class StorageUnavailableMiddleware(ILogger<StorageUnavailableMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (StorageUnavailable.Caused(exception) && context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            StorageUnavailable.LogAnswered(logger, http.Request, exception);
            await StorageUnavailable.WriteAsync(http).ConfigureAwait(false);
        }
    }
}
