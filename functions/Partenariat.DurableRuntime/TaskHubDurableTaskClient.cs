using System.Diagnostics;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Tracing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Partenariat.Workflow.Telemetry;
using Core = DurableTask.Core;
using CoreQuery = DurableTask.Core.Query;

namespace Partenariat.DurableRuntime;

/// <summary>
/// A <see cref="DurableTaskClient"/> over the Azure Storage provider's client, query and purge
/// interfaces, so that handlers use the same client type in both hosts, with the SDK's contract:
/// its exceptions, deduplication of instance ids, restart, history, and metadata as its other clients
/// answer it. Payloads are serialized once with the client's data converter and pass through the
/// provider as the JSON strings they are.
/// </summary>
/// <remarks>
/// Written here because the Durable Task SDK's own client over <c>IOrchestrationServiceClient</c>
/// (its OrchestrationServiceClientShim package) is not served by our package mirror.
/// </remarks>
public sealed partial class TaskHubDurableTaskClient : DurableTaskClient
{
    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPollDelay = TimeSpan.FromSeconds(1);

    private readonly DurableTaskHub _hub;
    private readonly DataConverter _dataConverter;
    private readonly string _defaultVersion;
    private readonly TimeProvider _timeProvider;
    private readonly InstanceCompletionSignals _signals;

    /// <summary>
    /// The client of the options named <paramref name="name"/> (data converter, default version), as
    /// the durable task client builder creates it; host.json's <c>defaultVersion</c> stands in for a
    /// default version the options leave empty.
    /// </summary>
    [ActivatorUtilitiesConstructor]
    public TaskHubDurableTaskClient(string name, DurableTaskHub hub, IOptionsMonitor<DurableTaskClientOptions> options, InstanceCompletionSignals signals, TimeProvider timeProvider)
        : this(name, hub, (options ?? throw new ArgumentNullException(nameof(options))).Get(name), signals, timeProvider)
    {
    }

    /// <summary>A client with <paramref name="dataConverter"/> and host.json's default version.</summary>
    public TaskHubDurableTaskClient(string name, DurableTaskHub hub, DataConverter dataConverter, InstanceCompletionSignals signals, TimeProvider timeProvider)
        : this(name, hub, new DurableTaskClientOptions { DataConverter = dataConverter ?? throw new ArgumentNullException(nameof(dataConverter)) }, signals, timeProvider)
    {
    }

    private TaskHubDurableTaskClient(string name, DurableTaskHub hub, DurableTaskClientOptions options, InstanceCompletionSignals signals, TimeProvider timeProvider)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _hub = hub;
        _dataConverter = options.DataConverter;
        _defaultVersion = string.IsNullOrEmpty(options.DefaultVersion) ? hub.Options.DefaultVersion ?? string.Empty : options.DefaultVersion;
        _signals = signals;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public override DurableEntityClient Entities =>
        throw new NotSupportedException("Durable entities are not used by this application.");

    private Core.IOrchestrationServiceClient Client => _hub.Service;

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

    /// <summary>
    /// The instance's metadata: input, output and failure details only with
    /// <paramref name="getInputsAndOutputs"/>, as the SDK's other clients answer it.
    /// </summary>
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var state = await LatestStateAsync(instanceId, getInputsAndOutputs).ConfigureAwait(false);
        if (state is null)
        {
            return null;
        }

        TaskFailureDetails? failure = null;
        if (getInputsAndOutputs && state.OrchestrationStatus == Core.OrchestrationStatus.Failed && state.FailureDetails is null)
        {
            // The provider's instance table keeps only "type: message" of a failure; the whole of it
            // (stack trace, inner failures, properties) is in the history's completion event.
            var history = await HistoryAsync(state).ConfigureAwait(false);
            failure = InstanceStates.ToTaskFailureDetails(history.OfType<ExecutionCompletedEvent>().LastOrDefault()?.FailureDetails);
        }

        return InstanceStates.ToMetadata(state, getInputsAndOutputs, _dataConverter, failure);
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
            var page = result.OrchestrationState.Select(state => InstanceStates.ToMetadata(state, query.FetchInputsAndOutputs, _dataConverter)).ToList();
            return new Page<OrchestrationMetadata>(page, string.IsNullOrEmpty(result.ContinuationToken) ? null : result.ContinuationToken);
        });

    /// <summary>
    /// The history of the instance's latest execution (after a continue-as-new, the current
    /// generation's), as the framework's history events.
    /// </summary>
    /// <exception cref="ArgumentException">No instance <paramref name="instanceId"/> exists.</exception>
    public override async Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var state = await LatestStateAsync(instanceId, withInput: false).ConfigureAwait(false)
            ?? throw new ArgumentException($"No orchestration instance '{instanceId}' exists.", nameof(instanceId));
        return await HistoryAsync(state).ConfigureAwait(false);
    }

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
            if (metadata is not null && !InstanceStates.Unfinished.Contains(ToCore(metadata.RuntimeStatus)))
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

        if (InstanceStates.Unfinished.Contains(ToCore(metadata.RuntimeStatus)))
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

    private static TimeSpan Next(TimeSpan delay) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPollDelay.Ticks));

    private static Core.OrchestrationStatus ToCore(OrchestrationRuntimeStatus status) => (Core.OrchestrationStatus)status;

    private async Task<Core.OrchestrationState?> LatestStateAsync(string instanceId, bool withInput)
    {
        var states = await _hub.Service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: withInput).ConfigureAwait(false);
        return states is { Count: > 0 } ? states[0] : null;
    }

    private async Task<IList<HistoryEvent>> HistoryAsync(Core.OrchestrationState state) =>
        ProviderHistory.Parse(await _hub.Service.GetOrchestrationHistoryAsync(state.OrchestrationInstance.InstanceId, state.OrchestrationInstance.ExecutionId).ConfigureAwait(false));

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
}
