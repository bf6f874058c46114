using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.DurableTask.Worker;
using Partenariat.Workflow.Configuration;

namespace Partenariat.DurableRuntime;

/// <summary>
/// host.json's <c>extensions.durableTask</c>, with Durable Functions' key names, meaning and
/// defaults, for the Azure Storage provider. <see cref="Read"/> fails on an unknown key or an
/// invalid value with a message that names the key, so a typo never passes silently.
/// </summary>
public sealed partial class DurableTaskHostOptions
{
    /// <summary>The configuration path of host.json's durableTask section.</summary>
    public const string SectionPath = FunctionsConfiguration.JobHostSection + ":extensions:durableTask";

    /// <summary>hubName: the task hub, letters and digits, 3 to 45 characters, starting with a letter.</summary>
    public string HubName { get; private set; } = "TestHubName";

    /// <summary>storageProvider.partitionCount: control queues (1 to 16). Durable Functions' default: 4.</summary>
    public int PartitionCount { get; private set; } = 4;

    /// <summary>storageProvider.controlQueueBatchSize: messages pulled from a control queue at a time (1 to 32).</summary>
    public int ControlQueueBatchSize { get; private set; } = 32;

    /// <summary>storageProvider.controlQueueBufferThreshold: control messages buffered in memory (1 to 1000).</summary>
    public int ControlQueueBufferThreshold { get; private set; } = 256;

    /// <summary>storageProvider.controlQueueVisibilityTimeout: how long a dequeued control message stays hidden.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; private set; } = TimeSpan.FromMinutes(5);

    /// <summary>storageProvider.workItemQueueVisibilityTimeout: how long a dequeued work item stays hidden.</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; private set; } = TimeSpan.FromMinutes(5);

    /// <summary>storageProvider.maxQueuePollingInterval: the longest wait between polls of an idle queue.</summary>
    public TimeSpan MaxQueuePollingInterval { get; private set; } = TimeSpan.FromSeconds(30);

    /// <summary>storageProvider.useTablePartitionManagement: partition leases in a table rather than blobs.</summary>
    public bool UseTablePartitionManagement { get; private set; } = true;

    /// <summary>storageProvider.useLegacyPartitionManagement.</summary>
    public bool UseLegacyPartitionManagement { get; private set; }

    /// <summary>storageProvider.trackingStoreNamePrefix.</summary>
    public string? TrackingStoreNamePrefix { get; private set; }

    /// <summary>storageProvider.fetchLargeMessagesAutomatically.</summary>
    public bool FetchLargeMessagesAutomatically { get; private set; } = true;

    /// <summary>useAppLease: only workers holding the app lease process work (safe deployments).</summary>
    public bool UseAppLease { get; private set; } = true;

    /// <summary>extendedSessionsEnabled: keep orchestrations in memory between episodes.</summary>
    public bool ExtendedSessionsEnabled { get; private set; }

    /// <summary>extendedSessionIdleTimeoutInSeconds.</summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; private set; } = TimeSpan.FromSeconds(30);

    /// <summary>maxConcurrentActivityFunctions. Durable Functions' default: 10 per processor.</summary>
    public int MaxConcurrentActivityFunctions { get; private set; } = 10 * Environment.ProcessorCount;

    /// <summary>maxConcurrentOrchestratorFunctions. Durable Functions' default: 10 per processor.</summary>
    public int MaxConcurrentOrchestratorFunctions { get; private set; } = 10 * Environment.ProcessorCount;

    /// <summary>maxConcurrentEntityFunctions.</summary>
    public int MaxConcurrentEntityFunctions { get; private set; } = 10 * Environment.ProcessorCount;

    /// <summary>
    /// defaultVersion: the version of orchestrations started without one, and the version this worker
    /// runs (compared by <see cref="VersionMatchStrategy"/>); null when not set.
    /// </summary>
    public string? DefaultVersion { get; private set; }

    /// <summary>versionMatchStrategy: which orchestration versions this worker runs. Durable Functions' default: CurrentOrOlder.</summary>
    public DurableTaskWorkerOptions.VersionMatchStrategy VersionMatchStrategy { get; private set; } = DurableTaskWorkerOptions.VersionMatchStrategy.CurrentOrOlder;

