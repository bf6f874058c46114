using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Partenariat.DurableRuntime;
using Partenariat.Testing;
using Partenariat.Workflow.Diagnostics;
using Partenariat.Workflow.Telemetry;

namespace Partenariat.Benchmarks;

/// <summary>
/// Runs one scenario once with one kind of settings: a fresh Azurite (unless
/// <c>AzureWebJobsStorage</c> is set), a fresh task hub, a host, the scenario, the figures.
/// </summary>
internal sealed class ScenarioRunner(BenchmarkOptions options, SettingsKind settings)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    // A benchmark measures real time: the system clock, on purpose.
    private readonly TimeProvider _time = TimeProvider.System;

    public async Task<BenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        var external = Environment.GetEnvironmentVariable("AzureWebJobsStorage");
        AzuriteInstance? azurite = null;
        string? log = null;
        if (string.IsNullOrWhiteSpace(external))
        {
            if (options.Recount)
            {
                log = Path.Combine(Path.GetTempPath(), "partenariat-benchmarks", $"azurite-{Environment.ProcessId}-{Guid.NewGuid():N}.log");
                Directory.CreateDirectory(Path.GetDirectoryName(log)!);
            }

            azurite = await AzuriteInstance.StartAsync(log, cancellationToken);
        }

        try
        {
            var hubName = (settings == SettingsKind.Defaults ? "BenchDefaults" : "BenchProject") + Guid.NewGuid().ToString("N")[..8];
            var connectionString = external ?? azurite!.ConnectionString;
            // financing-request runs on the self-contained host itself: its decisions go through the real queue trigger.
            var scriptRoot = Path.Combine(Path.GetTempPath(), "partenariat-benchmarks", "script-" + hubName);
            using var host = options.Scenario == "financing-request"
                ? BenchmarkHost.BuildSelfContained(settings, connectionString, hubName, scriptRoot, FinancingRequestScenario.Settings(options.Instances))
                : BenchmarkHost.Build(settings, connectionString, hubName);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            var run = new Run(host, _time, azurite, timeout.Token);
            var started = _time.GetUtcNow();
            var before = run.Requests.Snapshot();
            await host.StartAsync(timeout.Token);
            await run.WaitForWorkerAsync();
            var measured = options.Scenario switch
            {
                "hello-sequence" => await run.HelloSequenceAsync(options.Instances),
                "fan-out" => await run.FanOutAsync(options.Instances),
                "external-events" => await run.ExternalEventsAsync(options.Instances),
                "financing-request" => await run.FinancingRequestAsync(options.Instances, connectionString),
                _ => await run.IdleAsync(TimeSpan.FromSeconds(options.IdleSeconds)),
            };
            if (azurite is not null)
            {
                await AzuriteRequestLog.MarkAsync(azurite, "end", cancellationToken);
            }

            var requests = measured.Requests.Since(measured.Start ?? before);
            var completed = await measured.CountCompletedAsync();
            await host.StopAsync(CancellationToken.None);
            if (Directory.Exists(scriptRoot))
            {
                Directory.Delete(scriptRoot, recursive: true);
            }
            if (azurite is null)
            {
                // A real account keeps no benchmark's task hub.
                await host.Services.GetRequiredService<DurableTaskHub>().Service.DeleteAsync();
            }

            IReadOnlyDictionary<string, long>? recount = null;
            IReadOnlyDictionary<string, long>? idleRecount = null;
            if (log is not null)
            {
                recount = await RecountAsync(log, from: measured.Start is null ? null : "scenario-start", to: "end", cancellationToken);
                if (measured.Idle is not null)
                {
                    idleRecount = await RecountAsync(log, from: "idle-start", to: "idle-end", cancellationToken);
                }
            }

            var perUnit = Math.Max(1, options.Instances);
            double? raw = null;
            double? rawProcessorSeconds = null;
            var rawRequests = Math.Min(requests.Total, 50_000);
            if (measured.StepLatencies is not null)
            {
                // Azurite's own rate at the run's request count, in the same run, after it.
                var rawBefore = azurite?.ProcessorTime;
                raw = await RawStorageRate.MeasureAsync(connectionString, rawRequests, cancellationToken);
                rawProcessorSeconds = azurite is null ? null : (azurite.ProcessorTime - rawBefore!.Value).TotalSeconds;
            }

            // What Azurite serves the run's own requests at when it never waits: the requests it
            // received in the window (the poller's included) over the processor time it spent on them.
            var windowRequests = recount is null ? requests.Total : recount.Values.Sum();
            var served = measured.AzuriteProcessorSeconds is { } cpu and > 0 ? windowRequests / cpu : (double?)null;

            var recountTotal = recount is null ? (long?)null : recount.Values.Sum() - measured.PollRequests;
            return new BenchmarkResult
            {
                Scenario = options.Scenario,
                Settings = settings == SettingsKind.Defaults ? "defaults" : "project",
                Date = started,
                Machine = $"{Environment.MachineName}, {Environment.ProcessorCount} cores",
                Instances = options.Instances,
                Completed = completed,
                Seconds = Math.Round(measured.Seconds, 2),
                Throughput = Math.Round(options.Instances / measured.Seconds, 1),
                LatencyP50Ms = Percentile(measured.LatenciesMs, 0.50),
                LatencyP99Ms = Percentile(measured.LatenciesMs, 0.99),
                StorageRequests = requests.Total,
                RequestsPerOrchestration = Math.Round((double)requests.Total / perUnit, 1),
                AzuriteRequests = recountTotal,
                AzuriteRequestsPerOrchestration = recountTotal is null ? null : Math.Round((double)recountTotal / perUnit, 1),
                StepLatencies = measured.StepLatencies?.ToDictionary(
                    pair => pair.Key, pair => new StepLatency(Percentile(pair.Value, 0.50), Percentile(pair.Value, 0.99)), StringComparer.Ordinal),
                StorageRequestsPerSecond = raw is null ? null : Math.Round(requests.Total / measured.Seconds, 1),
                RawStorageRequestsPerSecond = raw is null ? null : Math.Round(raw.Value, 1),
                RawRateRatio = raw is null ? null : Math.Round(requests.Total / measured.Seconds / raw.Value, 2),
                PollRequestsExcluded = measured.StepLatencies is null ? null : measured.PollRequests,
                AzuriteBusy = measured.AzuriteProcessorSeconds is { } busy ? Math.Round(busy / measured.Seconds, 2) : null,
                HostCores = measured.HostProcessorSeconds is { } hostBusy ? Math.Round(hostBusy / measured.Seconds, 2) : null,
                HostMsPerRequest = measured.HostProcessorSeconds is { } hostSpent ? Math.Round(hostSpent * 1000 / windowRequests, 3) : null,
                AzuriteMsPerRequest = measured.AzuriteProcessorSeconds is { } spent ? Math.Round(spent * 1000 / windowRequests, 3) : null,
                RawAzuriteMsPerRequest = rawProcessorSeconds is { } rawSpent ? Math.Round(rawSpent * 1000 / rawRequests, 3) : null,
                AzuriteServedRequestsPerSecond = served is null ? null : Math.Round(served.Value, 1),
                ServedRateRatio = served is null ? null : Math.Round(windowRequests / measured.Seconds / served.Value, 2),
                Ledger = measured.Ledger,
                IdleRequestsPerSecond = measured.Idle is { } i ? Math.Round(i.Requests / i.Seconds, 2) : null,
                IdleAzuriteRequestsPerSecond = measured.Idle is { } j && idleRecount is not null ? Math.Round(idleRecount.Values.Sum() / j.Seconds, 2) : null,
                IdleRequestsPerSecondSecondHalf = measured.Idle is { } k ? Math.Round(k.SecondHalfRequests / (k.Seconds / 2), 2) : null,
                EventLatencyMs = measured.Idle is not null ? measured.LatenciesMs[0] : null,
                DurableSettings = BenchmarkHost.Describe(host.Services.GetRequiredService<DurableTaskHostOptions>()),
                RequestsByOperation = requests.ByOperation.OrderByDescending(pair => pair.Value).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
            };
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            if (log is not null && Environment.GetEnvironmentVariable("PARTENARIAT_BENCHMARK_KEEP_LOG") != "1")
            {
                File.Delete(log);
            }
            else if (log is not null)
            {
                Console.WriteLine($"  Azurite's log kept: {log}");
            }
        }
    }

    // Azurite writes its log asynchronously: wait for the closing mark to show (after the measured window).
    private static Task<IReadOnlyDictionary<string, long>> RecountAsync(string log, string? from, string to, CancellationToken cancellationToken) =>
        Eventually.UntilAsync(
            () => AzuriteRequestLog.CountAsync(log, from, to, cancellationToken),
            TimeSpan.FromSeconds(10),
            () => Task.FromResult($"the mark '{to}' to reach Azurite's log '{log}'"),
            cancellationToken);

    private static double Percentile(IReadOnlyList<double> values, double rank)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return Math.Round(sorted[Math.Clamp((int)Math.Ceiling(rank * sorted.Length) - 1, 0, sorted.Length - 1)], 1);
    }

    /// <summary>What a scenario measured; the request snapshot is taken at <see cref="Ended"/>.</summary>
    private sealed record Measured(double Seconds, IReadOnlyList<double> LatenciesMs, StorageRequestSnapshot Requests, DateTimeOffset Ended, Func<Task<int>> CountCompletedAsync)
    {
        public IdleWindow? Idle { get; init; }

        /// <summary>Where the count starts when not at the host's start (and Azurite's recount at the mark "scenario-start").</summary>
        public StorageRequestSnapshot? Start { get; init; }

        public IReadOnlyDictionary<string, IReadOnlyList<double>>? StepLatencies { get; init; }

        /// <summary>Requests sent outside the counted pipelines (to watch progress), in Azurite's log all the same.</summary>
        public long PollRequests { get; init; }

        public string? Ledger { get; init; }

        /// <summary>The processor time Azurite's process used over the scenario's window (null on a real account).</summary>
        public double? AzuriteProcessorSeconds { get; init; }

        /// <summary>The processor time this process (the host, its durable worker, the scenario's driver) used over the window.</summary>
        public double? HostProcessorSeconds { get; init; }
    }

    private sealed record IdleWindow(DateTimeOffset From, DateTimeOffset To, double Seconds, long Requests, long SecondHalfRequests);

    /// <summary>The scenarios, on a started host.</summary>
    private sealed class Run(IHost host, TimeProvider time, AzuriteInstance? azurite, CancellationToken cancellation)
    {
        private readonly DurableTaskClient _client = host.Services.GetRequiredService<DurableTaskClient>();
        private readonly InstanceCompletionSignals _signals = host.Services.GetRequiredService<InstanceCompletionSignals>();

        public StorageRequestCounter Requests { get; } = host.Services.GetRequiredService<StorageRequestCounter>();

        public async Task WaitForWorkerAsync()
        {
            var status = host.Services.GetRequiredService<DurableWorkerStatus>();
            while (!status.IsRunning)
            {
                // Part of the measurement (the requests are counted from the host's start): the
                // scenario starts within 20 ms of the worker, not after a back-off.
                await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellation);
            }
        }

        /// <summary>N hello-sequences started at once; latency from each one's start to its completion.</summary>
        public async Task<Measured> HelloSequenceAsync(int instances)
        {
            var ids = Ids("hello", instances);
            var latencies = new double[instances];
            var begun = Stopwatch.GetTimestamp();
            await Task.WhenAll(ids.Select(async (id, i) =>
            {
                // Completion is learned from this process's worker (no storage read), registered before the start.
                var completed = _signals.WaitAsync(id);
                var start = Stopwatch.GetTimestamp();
                await _client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), input: null, new StartOrchestrationOptions(id), cancellation);
                await completed.WaitAsync(cancellation);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }));
            return Done(begun, latencies, () => CountAsync("hello-", OrchestrationRuntimeStatus.Completed));
        }

        /// <summary>One orchestration calling N activities in parallel, then summing their results.</summary>
        public async Task<Measured> FanOutAsync(int activities)
        {
            const string id = "fanout-0";
            var completed = _signals.WaitAsync(id);
            var begun = Stopwatch.GetTimestamp();
            await _client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutFanIn), activities, new StartOrchestrationOptions(id), cancellation);
            await completed.WaitAsync(cancellation);
            var latency = Stopwatch.GetElapsedTime(begun).TotalMilliseconds;
            return Done(begun, [latency], async () =>
            {
                var metadata = await _client.GetInstancesAsync(id, getInputsAndOutputs: true, cancellation);
                var expected = (long)activities * (activities + 1) * ((2L * activities) + 1) / 6;
                return metadata?.RuntimeStatus == OrchestrationRuntimeStatus.Completed && metadata.ReadOutputAs<long>() == expected ? activities : 0;
            });
        }

        /// <summary>N orchestrations waiting for one event each; once all wait, the client raises the events. Latency: raise to completion.</summary>
        public async Task<Measured> ExternalEventsAsync(int instances)
        {
            var ids = Ids("event", instances);
            var completions = ids.Select(id => _signals.WaitAsync(id)).ToArray();
            var begun = Stopwatch.GetTimestamp();
            await Task.WhenAll(ids.Select(id =>
                _client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForSignal), new WaitForSignalInput("go"), new StartOrchestrationOptions(id), cancellation)));
            await WaitUntilWaitingAsync("event-", instances);
            var latencies = new double[instances];
            await Task.WhenAll(ids.Select(async (id, i) =>
            {
                var raised = Stopwatch.GetTimestamp();
                await _client.RaiseEventAsync(id, "go", "ok", cancellation);
                await completions[i].WaitAsync(cancellation);
                latencies[i] = Stopwatch.GetElapsedTime(raised).TotalMilliseconds;
            }));
            return Done(begun, latencies, () => CountAsync("event-", OrchestrationRuntimeStatus.Completed));
        }

        /// <summary>One orchestration waits for an event; the host has nothing else to do for a while; then the client raises the event.</summary>
        public async Task<Measured> IdleAsync(TimeSpan idle)
        {
            const string id = "idle-0";
            var completed = _signals.WaitAsync(id);
            var begun = Stopwatch.GetTimestamp();
            await _client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForSignal), new WaitForSignalInput("go"), new StartOrchestrationOptions(id), cancellation);
            await WaitUntilWaitingAsync("idle-", 1);

            await MarkAsync("idle-start");
            var from = time.GetUtcNow();
            var first = Requests.Snapshot();
            // The idle window is what this scenario measures: the host's requests while nothing happens.
            await Task.Delay(idle / 2, time, cancellation);
            var middle = Requests.Snapshot();
            await Task.Delay(idle / 2, time, cancellation);
            var last = Requests.Snapshot();
            var to = time.GetUtcNow();
            await MarkAsync("idle-end");

            var raised = Stopwatch.GetTimestamp();
            await _client.RaiseEventAsync(id, "go", "ok", cancellation);
            await completed.WaitAsync(cancellation);
            var latency = Stopwatch.GetElapsedTime(raised).TotalMilliseconds;
            return Done(begun, [latency], () => CountAsync("idle-", OrchestrationRuntimeStatus.Completed)) with
            {
                Idle = new IdleWindow(from, to, (to - from).TotalSeconds, last.Since(first).Total, last.Since(middle).Total),
            };
        }

        /// <summary>
        /// N financing requests through their whole life (<see cref="FinancingRequestScenario"/>);
        /// counted from the moment the host and its tables are ready. Latency: the whole life.
        /// </summary>
        public async Task<Measured> FinancingRequestAsync(int instances, string connectionString)
        {
            var scenario = new FinancingRequestScenario(host, connectionString, cancellation);
            await scenario.WaitForStorageAsync();
            var ledgers = host.Services.GetRequiredService<Workflow.Envelopes.EnvelopeLedgerStore>();
            await MarkAsync("scenario-start");
            var start = Requests.Snapshot();
            var azuriteBefore = azurite?.ProcessorTime;
            var hostBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var (seconds, steps, closed) = await scenario.RunAsync(instances);
            var azuriteSeconds = azurite is null ? (double?)null : (azurite.ProcessorTime - azuriteBefore!.Value).TotalSeconds;
            var hostSeconds = (Process.GetCurrentProcess().TotalProcessorTime - hostBefore).TotalSeconds;
            return new Measured(seconds, [.. steps.Select(s => s.Sum())], Requests.Snapshot(), time.GetUtcNow(), () => Task.FromResult(closed))
            {
                AzuriteProcessorSeconds = azuriteSeconds,
                HostProcessorSeconds = hostSeconds,
                Start = start,
                StepLatencies = FinancingRequestScenario.Steps.Select((name, i) => (name, i))
                    .ToDictionary(p => p.name, p => (IReadOnlyList<double>)[.. steps.Select(s => s[p.i])], StringComparer.Ordinal),
                PollRequests = scenario.PollRequests,
                Ledger = $"{ledgers.Writes} writes, {ledgers.Conflicts} ETag conflicts retried",
            };
        }

        private Measured Done(long begun, IReadOnlyList<double> latencies, Func<Task<int>> countCompleted) =>
            new(Stopwatch.GetElapsedTime(begun).TotalSeconds, latencies, Requests.Snapshot(), time.GetUtcNow(), countCompleted);

        private Task MarkAsync(string name) =>
            azurite is null ? Task.CompletedTask : AzuriteRequestLog.MarkAsync(azurite, name, cancellation);

        private static string[] Ids(string prefix, int count) =>
            [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D6}")];

        // A query every 200 ms until every instance has checkpointed its "waiting" status: part of the
        // measurement (its queries are counted in the window), so its pace stays fixed.
        private async Task WaitUntilWaitingAsync(string prefix, int count)
        {
            while (await CountAsync(prefix, OrchestrationRuntimeStatus.Running, instance =>
                instance.SerializedCustomStatus?.Contains(WaitForSignal.WaitingStatus, StringComparison.Ordinal) == true) < count)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellation);
            }
        }

        private async Task<int> CountAsync(string prefix, OrchestrationRuntimeStatus status, Func<OrchestrationMetadata, bool>? where = null)
        {
            var count = 0;
            var query = new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [status], PageSize = 1000 };
            await foreach (var instance in _client.GetAllInstancesAsync(query).WithCancellation(cancellation))
            {
                count += where is null || where(instance) ? 1 : 0;
            }

            return count;
        }
    }
}
