using System.Globalization;
using Partenariat.Testing;

namespace Partenariat.Chaos;

/// <summary>
/// What a campaign runs on: an Azurite of its own and <see cref="ChaosOptions.Hosts"/> self-contained
/// host processes (the build output, as a user runs it) sharing one task hub, each with its own
/// stable worker id. It kills a host with SIGKILL and starts it again, restarts Azurite cleanly with
/// its data, and restarts a host that exits by itself (counted: a host must survive everything but
/// a kill). Each host's output goes to a file of the campaign's folder. Everything it started stops
/// on dispose, whatever happened.
/// </summary>
internal sealed class ChaosCluster : IAsyncDisposable
{
    /// <summary>The campaign's convention: a period of its own whose production line holds every request.</summary>
    public const string ConventionId = "chaos-2026-2027";

    /// <summary>The line the requests are charged to.</summary>
    public const string LineId = "housing-production";

    /// <summary>Every request's amount (<see cref="SampleRequests.Valid"/>).</summary>
    public const decimal RequestAmount = 500_000m;

    private readonly AzuriteInstance _azurite;
    private readonly ChaosOptions _options;
    private readonly Action<string> _log;
    private readonly Slot[] _slots;
    private readonly CancellationTokenSource _stop = new();
    private Task _watch = Task.CompletedTask;
    private int _kills;
    private int _selfExits;
    private int _azuriteRestarts;
    private int _uncleanAzuriteStops;
    private int _lostProbes;

    private ChaosCluster(AzuriteInstance azurite, ChaosOptions options, string folder, Action<string> log)
    {
        _azurite = azurite;
        _options = options;
        _log = log;
        Folder = folder;
        Hub = "chaos" + Guid.NewGuid().ToString("N")[..10];
        _slots = [.. Enumerable.Range(0, ChaosOptions.Hosts).Select(i => new Slot($"chaos-host-{i}"))];
    }

    /// <summary>The task hub the hosts share.</summary>
    public string Hub { get; }

    /// <summary>Where the hosts' output goes.</summary>
    public string Folder { get; }

    /// <summary>Azurite's connection string (the same across its restarts: same ports).</summary>
    public string ConnectionString => _azurite.ConnectionString;

    /// <summary>Hosts killed so far.</summary>
    public int Kills => Volatile.Read(ref _kills);

    /// <summary>Hosts that exited by themselves (not killed), restarted.</summary>
    public int SelfExits => Volatile.Read(ref _selfExits);

    /// <summary>Azurite restarts so far.</summary>
    public int AzuriteRestarts => Volatile.Read(ref _azuriteRestarts);

    /// <summary>Azurite stops that did not close its services cleanly.</summary>
    public int UncleanAzuriteStops => Volatile.Read(ref _uncleanAzuriteStops);

    /// <summary>Azurite restarts after which a write acknowledged just before was missing.</summary>
    public int LostProbes => Volatile.Read(ref _lostProbes);

    /// <summary>The settings of the campaign's convention, with the configuration's key names.</summary>
    public static Dictionary<string, string?> ConventionSettings(int requests) =>
        SampleConventions.Settings(ConventionId, LineId, requests * RequestAmount, index: 1);