    /// <summary>versionFailureStrategy: what happens to an orchestration whose version does not match. Durable Functions' default: Reject.</summary>
    public DurableTaskWorkerOptions.VersionFailureStrategy VersionFailureStrategy { get; private set; } = DurableTaskWorkerOptions.VersionFailureStrategy.Reject;

    /// <summary>Whether host.json sets any of defaultVersion, versionMatchStrategy or versionFailureStrategy.</summary>
    public bool IsVersioningSet { get; private set; }

    /// <summary>
    /// overridableExistingInstanceStates: whether starting an id whose instance is still pending,
    /// running or suspended replaces it (AnyState) or is refused (NonRunningStates, the default).
    /// </summary>
    public bool OverridesRunningInstances { get; private set; }

    /// <summary>
    /// The worker's versioning as Durable Functions reads these keys: the worker runs version
    /// <see cref="DefaultVersion"/> under the two strategies, and orchestrations it starts without a
    /// version (sub-orchestrations included) get that version. Null when host.json sets none of them.
    /// </summary>
    public DurableTaskWorkerOptions.VersioningOptions? ToVersioningOptions() => IsVersioningSet
        ? new DurableTaskWorkerOptions.VersioningOptions
        {
            Version = DefaultVersion ?? string.Empty,
            DefaultVersion = DefaultVersion ?? string.Empty,
            MatchStrategy = VersionMatchStrategy,
            FailureStrategy = VersionFailureStrategy,
        }
        : null;

    /// <summary>Keys of Durable Functions' schema that this host reads but that do not change how it runs here.</summary>
    public IReadOnlyList<string> IgnoredKeys => _ignoredKeys;

    private readonly List<string> _ignoredKeys = [];

    // Keys Durable Functions knows that have no meaning without the Functions runtime (HTTP webhooks
    // of the real host, tracing of its own telemetry, notifications, ...): accepted, reported, unused.
    private static readonly HashSet<string> AcceptedWithoutEffect = new(StringComparer.OrdinalIgnoreCase)
    {
        "tracing", "notifications", "httpSettings", "localRpcEndpointEnabled", "storeInputsInOrchestrationHistory",
        "useGracefulShutdown", "maxOrchestrationActions", "rollbackEntityOperationsOnExceptions",
        "entityMessageReorderWindowInMinutes", "appLeaseOptions", "customLifeCycleNotificationHelperType", "defaultAsyncRequestSleepTimeMilliseconds",
        "typeNameHandling", "maxEntityOperationBatchSize", "webhookUriProviderOverride",
    };

    private static readonly HashSet<string> StorageProviderAcceptedWithoutEffect = new(StringComparer.OrdinalIgnoreCase)
    {
        "type", "connectionName", "connectionStringName", "trackingStoreConnectionName", "trackingStoreConnectionStringName",
        "maxQueuePollingIntervalStrategy", "useSeparateQueueForEntityWorkItems", "allowReplayingTerminalInstances",
    };

