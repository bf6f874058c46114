using System.Diagnostics;
using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Tracing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;
using Partenariat.Workflow.Telemetry;
using Core = DurableTask.Core;
using CoreQuery = DurableTask.Core.Query;

namespace Partenariat.DurableRuntime;

/// <summary>
/// A <see cref="DurableTaskClient"/> over the Azure Storage provider's client, query and purge
/// interfaces, so that handlers use the same client type in both hosts. Payloads are serialized once
/// with the worker's data converter and pass through the provider as the JSON strings they are.
/// </summary>
/// <remarks>
/// Written here because the Durable Task SDK's own client over <c>IOrchestrationServiceClient</c>
/// (its OrchestrationServiceClientShim package) is not served by our package mirror.
/// Starting an instance follows Durable Functions' default: an id that is pending, running or
/// suspended is refused (<see cref="InstanceAlreadyRunningException"/>); a finished one starts again.
/// </remarks>
public sealed class TaskHubDurableTaskClient : DurableTaskClient
{
    /// <summary>The statuses in which an instance id cannot be started again, as in Durable Functions.</summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus> RunningStatuses { get; } =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
#pragma warning disable CS0618 // ContinuedAsNew is obsolete in the SDK but the provider still reports it between generations.
        OrchestrationRuntimeStatus.ContinuedAsNew,
#pragma warning restore CS0618
    ];

    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPollDelay = TimeSpan.FromSeconds(1);

    private readonly DurableTaskHub _hub;
    private readonly DataConverter _dataConverter;
    private readonly TimeProvider _timeProvider;
    private readonly InstanceCompletionSignals _signals;

    /// <summary>Creates the client.</summary>
    public TaskHubDurableTaskClient(string name, DurableTaskHub hub, DataConverter dataConverter, InstanceCompletionSignals signals, TimeProvider timeProvider)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(dataConverter);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _hub = hub;
        _dataConverter = dataConverter;
        _signals = signals;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public override DurableEntityClient Entities =>
        throw new NotSupportedException("Durable entities are not used by this application.");

    private Core.IOrchestrationServiceClient Client => _hub.Service;

    /// <inheritdoc />
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName.Name);
        cancellation.ThrowIfCancellationRequested();
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var tags = options?.Tags?.ToDictionary(tag => tag.Key, tag => tag.Value) ?? [];
        tags[OrchestrationTags.RequestTime] = _timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var started = new ExecutionStartedEvent(-1, _dataConverter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.ToString() ?? string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = tags,
        };
        // The span of this request; the worker's orchestration span (and its activities') hang under it.
        using var span = DurableTelemetry.Source.StartActivity("create_orchestration:" + orchestratorName.Name, ActivityKind.Producer);
        if (span is not null)
        {
            span.SetTag(DurableTelemetry.NameTag, orchestratorName.Name);
            span.SetTag(DurableTelemetry.InstanceIdTag, instanceId);
            started.ParentTraceContext = new DistributedTraceContext(span.Id!, span.TraceStateString);
        }
        else
        {
            // Nobody traces here: a worker that does (in another process) starts the trace itself.
            started.GenerateNewTrace = true;
        }

        var message = new TaskMessage { OrchestrationInstance = instance, Event = started };

        var dedupe = (options?.DedupeStatuses is { Count: > 0 } statuses
                ? statuses.Select(ParseStatus)
                : RunningStatuses)
            .Select(ToCore)
            .ToArray();
        try
        {
            await Client.CreateTaskOrchestrationAsync(message, dedupe).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException exception)
        {
            span?.SetStatus(ActivityStatusCode.Error, "already running");
            throw InstanceAlreadyRunningException.For(instanceId, exception);
        }

        return instanceId;
    }

    /// <inheritdoc />
    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var raised = new EventRaisedEvent(-1, _dataConverter.Serialize(eventPayload)) { Name = eventName };
        using var span = DurableTelemetry.Source.StartActivity("raise_event:" + eventName, ActivityKind.Producer);
        if (span is not null)
        {
            span.SetTag(DurableTelemetry.EventNameTag, eventName);
            span.SetTag(DurableTelemetry.InstanceIdTag, instanceId);
            raised.ParentTraceContext = new DistributedTraceContext(span.Id!, span.TraceStateString);
        }

        await SendAsync(instanceId, raised, cancellation).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    /// <inheritdoc />
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    /// <inheritdoc />
    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return Client.ForceTerminateTaskOrchestrationAsync(instanceId, _dataConverter.Serialize(options?.Output));
    }

    /// <inheritdoc />
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var states = await _hub.Service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: getInputsAndOutputs).ConfigureAwait(false);
        if (states is not { Count: > 0 })
        {
            return null;
        }

        TaskFailureDetails? failure = null;
        if (states[0].OrchestrationStatus == Core.OrchestrationStatus.Failed && states[0].FailureDetails is null)
        {
            // The provider's instance table keeps only "type: message" of a failure; the whole of it
            // (stack trace, inner failures) is in the history's completion event.
            var history = await _hub.Service.GetOrchestrationHistoryAsync(instanceId, states[0].OrchestrationInstance.ExecutionId).ConfigureAwait(false);
            failure = FailureDetailsReader.FromHistory(history);
        }

        return ToMetadata(states[0], getInputsAndOutputs, failure);
    }

    /// <inheritdoc />
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var query = new CoreQuery.OrchestrationQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(ToCore).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                TaskHubNames = filter?.TaskHubNames?.ToList(),
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await _hub.Service.GetOrchestrationWithQueryAsync(query, cancellation).ConfigureAwait(false);
            var page = result.OrchestrationState.Select(state => ToMetadata(state, query.FetchInputsAndOutputs)).ToList();
            return new Page<OrchestrationMetadata>(page, string.IsNullOrEmpty(result.ContinuationToken) ? null : result.ContinuationToken);
        });

    /// <inheritdoc />
    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        var delay = FirstPollDelay;
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"No orchestration instance '{instanceId}' exists.");
            if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
            {
                return metadata;
            }

            await Task.Delay(delay, _timeProvider, cancellation).ConfigureAwait(false);
            delay = Next(delay);
        }
    }

    /// <summary>
    /// Waits until the instance reaches a final state. An instance that this process's worker
    /// finishes is seen at once (the worker signals it); one finished elsewhere is seen by polling,
    /// from 50 ms up to one read a second.
    /// </summary>
    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var delay = FirstPollDelay;
        while (true)
        {
            var completed = _signals.WaitAsync(instanceId);
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false);
            if (metadata is not null && metadata.IsCompleted && metadata.RuntimeStatus != ContinuedAsNew)
            {
                return metadata;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(delay);
            try
            {
                await completed.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                delay = Next(delay);
            }
        }
    }

    /// <inheritdoc />
    public override async Task<Microsoft.DurableTask.Client.PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellation).ConfigureAwait(false);
        if (metadata is null)
        {
            return new Microsoft.DurableTask.Client.PurgeResult(0);
        }

        if (!metadata.IsCompleted)
        {
            throw new InvalidOperationException(
                $"Only a finished orchestration can be purged; instance '{instanceId}' is {metadata.RuntimeStatus}. Terminate it first.");
        }

        var result = await ((IOrchestrationServicePurgeClient)_hub.Service).PurgeInstanceStateAsync(instanceId).ConfigureAwait(false);
        return new Microsoft.DurableTask.Client.PurgeResult(result.DeletedInstanceCount);
    }

    /// <inheritdoc />
    public override async Task<Microsoft.DurableTask.Client.PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellation.ThrowIfCancellationRequested();
        var coreFilter = new PurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue,
            filter.CreatedTo?.UtcDateTime,
            filter.Statuses?.Select(ToCore));
        var result = await ((IOrchestrationServicePurgeClient)_hub.Service).PurgeInstanceStateAsync(coreFilter).ConfigureAwait(false);
        return new Microsoft.DurableTask.Client.PurgeResult(result.DeletedInstanceCount);
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

