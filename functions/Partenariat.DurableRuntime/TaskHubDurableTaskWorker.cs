using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using IExceptionPropertiesProvider = Microsoft.DurableTask.Worker.IExceptionPropertiesProvider;
using Partenariat.Workflow.Configuration;

namespace Partenariat.DurableRuntime;

/// <summary>
/// Runs the Microsoft.DurableTask orchestrators and activities registered with the worker builder on
/// the Durable Task Framework's own <see cref="TaskHubWorker"/> over the task hub's Azure Storage
/// provider: each is adapted by the public <see cref="DurableTaskShimFactory"/>, orchestrators are
/// created per episode (<see cref="OrchestrationObjects"/>), activities in a dependency-injection scope
/// of their own (<see cref="ActivityRunner"/>). The worker's options are honoured as the SDK's own
/// worker honours them: versioning (match and failure strategies, default version of
/// sub-orchestrations), the <see cref="IOrchestrationFilter"/> and the
/// <see cref="IExceptionPropertiesProvider"/> registered in the services.
/// </summary>
/// <remarks>
/// Written here because no served package runs Microsoft.DurableTask classes on DTFx's storage
/// providers in-process without the Functions runtime (the gRPC in-process sidecar was measured to
/// lose sub-orchestrations on this provider: docs/durable-runtime.md).
/// </remarks>
public sealed partial class TaskHubDurableTaskWorker : DurableTaskWorker
{
    private readonly DurableTaskHub _hub;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly DurableTaskWorkerOptions _options;
    private readonly ILogger _logger;
    private readonly InstanceCompletionSignals _signals;
    private readonly DurableWorkerStatus _status;
    private readonly CancellationTokenSource _stopping = new();
    private TaskHubWorker? _worker;
    private int _stopRequested;

    /// <summary>Created by the durable task worker builder (<c>UseBuildTarget</c>).</summary>
    public TaskHubDurableTaskWorker(
        string? name,
        IDurableTaskFactory factory,
        IOptionsMonitor<DurableTaskWorkerOptions> options,
        DurableTaskHub hub,
        InstanceCompletionSignals signals,
        DurableWorkerStatus status,
        IServiceProvider services,
        ILoggerFactory loggerFactory)
        : base(name, factory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Get(Name);
        _hub = hub;
        _signals = signals;
        _status = status;
        _services = services;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<TaskHubDurableTaskWorker>();
    }

    /// <summary>Whether the worker is processing the task hub (false while it starts, retries or after it stopped).</summary>
    public bool IsRunning => _status.IsRunning;

