using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Partenariat.Workflow.Telemetry;

/// <summary>
/// Counts every storage request this process sends: an OpenTelemetry metric (meter
/// <see cref="MeterName"/>, counter <see cref="CounterName"/> tagged with the service and the REST
/// operation) and in-process totals (<see cref="Snapshot"/>) for the benchmarks. A storage client
/// is counted once its options went through <see cref="Attach{TOptions}"/>: the hosts' own blob,
/// queue and table clients and the durable task hub's are.
/// </summary>
public sealed class StorageRequestCounter
{
    /// <summary>The meter's name, to enable in an OpenTelemetry meter provider.</summary>
    public const string MeterName = "Partenariat.Storage";

    /// <summary>The counter's name.</summary>
    public const string CounterName = "partenariat.storage.requests";

    private readonly Counter<long> _requests;
    private readonly ConcurrentDictionary<(StorageService Service, string Operation), long> _counts = new();

    /// <summary>Creates the counter with a meter from <paramref name="meterFactory"/> (or a meter of its own).</summary>
    public StorageRequestCounter(IMeterFactory? meterFactory = null)
    {
        var meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _requests = meter.CreateCounter<long>(CounterName, unit: "{request}", description: "Storage requests sent (each attempt on the wire), by service and operation.");
    }

    /// <summary>Requests counted so far, all services and operations.</summary>
    public long Total => _counts.Values.Sum();

    /// <summary>Adds the counting policy to a blob, queue or table client's options, and returns them.</summary>
    /// <exception cref="ArgumentException">The options are not blob, queue or table client options.</exception>
    public TOptions Attach<TOptions>(TOptions options)
        where TOptions : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        var service = options switch
        {
            BlobClientOptions => StorageService.Blob,
            QueueClientOptions => StorageService.Queue,
            TableClientOptions => StorageService.Table,
            _ => throw new ArgumentException($"{options.GetType().Name} are not storage client options.", nameof(options)),
        };
        // Per retry: every attempt on the wire is counted, as the storage service (and its bill) sees it.
        options.AddPolicy(new CountingPolicy(this, service), HttpPipelinePosition.PerRetry);
        return options;
    }

    /// <summary>Counts one request.</summary>
    public void Record(StorageService service, string operation)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        _counts.AddOrUpdate((service, operation), 1, (_, n) => n + 1);
        _requests.Add(1, new KeyValuePair<string, object?>("service", ServiceName(service)), new KeyValuePair<string, object?>("operation", operation));
    }

    /// <summary>The counts so far, by service and operation.</summary>
    public StorageRequestSnapshot Snapshot() =>
        new(_counts.ToDictionary(pair => $"{ServiceName(pair.Key.Service)}.{pair.Key.Operation}", pair => pair.Value, StringComparer.Ordinal));

    /// <summary>The name of a service in tags and snapshots: <c>blob</c>, <c>queue</c>, <c>table</c>.</summary>
    public static string ServiceName(StorageService service) => service switch
    {
        StorageService.Blob => "blob",
        StorageService.Queue => "queue",
        _ => "table",
    };

    private sealed class CountingPolicy(StorageRequestCounter counter, StorageService service) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) =>
            counter.Record(service, StorageOperations.Classify(service, message.Request.Method.Method, message.Request.Uri.ToUri()));
    }
}

/// <summary>Storage request counts by <c>service.Operation</c> (e.g. <c>queue.GetMessages</c>) at one moment.</summary>
public sealed class StorageRequestSnapshot(IReadOnlyDictionary<string, long> byOperation)
{
    /// <summary>The counts, by <c>service.Operation</c>.</summary>
    public IReadOnlyDictionary<string, long> ByOperation { get; } = byOperation;

    /// <summary>All requests.</summary>
    public long Total => ByOperation.Values.Sum();

    /// <summary>What was counted since <paramref name="earlier"/>.</summary>
    public StorageRequestSnapshot Since(StorageRequestSnapshot earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new(ByOperation
            .Select(pair => (pair.Key, Count: pair.Value - earlier.ByOperation.GetValueOrDefault(pair.Key)))
            .Where(pair => pair.Count != 0)
            .ToDictionary(pair => pair.Key, pair => pair.Count, StringComparer.Ordinal));
    }
}
