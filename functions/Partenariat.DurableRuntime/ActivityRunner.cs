using System.Diagnostics;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Middleware;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using IExceptionPropertiesProvider = Microsoft.DurableTask.Worker.IExceptionPropertiesProvider;

namespace Partenariat.DurableRuntime;

/// <summary>
/// Runs every activity work item, as the framework's activity dispatcher middleware, the way
/// Microsoft.DurableTask's worker runs it: the implementation registered for the activity's name and
/// version, in a dependency-injection scope of its own, adapted by the shims. Its failure is recorded
/// with the exception's properties (<see cref="IExceptionPropertiesProvider"/>); an activity nobody
/// registered (<c>ActivityTaskNotFound</c>) or called with a version the worker's versioning refuses
/// (<c>VersionMismatch</c>, strategy <c>Fail</c>) fails with a failure no retry policy repeats.
/// </summary>
internal sealed class ActivityRunner(
    VersionedTaskFactory factory,
    IServiceProvider services,
    DurableTaskShimFactory shims,
    DurableTaskWorkerOptions.VersioningOptions? versioning,
    IExceptionPropertiesProvider? exceptionProperties)
{
    /// <summary>The error type of a failure for an activity nobody registered (the SDK's own).</summary>
    public const string NotFoundErrorType = "ActivityTaskNotFound";

    /// <summary>The middleware: it answers the work item itself and never calls the framework's own step.</summary>
    public async Task RunAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scheduled = context.GetProperty<TaskScheduledEvent>();
        var instance = context.GetProperty<OrchestrationInstance>();
        var response = VersionCheck.Evaluate(versioning, scheduled.Version) is { } mismatch
            ? Failed(scheduled, mismatch)
            : await ExecuteAsync(scheduled, instance).ConfigureAwait(false);
        context.SetProperty(new ActivityExecutionResult { ResponseEvent = response });
    }

    private async Task<HistoryEvent> ExecuteAsync(TaskScheduledEvent scheduled, OrchestrationInstance instance)
    {
        var name = new TaskName(scheduled.Name ?? string.Empty);
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            if (!factory.TryCreateActivity(name, scheduled.Version, scope.ServiceProvider, out var activity) || activity is null)
            {
                return Failed(scheduled, new FailureDetails(
                    NotFoundErrorType, OrchestrationObjects.NotFound("activity", scheduled.Name ?? string.Empty, scheduled.Version), null, null, isNonRetriable: true));
            }

            var taskContext = new TaskContext(instance, name.Name, scheduled.Version ?? string.Empty, scheduled.EventId);
            try
            {
                var output = await shims.CreateActivity(name, activity).RunAsync(taskContext, scheduled.Input).ConfigureAwait(false);
                return new TaskCompletedEvent(-1, scheduled.EventId, output);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                return Failed(scheduled, new FailureDetails(exception, exceptionProperties?.GetExceptionProperties(exception)));
            }
        }
    }

    private static TaskFailedEvent Failed(TaskScheduledEvent scheduled, FailureDetails failure)
    {
        // The framework's span of this execution (it marks failures only where it runs the activity itself).
        if (Activity.Current is { Kind: ActivityKind.Server } span && span.Source.Name == typeof(TaskActivity).Assembly.GetName().Name)
        {
            span.SetStatus(ActivityStatusCode.Error, failure.ErrorMessage);
        }

        return new(-1, scheduled.EventId, failure.ErrorMessage, null, failure);
    }
}
