using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;
using Xunit;

namespace Partenariat.Testing;

/// <summary>
/// The app's storage on a test Azurite as a host has it once started: the service clients, every
/// table, queue and container created (by <see cref="StorageInitializer"/> itself), and the
/// requests' store, for APIs and handlers tested without a host.
/// </summary>
public sealed class AppStorage
{
    private AppStorage(string connectionString)
    {
        Tables = new TableServiceClient(connectionString);
        Queues = new QueueServiceClient(connectionString);
        Blobs = new BlobServiceClient(connectionString);
        Requests = new FinancingRequestStore(Tables);
    }

    /// <summary>The table service.</summary>
    public TableServiceClient Tables { get; }

    /// <summary>The queue service.</summary>
    public QueueServiceClient Queues { get; }

    /// <summary>The blob service.</summary>
    public BlobServiceClient Blobs { get; }

    /// <summary>The requests' views.</summary>
    public FinancingRequestStore Requests { get; }

    /// <summary>The app's storage on <paramref name="connectionString"/>, everything created where missing.</summary>
    public static async Task<AppStorage> CreateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var storage = new AppStorage(connectionString);
        var initializer = new StorageInitializer(storage.Tables, storage.Queues, storage.Blobs, NullLogger<StorageInitializer>.Instance);
        await initializer.CreateAllAsync(cancellationToken).ConfigureAwait(false);
        return storage;
    }

    /// <summary>Stores <paramref name="view"/> as a request's steps would have; returns its id.</summary>
    public async Task<string> AddAsync(FinancingRequestView view, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        Assert.True(await Requests.TryAddAsync(view, cancellationToken).ConfigureAwait(false), $"Request {view.RequestId} exists already.");
        return view.RequestId;
    }
}