    /// <summary>Reads and validates the options.</summary>
    /// <exception cref="InvalidOperationException">An unknown key or an invalid value; the message names the key and says what is allowed.</exception>
    public static DurableTaskHostOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new DurableTaskHostOptions();
        var errors = new List<string>();
        var section = configuration.GetSection(SectionPath);
        foreach (var child in section.GetChildren())
        {
            options.ReadTopLevel(child, errors);
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                "host.json's extensions.durableTask is not valid: " + string.Join(" ", errors));
        }

        return options;
    }

    private void ReadTopLevel(IConfigurationSection child, List<string> errors)
    {
        var key = "extensions.durableTask." + child.Key;
        switch (child.Key.ToLowerInvariant())
        {
            case "hubname":
                HubName = Text(child, key, errors, HubNamePattern(), "letters and digits, 3 to 45 characters, starting with a letter") ?? HubName;
                break;
            case "extendedsessionsenabled":
                ExtendedSessionsEnabled = Bool(child, key, errors) ?? ExtendedSessionsEnabled;
                break;
            case "extendedsessionidletimeoutinseconds":
                ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(Int(child, key, errors, 1, 3600) ?? (int)ExtendedSessionIdleTimeout.TotalSeconds);
                break;
            case "maxconcurrentactivityfunctions":
                MaxConcurrentActivityFunctions = Int(child, key, errors, 1, 10_000) ?? MaxConcurrentActivityFunctions;
                break;
            case "maxconcurrentorchestratorfunctions":
                MaxConcurrentOrchestratorFunctions = Int(child, key, errors, 1, 10_000) ?? MaxConcurrentOrchestratorFunctions;
                break;
            case "useapplease":
                UseAppLease = Bool(child, key, errors) ?? UseAppLease;
                break;
            case "maxconcurrententityfunctions":
                MaxConcurrentEntityFunctions = Int(child, key, errors, 1, 10_000) ?? MaxConcurrentEntityFunctions;
                break;
            case "defaultversion":
                DefaultVersion = string.IsNullOrWhiteSpace(child.Value) ? null : child.Value;
                IsVersioningSet = true;
                break;
            case "versionmatchstrategy":
                VersionMatchStrategy = Choice(child, key, errors, VersionMatchStrategy);
                IsVersioningSet = true;
                break;
            case "versionfailurestrategy":
                VersionFailureStrategy = Choice(child, key, errors, VersionFailureStrategy);
                IsVersioningSet = true;
                break;
            case "overridableexistinginstancestates":
                OverridesRunningInstances = Choice(child, key, errors, OverridableStates.NonRunningStates) == OverridableStates.AnyState;
                break;
            case "storageprovider":
                foreach (var setting in child.GetChildren())
                {
                    ReadStorageProvider(setting, key + "." + setting.Key, errors);
                }

                break;
            default:
                if (AcceptedWithoutEffect.Contains(child.Key))
                {
                    _ignoredKeys.Add(key);
                }
                else
                {
                    errors.Add($"'{key}' is not a Durable Functions setting (check its spelling).");
                }

                break;
        }
    }

    private void ReadStorageProvider(IConfigurationSection setting, string key, List<string> errors)
    {
        switch (setting.Key.ToLowerInvariant())
        {
            case "partitioncount":
                PartitionCount = Int(setting, key, errors, 1, 16) ?? PartitionCount;
                break;
            case "controlqueuebatchsize":
                ControlQueueBatchSize = Int(setting, key, errors, 1, 32) ?? ControlQueueBatchSize;
                break;
            case "controlqueuebufferthreshold":
                ControlQueueBufferThreshold = Int(setting, key, errors, 1, 1000) ?? ControlQueueBufferThreshold;
                break;
            case "controlqueuevisibilitytimeout":
                ControlQueueVisibilityTimeout = Duration(setting, key, errors, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7)) ?? ControlQueueVisibilityTimeout;
                break;
            case "workitemqueuevisibilitytimeout":
                WorkItemQueueVisibilityTimeout = Duration(setting, key, errors, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7)) ?? WorkItemQueueVisibilityTimeout;
                break;
            case "maxqueuepollinginterval":
                MaxQueuePollingInterval = Duration(setting, key, errors, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10)) ?? MaxQueuePollingInterval;
                break;
            case "usetablepartitionmanagement":
                UseTablePartitionManagement = Bool(setting, key, errors) ?? UseTablePartitionManagement;
                break;
            case "uselegacypartitionmanagement":
                UseLegacyPartitionManagement = Bool(setting, key, errors) ?? UseLegacyPartitionManagement;
                break;
            case "trackingstorenameprefix":
                TrackingStoreNamePrefix = Text(setting, key, errors, TrackingPrefixPattern(), "letters and digits, up to 20 characters, starting with a letter");
                break;
            case "fetchlargemessagesautomatically":
                FetchLargeMessagesAutomatically = Bool(setting, key, errors) ?? FetchLargeMessagesAutomatically;
                break;
            default:
                if (StorageProviderAcceptedWithoutEffect.Contains(setting.Key))
                {
                    _ignoredKeys.Add(key);
                }
                else
                {
                    errors.Add($"'{key}' is not a setting of Durable Functions' Azure Storage provider (check its spelling).");
                }

                break;
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex HubNamePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,19}$")]
    private static partial Regex TrackingPrefixPattern();
}
