using Azure.Storage.Queues;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Azure.WebJobs.Host.Indexers;
using Partenariat.Workflow.Hosting;

namespace Partenariat.Host;

/// <summary>
/// The self-contained host's queue trigger: the WebJobs SDK (Microsoft.Azure.WebJobs with its
/// Storage Queues extension), as inside the Functions host, with no hand-written listener.
/// </summary>
internal static class QueueTriggerHosting
{
    /// <summary>host.json's queue settings, as the Functions host reads them.</summary>
    public const string QueuesSection = FunctionsConfiguration.JobHostSection + ":extensions:queues";

    /// <summary>
    /// Adds the WebJobs host with the Storage Queues extension on the <c>AzureWebJobsStorage</c>
    /// connection (a connection string, or identity-based with <c>__accountName</c> or
    /// <c>__queueServiceUri</c> and <c>__credential</c>/<c>__clientId</c>, as the Functions host
    /// reads it), the queue-triggered classes of this host, and host.json's <c>extensions.queues</c>
    /// (batchSize, newBatchThreshold, maxPollingInterval, visibilityTimeout, maxDequeueCount,
    /// messageEncoding) applied to the SDK's <see cref="QueuesOptions"/>, which would otherwise bind
    /// <c>AzureWebJobs:Extensions:Queues</c>.
    /// </summary>
    public static WebApplicationBuilder AddCommitteeQueueTrigger(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Host.ConfigureWebJobs(webJobs =>
        {
            webJobs.AddAzureStorageCoreServices();
            webJobs.AddAzureStorageQueues();
        });
        // The SDK's OptionsLoggingService only logs its options at start, and its StopAsync throws
        // ObjectDisposedException when the host stops soon after starting: leave it out.
        foreach (var descriptor in builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "OptionsLoggingService").ToList())
        {
            builder.Services.Remove(descriptor);
        }
        // The queue-triggered classes, named: the SDK would otherwise scan the entry assembly only
        // (which is the test runner's under WebApplicationFactory).
        builder.Services.AddSingleton<ITypeLocator>(new QueueFunctionTypes([typeof(CommitteeQueueFunctions)]));
        // After the SDK's own binding, so that host.json (and its environment overrides) win.
        builder.Services.AddOptions<QueuesOptions>().PostConfigure<IConfiguration>((options, configuration) =>
        {
            try
            {
                configuration.GetSection(QueuesSection).Bind(options);
            }
            catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
            {
                throw new InvalidOperationException($"host.json's extensions.queues cannot be applied (configuration section '{QueuesSection}'): {exception.Message}", exception);
            }
        });
        return builder;
    }

    private sealed class QueueFunctionTypes(IReadOnlyList<Type> types) : ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => types;
    }
}
