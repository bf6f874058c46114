using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Partenariat.Workflow.Telemetry;

namespace Partenariat.Workflow.Storage;

/// <summary>Registers the storage account's clients, the same way in both hosts.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="StorageConnection"/> and singleton blob, queue and table service clients built
    /// from the <c>AzureWebJobsStorage</c> setting. The setting is read when first needed, so a host
    /// starts and reports an unreachable or unset storage through its health endpoint. Every client's
    /// requests are counted by the <see cref="StorageRequestCounter"/>.
    /// </summary>
    public static IServiceCollection AddPartenariatStorage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => StorageConnection.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(sp => new StorageRequestCounter(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateBlobServiceClient(
            sp.GetRequiredService<StorageRequestCounter>().Attach(new BlobClientOptions())));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateQueueServiceClient(
            sp.GetRequiredService<StorageRequestCounter>().Attach(new QueueClientOptions())));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateTableServiceClient(
            sp.GetRequiredService<StorageRequestCounter>().Attach(new TableClientOptions())));
        return services;
    }
}
