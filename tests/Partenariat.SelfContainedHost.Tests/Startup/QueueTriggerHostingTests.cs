using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Partenariat.SelfContainedHost.Startup;
using Partenariat.Testing;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Storage;

namespace Partenariat.SelfContainedHost.Tests.Startup;

/// <summary>The self-contained host's queue trigger: the WebJobs SDK with host.json's <c>extensions.queues</c>.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueTriggerHostingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AddPartenariatHost_HostJsonQueues_AreTheSdksQueuesOptions()
    {
        await using var factory = Factory();

        var options = factory.Services.GetRequiredService<IOptions<QueuesOptions>>().Value;

        Assert.Equal(16, options.BatchSize);
        Assert.Equal(8, options.NewBatchThreshold);
        Assert.Equal(TimeSpan.FromSeconds(10), options.MaxPollingInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), options.VisibilityTimeout);
        Assert.Equal(5, options.MaxDequeueCount);
        Assert.Equal(QueueMessageEncoding.None, options.MessageEncoding);
    }

    [Fact]
    public async Task AddPartenariatHost_QueuesOverriddenFromTheEnvironmentsSection_TakesTheOverride()
    {
        await using var factory = Factory(new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "2",
            ["AzureFunctionsJobHost:extensions:queues:messageEncoding"] = "base64",
        });

        var options = factory.Services.GetRequiredService<IOptions<QueuesOptions>>().Value;

        Assert.Equal(2, options.MaxDequeueCount);
        Assert.Equal(QueueMessageEncoding.Base64, options.MessageEncoding);
        Assert.Equal(16, options.BatchSize);
    }

    [Fact]
    public async Task AddPartenariatHost_MalformedQueuesSetting_FailsToStartNamingTheKey()
    {
        await using var factory = Factory(new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:queues:batchSize"] = "lots",
        });

        var exception = Assert.ThrowsAny<Exception>(() => factory.Services.GetRequiredService<IOptions<QueuesOptions>>().Value);

        var messages = Messages(exception);
        Assert.Contains("extensions.queues", messages, StringComparison.Ordinal);
        Assert.Contains("batchSize", messages, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AddCommitteeQueueTrigger_SdkClientFactory_CountsItsStorageClients()
    {
        await using var factory = Factory();

        var clients = factory.Services.GetRequiredService<Microsoft.Extensions.Azure.AzureComponentFactory>();

        Assert.IsType<QueueTriggerHosting.CountingComponentFactory>(clients);
    }

    [Fact]
    public async Task AddCommitteeQueueTrigger_SdkOptionsLoggingService_IsLeftOut()
    {
        await using var factory = Factory();

        var hosted = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Select(s => s.GetType().Name).ToList();

        Assert.DoesNotContain("OptionsLoggingService", hosted);
        Assert.Contains("JobHostService", hosted);
    }

    [Fact]
    public async Task QueueTrigger_HandlerFailsEveryTime_RetriesMaxDequeueCountTimesThenPoisons()
    {
        // An Azurite of its own: the requests' table is removed, so that every attempt fails on storage.
        await using var storage = await AzuriteInstance.StartAsync();
        await using var factory = Factory(storage.ConnectionString, new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "2",
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00",
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:01",
        });
        // Once the host has created its tables (in the background at start), remove one.
        var initializer = factory.Services.GetRequiredService<StorageInitializer>();
        await Eventually.UntilAsync(() => Task.FromResult(initializer.IsReady), "the host to create its tables");
        await new TableServiceClient(storage.ConnectionString).DeleteTableAsync(StorageNames.RequestsTable);
        // An id without a landlord: the handler looks it up with a query, which fails on the missing table
        // (a point read, for an id that names its landlord, would answer "no such request" and poison at once).
        var message = $$"""{"requestId":"fr-{{Guid.NewGuid().ToString("N")[..16]}}","outcome":"Approved","reviewer":"Mme Martin"}""";

        var decisions = new QueueClient(storage.ConnectionString, StorageNames.CommitteeDecisionsQueue);
        await decisions.CreateIfNotExistsAsync();
        await decisions.SendMessageAsync(message);
        var poisoned = await WaitForPoisonAsync(storage.ConnectionString, message);

        var view = CommitteeApi.ReadPoison(poisoned.MessageId, poisoned.InsertedOn, poisoned.Body.ToString());
        Assert.Equal(CommitteeApi.RetriesExhaustedReason, view.Reason);
        Assert.Equal(message, view.Message);
    }

    private static Task<Azure.Storage.Queues.Models.PeekedMessage> WaitForPoisonAsync(string connectionString, string message)
    {
        var poison = new QueueClient(connectionString, StorageNames.CommitteeDecisionsPoisonQueue);
        return Eventually.UntilAsync(
            async () => await poison.ExistsAsync() ? (await poison.PeekMessagesAsync(32)).Value.FirstOrDefault(m => m.Body.ToString() == message) : null,
            TimeSpan.FromSeconds(120),
            () => Task.FromResult($"the message to reach {StorageNames.CommitteeDecisionsPoisonQueue}: {message}"));
    }

    // The host on the collection's Azurite (or another storage), on a task hub of its own, with these settings.
    private HostFactory Factory(IReadOnlyDictionary<string, string?>? settings = null) => Factory(azurite.ConnectionString, settings);

    private static HostFactory Factory(string storage, IReadOnlyDictionary<string, string?>? settings = null) => HostFactory.OnStorage(storage, "queue", settings);

    private static string Messages(Exception exception)
    {
        var messages = new List<string>();
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" | ", messages);
    }
}
