using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Partenariat.Testing;
using Partenariat.Workflow.Storage;
using Partenariat.Workflow.Telemetry;

namespace Partenariat.Workflow.Tests.Telemetry;

[Collection(AzuriteCollection.Name)]
public sealed class StorageRequestCounterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Attach_QueueClient_CountsEachRequestByOperation()
    {
        var counter = new StorageRequestCounter();
        var queue = Connection().CreateQueueServiceClient(counter.Attach(new QueueClientOptions())).GetQueueClient("counted-" + Suffix());

        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("one");
        await queue.SendMessageAsync("two");
        var received = await queue.ReceiveMessagesAsync(maxMessages: 32);
        foreach (var message in received.Value)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        var counts = counter.Snapshot().ByOperation;
        Assert.Equal(2, received.Value.Length);
        Assert.Equal(1, counts["queue.CreateQueue"]);
        Assert.Equal(2, counts["queue.PutMessage"]);
        Assert.Equal(1, counts["queue.GetMessages"]);
        Assert.Equal(2, counts["queue.DeleteMessage"]);
        Assert.Equal(6, counter.Total);
    }

    [Fact]
    public async Task Attach_TableAndBlobClients_CountTheirServicesApart()
    {
        var counter = new StorageRequestCounter();
        var connection = Connection();
        var table = connection.CreateTableServiceClient(counter.Attach(new TableClientOptions())).GetTableClient("Counted" + Suffix());
        var container = connection.CreateBlobServiceClient(counter.Attach(new BlobClientOptions())).GetBlobContainerClient("counted-" + Suffix());

        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["Value"] = 1 }, TableUpdateMode.Merge);
        _ = await table.GetEntityAsync<TableEntity>("p", "r");
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("a.txt").UploadAsync(BinaryData.FromString("a"));

        var counts = counter.Snapshot().ByOperation;
        Assert.Equal(1, counts["table.CreateTable"]);
        Assert.Equal(1, counts["table.MergeEntity"]);
        Assert.Equal(1, counts["table.GetEntity"]);
        Assert.Equal(1, counts["blob.CreateContainer"]);
        Assert.Equal(1, counts["blob.PutBlob"]);
        Assert.DoesNotContain(counts.Keys, key => key.StartsWith("queue.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_Request_PublishesTheMeterWithServiceAndOperationTags()
    {
        var counter = new StorageRequestCounter();
        var measurements = new List<(long Value, string? Service, string? Operation)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == StorageRequestCounter.MeterName && instrument.Name == StorageRequestCounter.CounterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((value, Tag(tags, "service"), Tag(tags, "operation")));
            }
        });
        listener.Start();
        var queue = Connection().CreateQueueServiceClient(counter.Attach(new QueueClientOptions())).GetQueueClient("metered-" + Suffix());

        await queue.CreateIfNotExistsAsync();

        lock (measurements)
        {
            Assert.Contains((1L, "queue", "CreateQueue"), measurements);
        }
    }

    [Fact]
    public void Since_LaterSnapshot_KeepsOnlyTheDifference()
    {
        var counter = new StorageRequestCounter();
        counter.Record(StorageService.Queue, "GetMessages");
        var before = counter.Snapshot();
        counter.Record(StorageService.Queue, "GetMessages");
        counter.Record(StorageService.Table, "Batch");

        var since = counter.Snapshot().Since(before);

        Assert.Equal(2, since.Total);
        Assert.Equal(1, since.ByOperation["queue.GetMessages"]);
        Assert.Equal(1, since.ByOperation["table.Batch"]);
    }

    private StorageConnection Connection() =>
        StorageConnection.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString })
            .Build());

    private static string Suffix() => Guid.NewGuid().ToString("N")[..10];

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