#pragma warning disable CS0618 // see RunningStatuses
    private const OrchestrationRuntimeStatus ContinuedAsNew = OrchestrationRuntimeStatus.ContinuedAsNew;
#pragma warning restore CS0618

    private static TimeSpan Next(TimeSpan delay) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPollDelay.Ticks));

    private async Task SendAsync(string instanceId, HistoryEvent historyEvent, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        cancellation.ThrowIfCancellationRequested();
        await Client.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = historyEvent,
        }).ConfigureAwait(false);
    }

    private OrchestrationMetadata ToMetadata(Core.OrchestrationState state, bool getInputsAndOutputs, TaskFailureDetails? failure = null) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = getInputsAndOutputs ? _dataConverter : null,
            RuntimeStatus = (OrchestrationRuntimeStatus)state.OrchestrationStatus,
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
            LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
            SerializedInput = getInputsAndOutputs ? state.Input : null,
            SerializedOutput = getInputsAndOutputs ? state.Output : null,
            SerializedCustomStatus = state.Status,
            FailureDetails = failure ?? ToFailureDetails(state.FailureDetails)
                ?? (state.OrchestrationStatus == Core.OrchestrationStatus.Failed ? FailureDetailsReader.FromSummary(state.Output) : null),
            Tags = state.Tags?.ToDictionary(tag => tag.Key, tag => tag.Value) ?? [],
        };

    private static TaskFailureDetails? ToFailureDetails(Core.FailureDetails? details) =>
        details is null
            ? null
            : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, ToFailureDetails(details.InnerFailure), null);

    private static OrchestrationRuntimeStatus ParseStatus(string status) =>
        Enum.TryParse<OrchestrationRuntimeStatus>(status, ignoreCase: true, out var parsed)
            ? parsed
            : throw new ArgumentException($"'{status}' is not an orchestration status.", nameof(status));

    private static Core.OrchestrationStatus ToCore(OrchestrationRuntimeStatus status) => (Core.OrchestrationStatus)status;
}
