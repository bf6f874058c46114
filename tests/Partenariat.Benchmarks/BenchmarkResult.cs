namespace Partenariat.Benchmarks;

/// <summary>One run's figures, printed and written as JSON.</summary>
internal sealed record BenchmarkResult
{
    public required string Scenario { get; init; }

    public required string Settings { get; init; }

    public required DateTimeOffset Date { get; init; }

    public required string Machine { get; init; }

    /// <summary>Orchestrations started (fan-out: activities of the one orchestration).</summary>
    public required int Instances { get; init; }

    /// <summary>Orchestrations found completed at the end (fan-out: activities whose results were summed).</summary>
    public required int Completed { get; init; }

    /// <summary>From the first start to the last completion.</summary>
    public required double Seconds { get; init; }

    /// <summary>Instances (fan-out: activities) per second.</summary>
    public required double Throughput { get; init; }

    /// <summary>Start to completion of an orchestration (external-events and idle: the event's raise to completion).</summary>
    public required double LatencyP50Ms { get; init; }

    public required double LatencyP99Ms { get; init; }

    /// <summary>Every storage request of the process from its host's start to the last completion, counted by the storage clients' pipeline (task hub creation and polling included).</summary>
    public required long StorageRequests { get; init; }

    /// <summary><see cref="StorageRequests"/> per orchestration (fan-out: per activity).</summary>
    public required double RequestsPerOrchestration { get; init; }

    /// <summary>The same window's requests in the storage emulator's own request log; null on a real account.</summary>
    public long? AzuriteRequests { get; init; }

    public double? AzuriteRequestsPerOrchestration { get; init; }

    /// <summary>idle: requests per second while the host had nothing to do, by the pipeline and by Azurite's log.</summary>
    public double? IdleRequestsPerSecond { get; init; }

    public double? IdleAzuriteRequestsPerSecond { get; init; }

    /// <summary>idle: the idle window's second half only (the provider's polling has backed off by then).</summary>
    public double? IdleRequestsPerSecondSecondHalf { get; init; }

    /// <summary>idle: from raising the event to the orchestration's completion.</summary>
    public double? EventLatencyMs { get; init; }

    /// <summary>The durable settings in force (Durable Functions' key names).</summary>
    /// <summary>financing-request: p50 and p99 (ms) of each step, from its action to the status it leads to.</summary>
    public IReadOnlyDictionary<string, StepLatency>? StepLatencies { get; init; }

    /// <summary>financing-request: the storage requests the run made per second (pipelines' count over the run's seconds).</summary>
    public double? StorageRequestsPerSecond { get; init; }

    /// <summary>financing-request: Azurite's raw rate, measured after the run with as many plain table upserts.</summary>
    public double? RawStorageRequestsPerSecond { get; init; }

    /// <summary>financing-request: <see cref="StorageRequestsPerSecond"/> / <see cref="RawStorageRequestsPerSecond"/>.</summary>
    public double? RawRateRatio { get; init; }

    /// <summary>financing-request: the processor time of Azurite's main thread (its event loop) over the run's seconds (1 = busy all along); null on a real account.</summary>
    public double? AzuriteBusy { get; init; }

    /// <summary>financing-request: the benchmark process's processor time (the host and the scenario's driver) over the run's seconds, in cores.</summary>
    public double? HostCores { get; init; }

    /// <summary>financing-request: the same per storage request of the run, in milliseconds.</summary>
    public double? HostMsPerRequest { get; init; }

    /// <summary>financing-request: Azurite's processor time per request it received in the run's window, in milliseconds.</summary>
    public double? AzuriteMsPerRequest { get; init; }

    /// <summary>financing-request: the same for the raw rate's plain upserts.</summary>
    public double? RawAzuriteMsPerRequest { get; init; }

    /// <summary>financing-request: the rate Azurite serves the run's own requests at when it never waits (requests over its processor time).</summary>
    public double? AzuriteServedRequestsPerSecond { get; init; }

    /// <summary>financing-request: the run's rate over <see cref="AzuriteServedRequestsPerSecond"/> (equals <see cref="AzuriteBusy"/>).</summary>
    public double? ServedRateRatio { get; init; }

    /// <summary>financing-request: the progress poller's own requests, taken out of Azurite's recount.</summary>
    public long? PollRequestsExcluded { get; init; }

    /// <summary>financing-request: ledger writes and ETag conflicts retried.</summary>
    public string? Ledger { get; init; }

    public required IReadOnlyDictionary<string, string> DurableSettings { get; init; }

    /// <summary>Storage requests by <c>service.Operation</c>.</summary>
    public required IReadOnlyDictionary<string, long> RequestsByOperation { get; init; }
}

/// <summary>A step's latency percentiles, in milliseconds.</summary>
internal sealed record StepLatency(double P50Ms, double P99Ms);