    /// <summary>Starts Azurite and the hosts, and watches the hosts.</summary>
    public static async Task<ChaosCluster> StartAsync(ChaosOptions options, Action<string> log, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(Path.GetTempPath(), "partenariat-chaos", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(folder);
        var azurite = await AzuriteInstance.StartAsync(cancellationToken).ConfigureAwait(false);
        var cluster = new ChaosCluster(azurite, options, folder, log);
        try
        {
            await Task.WhenAll(cluster._slots.Select(slot => cluster.StartHostAsync(slot, cancellationToken))).ConfigureAwait(false);
            cluster._watch = cluster.WatchAsync(cluster._stop.Token);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The address of a host that is up, drawn at random; null while none is.</summary>
    public Uri? PickAddress(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var up = _slots.Where(s => s.Address is not null).ToList();
        return up.Count == 0 ? null : up[random.Next(up.Count)].Address;
    }

    /// <summary>Kills a host that is up (drawn at random) with SIGKILL, waits <paramref name="downtime"/>, starts it again.</summary>
    public async Task KillAndRestartAsync(Random random, TimeSpan downtime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(random);
        var slot = _slots[random.Next(_slots.Length)];
        await slot.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (slot.Process is { } process)
            {
                slot.Address = null;
                await process.KillChildAsync().ConfigureAwait(false);
                Interlocked.Increment(ref _kills);
                _log($"killed {slot.WorkerId} (SIGKILL), kill {Kills}");
                await SaveOutputAsync(slot, process, "killed").ConfigureAwait(false);
                await process.DisposeAsync().ConfigureAwait(false);
                slot.Process = null;
            }

            // The host stays down a while (drawn from the seed), as a crashed process does before its restart.
            await Task.Delay(downtime, cancellationToken).ConfigureAwait(false);
            await StartHostAsync(slot, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slot.Turn.Release();
        }
    }

    /// <summary>
    /// Restarts Azurite cleanly with its data, after writing a probe (a table row, a queue message,
    /// a blob) just before; true when the probe survived and Azurite closed cleanly.
    /// </summary>
    public async Task<bool> RestartAzuriteAsync(CancellationToken cancellationToken = default)
    {
        var probe = new StorageProbe(ConnectionString, "chaosprobe" + AzuriteRestarts.ToString(CultureInfo.InvariantCulture));
        await probe.WriteAsync(cancellationToken).ConfigureAwait(false);
        var clean = await _azurite.RestartAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _azuriteRestarts);
        if (!clean)
        {
            Interlocked.Increment(ref _uncleanAzuriteStops);
        }

        var kept = await probe.ReadBackAsync(cancellationToken).ConfigureAwait(false);
        if (!kept)
        {
            Interlocked.Increment(ref _lostProbes);
        }

        _log($"restarted Azurite with its data ({(clean ? "closed cleanly" : "NOT closed cleanly")}, probe written just before {(kept ? "kept" : "LOST")})");
        return clean && kept;
    }

    /// <summary>Stops the hosts (SIGTERM, as a service manager does) and Azurite, and deletes Azurite's data.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _watch.ConfigureAwait(false);
        foreach (var slot in _slots)
        {
            if (slot.Process is { } process)
            {
                slot.Address = null;
                await process.StopAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
                await SaveOutputAsync(slot, process, "stopped").ConfigureAwait(false);
                await process.DisposeAsync().ConfigureAwait(false);
                slot.Process = null;
            }
        }

        await _azurite.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task StartHostAsync(Slot slot, CancellationToken cancellationToken)
    {
        var process = SelfContainedHostProcess.Start(HostSettings(slot));
        slot.Process = process;
        slot.Starts++;
        try
        {
            slot.Address = await SelfContainedHostProcess.WaitForAddressAsync(process, TimeSpan.FromSeconds(120), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            // It died while starting, or never said where it listens: the watcher starts it again.
            _log($"{slot.WorkerId} did not start: {exception.Message.Split('\n')[0]}");
        }
    }

    /// <summary>A host that exits by itself is a finding: its output is kept, and it is started again.</summary>
    private async Task WatchAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                foreach (var slot in _slots)
                {
                    if (!await slot.Turn.WaitAsync(0, stop).ConfigureAwait(false))
                    {
                        continue; // being killed or started
                    }

                    try
                    {
                        if (slot.Process is { HasExited: true } exited)
                        {
                            slot.Address = null;
                            Interlocked.Increment(ref _selfExits);
                            _log($"{slot.WorkerId} exited by itself (code {exited.ExitCode}); starting it again");
                            await SaveOutputAsync(slot, exited, "exited by itself").ConfigureAwait(false);
                            await exited.DisposeAsync().ConfigureAwait(false);
                            await StartHostAsync(slot, stop).ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        slot.Turn.Release();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private Dictionary<string, string?> HostSettings(Slot slot)
    {
        const string durable = "AzureFunctionsJobHost__extensions__durableTask__";
        const string logging = "AzureFunctionsJobHost__logging__logLevel__";
        var visibility = _options.VisibilityTimeout.ToString("c", CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = ConnectionString,
            ["Partenariat__DurableWorkerId"] = slot.WorkerId,
            [durable + "hubName"] = Hub,
            // Both hosts take partitions, and move them when one dies.
            [durable + "storageProvider__partitionCount"] = "4",
            [durable + "storageProvider__maxQueuePollingInterval"] = "00:00:01",
            [durable + "storageProvider__controlQueueVisibilityTimeout"] = visibility,
            [durable + "storageProvider__workItemQueueVisibilityTimeout"] = visibility,
            ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:01",
            [logging + "default"] = "Warning",
            [logging + "Partenariat.SelfContainedHost.Startup"] = "Information",
            [logging + "Partenariat.DurableRuntime"] = "Information",
            [logging + "Partenariat.Workflow.Reconciliation"] = "Information",
        };
        foreach (var (key, value) in SampleConventions.AsEnvironment(ConventionSettings(_options.Requests)))
        {
            settings[key] = value;
        }

        return settings;
    }

    private async Task SaveOutputAsync(Slot slot, SupervisedProcess process, string how)
    {
        var path = Path.Combine(Folder, $"{slot.WorkerId}.log");
        var header = $"==== run {slot.Starts} of {slot.WorkerId}, {how} at {DateTime.UtcNow:O}{Environment.NewLine}";
        await File.AppendAllTextAsync(path, header + process.Output + Environment.NewLine).ConfigureAwait(false);
    }

    private sealed class Slot(string workerId)
    {
        private Uri? _address;

        public string WorkerId { get; } = workerId;

        /// <summary>Killing, starting and watching a host take turns.</summary>
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public SupervisedProcess? Process { get; set; }

        /// <summary>Where it listens while it is up; null while it is down or starting.</summary>
        public Uri? Address
        {
            get => Volatile.Read(ref _address);
            set => Volatile.Write(ref _address, value);
        }

        public int Starts { get; set; }
    }
}