    /// <summary>
    /// How long a stop waits for the work in flight (episodes and activities running now) to be
    /// checkpointed and the partitions released. Idle extended sessions end at once
    /// (<see cref="StoppableSession"/>); what is still running after this goes back to its queue
    /// when the queue's visibility timeout ends, as after a crash.
    /// </summary>
    internal static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3.5);

    /// <summary>
    /// Stops gracefully within <see cref="StopGrace"/> (or the host's shutdown timeout, if shorter):
    /// idle sessions end, work in flight finishes and is checkpointed, partitions are released for
    /// other workers. A stop that takes longer is left to finish in the background, and logged.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host can be stopped twice, and a stop can reach the worker after the host was disposed (a
        // WebApplicationFactory stops the host while its program's RunAsync, woken by the same stop,
        // disposes it): the first stop does the work, whenever it comes.
        if (Interlocked.Exchange(ref _stopRequested, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_worker is { } worker)
        {
            _status.IsRunning = false;
            try
            {
                await worker.StopAsync(isForced: false).WaitAsync(StopGrace, cancellationToken).ConfigureAwait(false);
                LogStopped(_logger, _hub.Settings.TaskHubName, _hub.Settings.WorkerId);
            }
            catch (Exception exception) when (exception is TimeoutException || (exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                LogStopCutShort(_logger, _hub.Settings.TaskHubName, _hub.Settings.WorkerId, StopGrace);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// <c>_stopping</c> is left to the collector: a stop may still come after the host is disposed
    /// (see <see cref="StopAsync"/>) and needs it, and it holds nothing to release (no timer, no wait
    /// handle is ever asked of its token).
    /// </remarks>
    public override void Dispose() => base.Dispose();

    /// <summary>
    /// Creates the task hub where missing and starts the framework's worker, retrying with
    /// exponential back-off while storage does not answer, so that the host itself starts (and
    /// reports the storage failure through its health endpoint) instead of failing.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var shims = new DurableTaskShimFactory(_options, _loggerFactory);
        var versioning = _options.Versioning;
#pragma warning disable CS0618 // the orchestration filter is experimental in the SDK; its worker consults it all the same
        var filter = _services.GetService<IOrchestrationFilter>() ?? _options.OrchestrationFilter;
#pragma warning restore CS0618
        var exceptionProperties = _services.GetService<IExceptionPropertiesProvider>();
        ExceptionPropertiesProvider = exceptionProperties;
        var gate = versioning is null && filter is null ? null : new WorkItemGate(versioning, filter, _logger);
        var factory = new VersionedTaskFactory(Factory);
        if (!factory.KnowsVersions)
        {
            LogNameOnlyFactory(_logger, Factory.GetType().FullName ?? Factory.GetType().Name);
        }

        var activities = new ActivityRunner(factory, _services, shims, versioning, exceptionProperties);
        var retry = StartupRetry.Create((exception, delay) => LogStartFailed(_logger, exception, _hub.Settings.TaskHubName, delay));
        try
        {
            await retry.ExecuteAsync(
                async token =>
                {
                    await _hub.Service.CreateIfNotExistsAsync().WaitAsync(token).ConfigureAwait(false);
                    var worker = new TaskHubWorker(
                        new WorkerOrchestrationService(_hub.Service, _signals, gate, ActivityFetchers(_hub.Options), _stopping.Token),
                        new OrchestrationObjects(factory, _services, shims, versioning),
                        new NoActivityObjects(),
                        _loggerFactory)
                    {
                        // Failures travel as FailureDetails (type, message, stack, inner failure,
                        // properties), which the Microsoft.DurableTask shims read.
                        ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
                        ExceptionPropertiesProvider = exceptionProperties is null ? null : new ExceptionPropertiesProviderAdapter(exceptionProperties),
                    };
                    worker.AddOrchestrationDispatcherMiddleware(OrchestrationObjects.TrackExecutionAsync);
                    worker.AddActivityDispatcherMiddleware(activities.RunAsync);
                    // Known before it starts, so that a stop during the start stops it (the framework
                    // serializes the two).
                    _worker = worker;
                    await worker.StartAsync().WaitAsync(token).ConfigureAwait(false);
                    _status.IsRunning = true;
                },
                stoppingToken).ConfigureAwait(false);
            LogStarted(_logger, _hub.Settings.TaskHubName, _hub.Settings.WorkerId, _hub.Settings.PartitionCount, ActivityFetchers(_hub.Options));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before it could start.
        }
    }

    /// <summary>
    /// How many loops fetch activity work items at once. The provider fetches one message per
    /// request with a single loop, which caps activity throughput at one queue round trip per
    /// activity whatever <c>maxConcurrentActivityFunctions</c> allows (measured: a fan-out of 1,000
    /// took 10 s with one loop, 7 to 8 s with four). One loop per 25 allowed activities, 1 to 8:
    /// with Durable Functions' default (10 per core) that is the provider's own single loop. Idle,
    /// the loops share the queue's back-off, so they cost a few polls more, not a multiple.
    /// </summary>
    internal static int ActivityFetchers(DurableTaskHostOptions options) => Math.Clamp(options.MaxConcurrentActivityFunctions / 25, 1, 8);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Durable worker could not start on task hub {TaskHub}; retrying in {Delay}")]
    private static partial void LogStartFailed(ILogger logger, Exception? exception, string taskHub, TimeSpan delay);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "The durable task factory {Factory} looks tasks up by name only: every version of a name runs its one registration")]
    private static partial void LogNameOnlyFactory(ILogger logger, string factory);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Durable worker started on task hub {TaskHub} as {WorkerId} ({Partitions} partitions, {ActivityFetchers} activity fetchers)")]
    private static partial void LogStarted(ILogger logger, string taskHub, string workerId, int partitions, int activityFetchers);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Durable worker stopped on task hub {TaskHub} as {WorkerId}")]
    private static partial void LogStopped(ILogger logger, string taskHub, string workerId);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Durable worker on task hub {TaskHub} as {WorkerId} did not stop within {Grace}: the work still in flight returns to its queues when their visibility timeout ends")]
    private static partial void LogStopCutShort(ILogger logger, string taskHub, string workerId, TimeSpan grace);

    /// <summary>
    /// The framework asks for an activity object before its middleware runs; the
    /// <see cref="ActivityRunner"/> middleware creates and runs every activity itself, so there is none.
    /// </summary>
    private sealed class NoActivityObjects : INameVersionObjectManager<TaskActivity>
    {
        public void Add(ObjectCreator<TaskActivity> creator) =>
            throw new NotSupportedException("Activities are registered with the durable task worker builder.");

        public TaskActivity? GetObject(string name, string? version) => null;
    }
}
