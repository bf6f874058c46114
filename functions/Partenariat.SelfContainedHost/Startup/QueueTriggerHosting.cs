using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Azure.WebJobs.Host.Indexers;
using Partenariat.SelfContainedHost.Committee;
using Partenariat.Workflow.Configuration;
using Partenariat.Workflow.Telemetry;

namespace Partenariat.SelfContainedHost.Startup;

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
        // The SDK's own queue clients counted like every other storage client of the host.
        CountingComponentFactory.Decorate(builder.Services);
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

    /// <summary>
    /// Wraps the <see cref="AzureComponentFactory"/> the WebJobs SDK creates its storage clients
    /// with, so that the options of every blob, queue or table client it makes go through
    /// <see cref="StorageRequestCounter.Attach{TOptions}"/>: the queue trigger's polling, deletes and
    /// poison moves are then counted (metric and benchmarks) like the host's own requests. Written
    /// here because the SDK offers no hook for a pipeline policy of its own.
    /// </summary>
    internal sealed class CountingComponentFactory(AzureComponentFactory inner, StorageRequestCounter counter) : AzureComponentFactory
    {
        public static void Decorate(IServiceCollection services)
        {
            var registered = services.LastOrDefault(d => d.ServiceType == typeof(AzureComponentFactory))
                ?? throw new InvalidOperationException("The WebJobs SDK registered no AzureComponentFactory to count its storage requests through.");
            services.Remove(registered);
            services.AddSingleton<AzureComponentFactory>(sp => new CountingComponentFactory(Resolve(sp, registered), sp.GetRequiredService<StorageRequestCounter>()));
        }

        public override TokenCredential CreateTokenCredential(IConfiguration configuration) => inner.CreateTokenCredential(configuration);

        public override object CreateClientOptions(Type optionsType, object? serviceVersion, IConfiguration configuration) =>
            inner.CreateClientOptions(optionsType, serviceVersion, configuration) switch
            {
                BlobClientOptions blob => counter.Attach(blob),
                QueueClientOptions queue => counter.Attach(queue),
                TableClientOptions table => counter.Attach(table),
                var other => other,
            };

        public override object CreateClient(Type clientType, IConfiguration configuration, TokenCredential? credential, object clientOptions) =>
            inner.CreateClient(clientType, configuration, credential, clientOptions);

        private static AzureComponentFactory Resolve(IServiceProvider services, ServiceDescriptor descriptor) => descriptor switch
        {
            { ImplementationInstance: AzureComponentFactory instance } => instance,
            { ImplementationFactory: { } factory } => (AzureComponentFactory)factory(services),
            { ImplementationType: { } type } => (AzureComponentFactory)ActivatorUtilities.CreateInstance(services, type),
            _ => throw new InvalidOperationException("Cannot resolve the WebJobs SDK's AzureComponentFactory."),
        };
    }

    private sealed class QueueFunctionTypes(IReadOnlyList<Type> types) : ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => types;
    }
}
