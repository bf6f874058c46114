using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Partenariat.Testing;

namespace Partenariat.Chaos;

/// <summary>
/// A whole campaign: draws the lives from the seed, starts the cluster, lives them all (so many at
/// once) while the chaos runs beside them (hosts killed and restarted, Azurite restarted, each at a
/// point of the lives' progress drawn from the seed), runs the reconciler's pass, then checks the
/// stored state (<see cref="CampaignAudit"/>) once it has settled and reports.
/// </summary>
internal static partial class ChaosCampaign
{
    public static async Task<ChaosReport> RunAsync(ChaosOptions options, Action<string> log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var random = new Random(options.Seed);
        var plans = LifePlan.Draw(options.Requests, random);
        var events = ChaosEvent.Draw(options, random);
        log($"campaign: {options}");
        log("plan: " + string.Join(", ", plans.GroupBy(p => p.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
        log("replay with: dotnet run -c Release --project tests/Partenariat.Chaos -- " + options.CommandLine());

        var clock = Stopwatch.StartNew();
        await using var cluster = await ChaosCluster.StartAsync(options, log, cancellationToken).ConfigureAwait(false);
        log($"cluster up in {clock.Elapsed.TotalSeconds:0.0} s: task hub {cluster.Hub}, hosts' output in {cluster.Folder}");
        using var client = new ChaosClient(cluster, options.Seed);
        var totalSteps = plans.Sum(p => p.Steps);
        var progress = new Progress(totalSteps);
        progress.Expect(events.Count > 0 ? events[0].At : double.PositiveInfinity);

        using var chaosStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var chaos = RunChaosAsync(cluster, events, progress, new Random(options.Seed ^ 0x5eed), log, chaosStop.Token);
        var lives = await LiveAllAsync(plans, client, options.Concurrency, progress, log, cancellationToken).ConfigureAwait(false);
        var livesTook = clock.Elapsed;
        progress.End();
        var eventsMissed = await chaos.ConfigureAwait(false);
        log($"lives done in {livesTook.TotalSeconds:0} s; chaos: {cluster.Kills} kills, {cluster.AzuriteRestarts} Azurite restarts, {cluster.SelfExits} hosts exited by themselves");

        var (reconciliation, audit) = await SettleAsync(options, cluster, client, lives, log, cancellationToken).ConfigureAwait(false);
        var poison = await client.CountPoisonAsync(cancellationToken).ConfigureAwait(false);
        await KeepEvidenceAsync(client, audit, cluster.Folder, log, cancellationToken).ConfigureAwait(false);
        return new ChaosReport(options, lives, audit, reconciliation, poison, cluster.Kills, cluster.AzuriteRestarts, cluster.SelfExits,
            cluster.UncleanAzuriteStops, cluster.LostProbes, eventsMissed, client.Calls, client.Retries, [.. client.ServerErrors], livesTook, clock.Elapsed);
    }

    /// <summary>
    /// Runs the reconciler's pass and audits the stored state, again until every invariant holds or
    /// the state had time to settle (three visibility timeouts); the last look is what is reported.
    /// The lives are done when their views say so, but the last steps of a request whose messages a
    /// killed host had taken are still in flight: they come back only after their visibility
    /// timeout (a rejection recorded, say, its credit released by the next activity). A fault
    /// (a stuck orchestration, credit left reserved) outlasts the wait and is reported.
    /// </summary>
    private static async Task<(ReconciliationSummary Reconciliation, IReadOnlyList<InvariantResult> Audit)> SettleAsync(
        ChaosOptions options, ChaosCluster cluster, ChaosClient client, IReadOnlyList<LifeRecord> lives, Action<string> log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var passes = new List<ReconciliationSummary>();
        IReadOnlyList<InvariantResult> audit = [];
        try
        {
            await Eventually.UntilAsync(
                async () =>
                {
                    passes.Add(await ReconcileAsync(client, cancellationToken).ConfigureAwait(false));
                    audit = await CampaignAudit.RunAsync(cluster.ConnectionString, lives, cancellationToken).ConfigureAwait(false);
                    return audit.All(i => i.Holds);
                },
                options.VisibilityTimeout * 3,
                () => Task.FromResult(string.Join("; ", audit.Where(i => !i.Holds).Select(i => i.Name))),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException unsettled)
        {
            log($"the state did not settle: {unsettled.Message}");
        }

        if (audit.Count == 0)
        {
            // No look completed (each failed): one more, whose failure is the campaign's.
            audit = await CampaignAudit.RunAsync(cluster.ConnectionString, lives, cancellationToken).ConfigureAwait(false);
        }

        var last = passes.Count > 0 ? passes[^1] : new ReconciliationSummary(false, 0, 0, 0, "no pass answered");
        var reconciliation = last with
        {
            Released = passes.Sum(p => p.Released),
            Details = string.Join("; ", passes.Select(p => p.Details).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal)),
        };
        log($"reconciler's pass{(passes.Count > 1 ? $"es ({passes.Count}, the state settled in {clock.Elapsed.TotalSeconds:0} s)" : string.Empty)}: {reconciliation}");
        return (reconciliation, audit);
    }

    private static async Task<IReadOnlyList<LifeRecord>> LiveAllAsync(
        IReadOnlyList<LifePlan> plans, ChaosClient client, int concurrency, Progress progress, Action<string> log, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(concurrency);
        using var report = new PeriodicTimer(TimeSpan.FromSeconds(30));
        var done = 0;
        var tasks = plans.Select(async plan =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var record = await new RequestLife(plan, client, progress.StepAsync).LiveAsync(cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref done);
                if (record.GaveUp is { } why)
                {
                    log($"request {plan.Number} ({plan.Kind}, {record.RequestId}) given up: {why}");
                }

                return record;
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        var all = Task.WhenAll(tasks);
        while (!all.IsCompleted)
        {
            await Task.WhenAny(all, report.WaitForNextTickAsync(cancellationToken).AsTask()).ConfigureAwait(false);
            if (!all.IsCompleted)
            {
                log($"progress: {Volatile.Read(ref done)}/{plans.Count} lives done, {progress.Done}/{progress.Total} steps, {client.Calls} calls, {client.Retries} retries");
            }
        }

        return await all.ConfigureAwait(false);
    }

    /// <summary>Runs each event when the lives' progress reaches its point; the number of events never run (the lives ended first).</summary>
    private static async Task<int> RunChaosAsync(ChaosCluster cluster, IReadOnlyList<ChaosEvent> events, Progress progress, Random random, Action<string> log, CancellationToken cancellationToken)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var next = 0;
        try
        {
            while (next < events.Count && !progress.Finished && await tick.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (progress.Share < events[next].At)
                {
                    continue;
                }

                var chaosEvent = events[next++];
                progress.EventStarting(next < events.Count ? events[next].At : double.PositiveInfinity);
                if (chaosEvent.Kind == ChaosEventKind.RestartAzurite)
                {
                    await cluster.RestartAzuriteAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await cluster.KillAndRestartAsync(random, chaosEvent.Downtime, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log("chaos stopped");
        }
        finally
        {
            // No life waits for a chaos that has stopped.
            progress.EventStarting(double.PositiveInfinity);
        }

        return events.Count - next;
    }

    /// <summary>
    /// For each request a violation names, keeps its timeline and its orchestration's history (the
    /// durable webhook, with the operator's key) in the campaign's folder: Azurite's data goes with it.
    /// </summary>
    private static async Task KeepEvidenceAsync(ChaosClient client, IReadOnlyList<InvariantResult> audit, string folder, Action<string> log, CancellationToken cancellationToken)
    {
        var named = audit.SelectMany(i => i.Violations).SelectMany(v => RequestIdPattern().Matches(v).Select(m => m.Value)).Distinct(StringComparer.Ordinal).Take(20).ToList();
        foreach (var requestId in named)
        {
            var view = await client.SendJsonAsync(HttpMethod.Get, $"api/requests/{requestId}", ChaosClient.LandlordKey, null, cancellationToken: cancellationToken).ConfigureAwait(false);
            var history = await client.SendJsonAsync(HttpMethod.Get, $"runtime/webhooks/durabletask/instances/{requestId}?showHistory=true&showHistoryOutput=true&showInput=true&code={ChaosClient.OperatorKey}", ChaosClient.OperatorKey, null, cancellationToken: cancellationToken).ConfigureAwait(false);
            var path = Path.Combine(folder, requestId + ".json");
            await File.WriteAllTextAsync(path, $"{{\"view\": {view.Body},{Environment.NewLine}\"orchestration\": {history.Body}}}", cancellationToken).ConfigureAwait(false);
            log($"evidence of {requestId}: {path}");
        }
    }

    [GeneratedRegex(@"fr-\d{9}-[0-9a-f]{16}")]
    private static partial Regex RequestIdPattern();

    private static async Task<ReconciliationSummary> ReconcileAsync(ChaosClient client, CancellationToken cancellationToken)
    {
        var answer = await client.SendJsonAsync(HttpMethod.Post, "api/operations/reconciliation", ChaosClient.OperatorKey, null, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (answer.Status != HttpStatusCode.OK)
        {
            return new ReconciliationSummary(false, 0, 0, 0, $"answered {(int)answer.Status}: {answer.Body}");
        }

        var run = JsonNode.Parse(answer.Body)!;
        var released = run["released"]!.AsArray();
        var findings = run["findings"]!.AsArray();
        var details = string.Join("; ", released.Select(r => r!.ToJsonString()).Concat(findings.Select(f => f!.ToJsonString())));
        return new ReconciliationSummary(true, run["positionsChecked"]!.GetValue<int>(), released.Count, findings.Count, details);
    }

    /// <summary>The lives' steps done, shared between the lives and the chaos.</summary>
    /// <summary>
    /// The lives' steps done, shared between the lives and the chaos. A life that has done a step
    /// waits while the chaos has not yet started the event whose point the steps have passed: the
    /// chaos keeps pace with lives faster than its kills and restarts (each waits for a host to come
    /// back), so every event meets work in flight.
    /// </summary>
    private sealed class Progress(int total)
    {
        private readonly object _gate = new();
        private int _done;
        private int _ended;
        private double _nextEvent = double.PositiveInfinity;
        private TaskCompletionSource _moved = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Total => total;

        public int Done => Volatile.Read(ref _done);

        public double Share => (double)Done / total;

        /// <summary>Every life has ended (some may have been given up before their last step).</summary>
        public bool Finished => Volatile.Read(ref _ended) == 1;

        /// <summary>Counts a step, then waits while the chaos is behind the steps.</summary>
        public async Task StepAsync(CancellationToken cancellationToken)
        {
            var share = (double)Interlocked.Increment(ref _done) / total;
            while (true)
            {
                Task moved;
                lock (_gate)
                {
                    if (share <= _nextEvent)
                    {
                        return;
                    }

                    moved = _moved.Task;
                }

                await moved.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>The chaos starts an event; <paramref name="nextAt"/> is the point of the one after it (infinity when none).</summary>
        public void EventStarting(double nextAt)
        {
            TaskCompletionSource moved;
            lock (_gate)
            {
                _nextEvent = nextAt;
                moved = _moved;
                _moved = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            moved.TrySetResult();
        }

        /// <summary>The first event's point, before the lives start.</summary>
        public void Expect(double firstAt)
        {
            lock (_gate)
            {
                _nextEvent = firstAt;
            }
        }

        public void End()
        {
            Volatile.Write(ref _ended, 1);
            EventStarting(double.PositiveInfinity);
        }
    }
}

/// <summary>What the reconciler's pass answered.</summary>
internal sealed record ReconciliationSummary(bool Ran, int PositionsChecked, int Released, int Findings, string Details)
{
    public override string ToString() => Ran
        ? string.Create(CultureInfo.InvariantCulture, $"{PositionsChecked} positions checked, {Released} released, {Findings} findings{(Details.Length > 0 ? ": " + Details : string.Empty)}")
        : "not run: " + Details;
}

internal enum ChaosEventKind
{
    KillHost,
    RestartAzurite,
}

/// <summary>A chaos event, at a share of the lives' steps, with the killed host's downtime.</summary>
internal sealed record ChaosEvent(ChaosEventKind Kind, double At, TimeSpan Downtime)
{
    /// <summary>The campaign's events, in order: kills at random points of the span, Azurite's restarts evenly spread in it.</summary>
    public static IReadOnlyList<ChaosEvent> Draw(ChaosOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        // Within this share of the lives' steps, so that the last of the chaos still meets work in flight.
        const double start = 0.02;
        const double span = 0.85 - start;
        var kills = Enumerable.Range(0, options.Kills)
            .Select(_ => new ChaosEvent(ChaosEventKind.KillHost, start + (random.NextDouble() * span), TimeSpan.FromMilliseconds(random.Next(0, 5000))));
        var restarts = Enumerable.Range(1, options.AzuriteRestarts)
            .Select(i => new ChaosEvent(ChaosEventKind.RestartAzurite, start + (span * i / (options.AzuriteRestarts + 1)), TimeSpan.Zero));
        return [.. kills.Concat(restarts).OrderBy(e => e.At)];
    }
}
