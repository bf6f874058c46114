using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Partenariat.Workflow.Configuration;

namespace Partenariat.Workflow.Storage;

/// <summary>
/// Creates the app's tables, queues and blob container where missing when a host starts (the
/// deployment creates them too), retrying with back-off while storage does not answer, without
/// holding up the host's start.
/// </summary>
public sealed partial class StorageInitializer(
    TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs, ILogger<StorageInitializer> logger) : BackgroundService
{
    private volatile bool _isReady;

    /// <summary>Whether everything exists.</summary>
    public bool IsReady => _isReady;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = StartupRetry.Create(LogRetry);
        try
        {
            await retry.ExecuteAsync(CreateAllAsync, stoppingToken).ConfigureAwait(false);
            _isReady = true;
            LogReady();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Creates every table, queue and container the app uses where missing.</summary>
    public async ValueTask CreateAllAsync(CancellationToken cancellationToken)
    {
        foreach (var table in StorageNames.Tables)
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken).ConfigureAwait(false);
        }

        foreach (var queue in StorageNames.Queues)
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        foreach (var container in StorageNames.Containers)
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "The app's tables, queues and containers exist")]
    private partial void LogReady();

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Creating the app's tables, queues and containers failed; retrying in {Delay}")]
    private partial void LogRetry(Exception? exception, TimeSpan delay);
}
