using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Logging;
using Partenariat.Workflow.Storage;
using Partenariat.Workflow.Telemetry;

namespace Partenariat.DurableRuntime;

/// <summary>
/// The task hub of this process: one Azure Storage orchestration service, shared by the worker and
/// the client so that a message this process sends (a start, an event) wakes its own dispatcher.
/// </summary>
public sealed class DurableTaskHub : IDisposable
{
    /// <summary>
    /// Creates the task hub's service from the options and the storage connection; the provider's
    /// storage requests are counted by <paramref name="requests"/> where given.
    /// </summary>
    public DurableTaskHub(DurableTaskHostOptions options, StorageConnection storage, ILoggerFactory loggerFactory, string? workerId = null, StorageRequestCounter? requests = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        Options = options;
        Settings = CreateSettings(options, storage, loggerFactory, workerId, requests);
        Service = new AzureStorageOrchestrationService(Settings);
    }

    /// <summary>The host.json options the hub was built from.</summary>
    public DurableTaskHostOptions Options { get; }

    /// <summary>The provider's settings.</summary>
    public AzureStorageOrchestrationServiceSettings Settings { get; }

    /// <summary>The provider: orchestration service for the worker, client, query and purge client for the client.</summary>
    public AzureStorageOrchestrationService Service { get; }

    /// <summary>The provider's client interface.</summary>
    public IOrchestrationServiceClient Client => Service;

    /// <inheritdoc />
    public void Dispose() => Service.Dispose();

    /// <summary>
    /// Maps Durable Functions' settings onto the provider's. Two processes on one task hub need
    /// distinct worker ids (the partition manager tells owners apart by them): the default is the
    /// machine name and the process id.
    /// </summary>
    public static AzureStorageOrchestrationServiceSettings CreateSettings(
        DurableTaskHostOptions options, StorageConnection storage, ILoggerFactory loggerFactory, string? workerId = null, StorageRequestCounter? requests = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.HubName,
            StorageAccountClientProvider = ClientProvider(storage, requests),
            WorkerId = string.IsNullOrWhiteSpace(workerId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : workerId,
            PartitionCount = options.PartitionCount,
            ControlQueueBatchSize = options.ControlQueueBatchSize,
            ControlQueueBufferThreshold = options.ControlQueueBufferThreshold,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            UseTablePartitionManagement = options.UseTablePartitionManagement,
            UseLegacyPartitionManagement = options.UseLegacyPartitionManagement,
            FetchLargeMessageDataEnabled = options.FetchLargeMessagesAutomatically,
            UseAppLease = options.UseAppLease,
            ExtendedSessionsEnabled = options.ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = options.ExtendedSessionIdleTimeout,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestratorFunctions,
            MaxConcurrentTaskEntityWorkItems = options.MaxConcurrentEntityFunctions,
            // Durable Functions refuses to start an id that is still running: the provider only
            // reports it when asked to throw.
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        };
        if (options.TrackingStoreNamePrefix is { } prefix)
        {
            settings.TrackingStoreNamePrefix = prefix;
        }

        return settings;
    }

    // The provider's clients, built from options of our own so that their requests are counted like
    // every other storage client's. The provider adds its own policies to these options: they are
    // fresh for each hub.
    private static StorageAccountClientProvider ClientProvider(StorageConnection storage, StorageRequestCounter? requests)
    {
        var blob = new BlobClientOptions();
        var queue = new QueueClientOptions();
        var table = new TableClientOptions();
        if (requests is not null)
        {
            requests.Attach(blob);
            requests.Attach(queue);
            requests.Attach(table);
        }

        return storage.ConnectionString is { } connectionString
            ? new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connectionString, blob),
                StorageServiceClientProvider.ForQueue(connectionString, queue),
                StorageServiceClientProvider.ForTable(connectionString, table))
            : new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(storage.BlobServiceUri!, storage.Credential!, blob),
                StorageServiceClientProvider.ForQueue(storage.QueueServiceUri!, storage.Credential!, queue),
                StorageServiceClientProvider.ForTable(storage.TableServiceUri!, storage.Credential!, table));
    }
}
