using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Partenariat.SelfContainedHost.Startup;
using Partenariat.Testing;
using Partenariat.Workflow.Telemetry;

namespace Partenariat.SelfContainedHost.Tests.Startup;

/// <summary>The WebJobs SDK's client factory, wrapped so that its storage clients are counted.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CountingComponentFactoryTests(AzuriteFixture azurite)
{
    private static readonly IConfiguration NoSettings = new ConfigurationBuilder().Build();

    [Fact]
    public async Task CreateClientOptions_QueueClientOptions_CountsEachRequestOfTheClient()
    {
        var counter = new StorageRequestCounter();
        var factory = new QueueTriggerHosting.CountingComponentFactory(SdkFactory(), counter);

        var options = (QueueClientOptions)factory.CreateClientOptions(typeof(QueueClientOptions), serviceVersion: null, NoSettings);
        var queue = new QueueServiceClient(azurite.ConnectionString, options).GetQueueClient("counted-" + Guid.NewGuid().ToString("N")[..8]);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("one");
        await queue.DeleteAsync();

        var counts = counter.Snapshot().ByOperation;
        Assert.Equal(3, counter.Total);
        Assert.Equal(1, counts["queue.CreateQueue"]);
        Assert.Equal(1, counts["queue.PutMessage"]);
    }

    [Fact]
    public async Task CreateClientOptions_TableClientOptions_CountsEachRequestOfTheClient()
    {
        var counter = new StorageRequestCounter();
        var factory = new QueueTriggerHosting.CountingComponentFactory(SdkFactory(), counter);

        var options = (TableClientOptions)factory.CreateClientOptions(typeof(TableClientOptions), serviceVersion: null, NoSettings);
        var table = new TableServiceClient(azurite.ConnectionString, options).GetTableClient("counted" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync();
        await table.DeleteAsync();

        Assert.Equal(2, counter.Total);
    }

    [Fact]
    public void CreateClientOptions_NotStorageOptions_ReturnsThemUncounted()
    {
        var counter = new StorageRequestCounter();
        var factory = new QueueTriggerHosting.CountingComponentFactory(SdkFactory(), counter);

        var options = factory.CreateClientOptions(typeof(OtherClientOptions), serviceVersion: null, NoSettings);

        Assert.IsType<OtherClientOptions>(options);
        Assert.Equal(0, counter.Total);
    }

    // The factory the WebJobs SDK registers (Microsoft.Extensions.Azure's).
    private static AzureComponentFactory SdkFactory()
    {
        var services = new ServiceCollection();
        services.AddAzureClientsCore();
        return services.BuildServiceProvider().GetRequiredService<AzureComponentFactory>();
    }

    /// <summary>Options of a client that is not a storage client.</summary>
    public sealed class OtherClientOptions : Azure.Core.ClientOptions;
}
