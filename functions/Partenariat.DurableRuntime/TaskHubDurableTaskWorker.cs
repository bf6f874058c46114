using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Partenariat.Workflow.Configuration;

namespace Partenariat.DurableRuntime;

/// <summary>
/// Runs the Microsoft.DurableTask orchestrators and activities registered with the worker builder on
/// the Durable Task Framework's own <see cref="TaskHubWorker"/> over the task hub's Azure Storage
/// provider: each is adapted by the public <see cref="DurableTaskShimFactory"/>, orchestrators are
/// created per episode, activities in a dependency-injection scope of their own.
/// </summary>
/// <remarks>
/// Written here because no served package runs Microsoft.DurableTask classes on DTFx's storage
/// providers in-process without the Functions runtime (the gRPC in-process sidecar was measured to
/// lose sub-orchestrations on this provider: see DESIGN.md).
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
    private TaskHubWorker? _worker;

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

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_worker is { } worker)
        {
            _status.IsRunning = false;
            // Graceful: in-flight work items finish and partitions are released for other workers.
            await worker.StopAsync(isForced: false).WaitAsync(cancellationToken).ConfigureAwait(false);
            LogStopped(_logger, _hub.Settings.TaskHubName, _hub.Settings.WorkerId);
        }
    }

    /// <summary>
    /// Creates the task hub where missing and starts the framework's worker, retrying with
    /// exponential back-off while storage does not answer, so that the host itself starts (and
    /// reports the storage failure through its health endpoint) instead of failing.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var shims = new DurableTaskShimFactory(_options, _loggerFactory);
        var retry = StartupRetry.Create((exception, delay) => LogStartFailed(_logger, exception, _hub.Settings.TaskHubName, delay));
        try
        {
            await retry.ExecuteAsync(
                async token =>
                {
                    await _hub.Service.CreateIfNotExistsAsync().WaitAsync(token).ConfigureAwait(false);
                    var worker = new TaskHubWorker(
                        new SignalingOrchestrationService(_hub.Service, _signals, ActivityFetchers(_hub.Options)),
                        new OrchestrationObjects(Factory, _services, shims),
                        new ActivityObjects(Factory, _services, shims),
                        _loggerFactory)
                    {
                        // Failures travel as FailureDetails (type, message, stack, inner failure),
                        // which the Microsoft.DurableTask shims read.
                        ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
                    };
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

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Durable worker started on task hub {TaskHub} as {WorkerId} ({Partitions} partitions, {ActivityFetchers} activity fetchers)")]
    private static partial void LogStarted(ILogger logger, string taskHub, string workerId, int partitions, int activityFetchers);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Durable worker stopped on task hub {TaskHub} as {WorkerId}")]
    private static partial void LogStopped(ILogger logger, string taskHub, string workerId);

    /// <summary>
    /// Creates orchestrations by name from the factory, adapted by the shims. An unknown name fails
    /// the instance, as in Durable Functions (the framework alone would retry it forever, waiting for
    /// a deployment that brings it).
    /// </summary>
    private sealed class OrchestrationObjects(IDurableTaskFactory factory, IServiceProvider services, DurableTaskShimFactory shims)
        : INameVersionObjectManager<TaskOrchestration>
    {
        public void Add(ObjectCreator<TaskOrchestration> creator) =>
            throw new NotSupportedException("Orchestrators are registered with the durable task worker builder.");

        public TaskOrchestration? GetObject(string name, string? version) =>
            factory.TryCreateOrchestrator(new TaskName(name), services, out var orchestrator) && orchestrator is not null
                ? shims.CreateOrchestration(new TaskName(name), orchestrator)
                : new MissingOrchestration(name);
    }

    private sealed class MissingOrchestration(string name) : TaskOrchestration
    {
        // A faulted task (not a thrown exception) is what the framework turns into a failed instance.
        public override Task<string> Execute(OrchestrationContext context, string input) =>
            Task.FromException<string>(new InvalidOperationException($"No orchestrator named '{name}' is registered."));

        public override string GetStatus() => string.Empty;

        public override void RaiseEvent(OrchestrationContext context, string name, string input)
        {
        }
    }

    /// <summary>Creates activities by name; each execution runs in its own service scope.</summary>
    private sealed class ActivityObjects(IDurableTaskFactory factory, IServiceProvider services, DurableTaskShimFactory shims)
        : INameVersionObjectManager<TaskActivity>
    {
        public void Add(ObjectCreator<TaskActivity> creator) =>
            throw new NotSupportedException("Activities are registered with the durable task worker builder.");

        public TaskActivity? GetObject(string name, string? version) => new ScopedActivity(new TaskName(name), factory, services, shims);
    }

    private sealed class ScopedActivity(TaskName name, IDurableTaskFactory factory, IServiceProvider services, DurableTaskShimFactory shims) : TaskActivity
    {
        public override string Run(TaskContext context, string input) =>
            throw new NotSupportedException("Activities run asynchronously.");

        public override async Task<string?> RunAsync(TaskContext context, string input)
        {
            var scope = services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                if (!factory.TryCreateActivity(name, scope.ServiceProvider, out var activity) || activity is null)
                {
                    throw new InvalidOperationException($"No activity named '{name.Name}' is registered.");
                }

                return await shims.CreateActivity(name, activity).RunAsync(context, input).ConfigureAwait(false);
            }
        }
    }
}
