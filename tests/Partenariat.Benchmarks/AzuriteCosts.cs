using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Partenariat.Testing;

namespace Partenariat.Benchmarks;

/// <summary>
/// The <c>azurite-costs</c> scenario: what each kind of request the workflow sends costs Azurite's
/// processor, measured on a fresh Azurite by its own process's processor time, each kind sent
/// <c>--instances</c> times, 64 at a time, with the sizes the financing-request run sends (its
/// requests' bodies: queue messages of about 1.8 KB, table batches of about 3.5 KB, view rows of
/// about 2.4 KB). Each kind is measured twice: on an empty queue store, then with messages lingering
/// invisible in another queue (as the run leaves its period-end timers and unread review messages),
/// since Azurite re-sorts every message it holds on each receive and delete.
/// </summary>
internal static class AzuriteCosts
{
    private const int Concurrency = 64;

    private static readonly string Body1800 = new('m', 1800);
    private static readonly string Text700 = new('t', 700);
    private static readonly string Text2400 = new('v', 2400);

    public static async Task RunAsync(int count, bool debugLog, int lingering, CancellationToken cancellationToken)
    {
        string? log = debugLog ? Path.Combine(Path.GetTempPath(), "partenariat-benchmarks", $"azurite-costs-{Environment.ProcessId}.log") : null;
        if (log is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        }

        await using var azurite = await AzuriteInstance.StartAsync(log, cancellationToken);
        try
        {
            var tables = new TableServiceClient(azurite.ConnectionString);
            var queues = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Azurite's processor time per request, {count} requests of each kind, {Concurrency} at a time, its debug log {(debugLog ? "on" : "off")}:"));
            Console.WriteLine($"  {"request",-44} {"no lingering message",22} {lingering + " lingering",22}");
            var rows = new Dictionary<string, double[]>(StringComparer.Ordinal);
            // A first pass warms Azurite's code up and is not reported.
            await MeasureAllAsync(azurite, tables, queues, Math.Min(count, 500), "warm", cancellationToken);
            for (var phase = 0; phase < 2; phase++)
            {
                if (phase == 1)
                {
                    var parked = queues.GetQueueClient("lingering");
                    await parked.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                    await Concurrently.ForEachAsync(lingering, Concurrency, i => parked.SendMessageAsync(Body1800, visibilityTimeout: TimeSpan.FromDays(1), cancellationToken: cancellationToken), cancellationToken);
                }

                foreach (var (name, cost) in await MeasureAllAsync(azurite, tables, queues, count, $"p{phase}", cancellationToken))
                {
                    (rows.TryGetValue(name, out var pair) ? pair : rows[name] = new double[2])[phase] = cost;
                }
            }

            foreach (var (name, pair) in rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-44} {pair[0],19:0.000} ms {pair[1],19:0.000} ms"));
            }
        }
        finally
        {
            if (log is not null)
            {
                File.Delete(log);
            }
        }
    }

    private static async Task<List<(string Name, double MsPerRequest)>> MeasureAllAsync(
        AzuriteInstance azurite, TableServiceClient tables, QueueServiceClient queues, int count, string suffix, CancellationToken cancellationToken)
    {
        var results = new List<(string, double)>();
        var table = tables.GetTableClient("costs" + suffix);
        await table.CreateIfNotExistsAsync(cancellationToken);
        var queue = queues.GetQueueClient("costs-" + suffix);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

        async Task MeasureAsync(string name, int requests, Func<int, Task> send)
        {
            var before = azurite.ProcessorTime;
            await Concurrently.ForEachAsync(requests, Concurrency, send, cancellationToken);
            results.Add((name, (azurite.ProcessorTime - before).TotalMilliseconds / requests));
        }

        static string Key(int i) => i.ToString("D8", CultureInfo.InvariantCulture);

        await MeasureAsync("table upsert, a small row (the raw rate's)", count, i =>
            table.UpsertEntityAsync(new TableEntity("small", Key(i)) { ["Value"] = i }, TableUpdateMode.Replace, cancellationToken));
        await MeasureAsync("table upsert, a 2.4 KB row (a view)", count, i =>
            table.UpsertEntityAsync(new TableEntity("view", Key(i)) { ["Json"] = Text2400 }, TableUpdateMode.Replace, cancellationToken));
        await MeasureAsync("table read, a 2.4 KB row", count, i =>
            table.GetEntityAsync<TableEntity>("view", Key(i), cancellationToken: cancellationToken));
        await MeasureAsync("table batch, 5 rows of 0.7 KB (history)", count, i =>
            table.SubmitTransactionAsync(
                Enumerable.Range(0, 5).Select(r => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("history" + Key(i), Key(r)) { ["Payload"] = Text700 })),
                cancellationToken));
        await MeasureAsync("table query, a partition of 5 rows (history)", count, async i =>
        {
            var partition = "history" + Key(i);
            await foreach (var _ in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
            {
            }
        });
        // The queue kept shallow, as the run keeps its queues: rounds of 64 puts, receives of up to
        // 4 until the 64 are back, 64 deletes; each phase's processor time summed over the rounds.
        var spent = new TimeSpan[3];
        var done = new int[3];
        for (var round = 0; round < count / Concurrency; round++)
        {
            var before = azurite.ProcessorTime;
            await Concurrently.ForEachAsync(Concurrency, Concurrency, _ => queue.SendMessageAsync(Body1800, cancellationToken: cancellationToken), cancellationToken);
            var afterPut = azurite.ProcessorTime;
            var received = new System.Collections.Concurrent.ConcurrentQueue<QueueMessage>();
            while (received.Count < Concurrency)
            {
                var receives = Math.Max(1, (Concurrency - received.Count) / 4);
                done[1] += receives;
                await Concurrently.ForEachAsync(receives, Concurrency, async _ =>
                {
                    foreach (var message in (await queue.ReceiveMessagesAsync(4, TimeSpan.FromMinutes(5), cancellationToken)).Value)
                    {
                        received.Enqueue(message);
                    }
                }, cancellationToken);
            }

            var afterReceive = azurite.ProcessorTime;
            var toDelete = received.ToArray();
            await Concurrently.ForEachAsync(toDelete.Length, Concurrency, i => queue.DeleteMessageAsync(toDelete[i].MessageId, toDelete[i].PopReceipt, cancellationToken), cancellationToken);
            spent[0] += afterPut - before;
            spent[1] += afterReceive - afterPut;
            spent[2] += azurite.ProcessorTime - afterReceive;
            done[0] += Concurrency;
            done[2] += toDelete.Length;
        }

        results.Add(("queue put, a 1.8 KB message", spent[0].TotalMilliseconds / done[0]));
        results.Add(("queue receive, up to 4 messages", spent[1].TotalMilliseconds / done[1]));
        results.Add(("queue delete", spent[2].TotalMilliseconds / done[2]));
        return results;
    }
}
