using System.Globalization;
using System.Text.RegularExpressions;

namespace Partenariat.Testing;

/// <summary>
/// An Azurite of the test run's own: the version pinned by the repository's package-lock.json, on
/// 127.0.0.1 with ports the system picks (so it never collides with a local run on 10000-10002),
/// its data in a fresh folder, stopped and its folder deleted on dispose. It can be restarted with
/// its data (<see cref="RestartAsync"/>).
/// </summary>
public sealed partial class AzuriteInstance : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account key (public, not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    // How long Azurite may take to save its data and close (its supervisor waits as long before SIGKILL).
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(60);

    private readonly string _location;
    private SupervisedProcess _process;

    private AzuriteInstance(SupervisedProcess process, string location, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>The blob service's port.</summary>
    public int BlobPort { get; }

    /// <summary>The queue service's port.</summary>
    public int QueuePort { get; }

    /// <summary>The table service's port.</summary>
    public int TablePort { get; }

    /// <summary>The connection string to give as <c>AzureWebJobsStorage</c>.</summary>
    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    /// <summary>What Azurite printed, for diagnostics.</summary>
    public string Output => _process.Output;

    /// <summary>
    /// The processor time Azurite's main thread (the Node process's JavaScript event loop, where it
    /// serves every request) has used so far: what the benchmarks divide by a window's requests to
    /// learn what a request costs Azurite, and by the window's length to learn how busy it was. Read
    /// from /proc on Linux; elsewhere the whole process's time (its I/O and GC threads included).
    /// </summary>
    /// <exception cref="InvalidOperationException">The supervisor has not reported Azurite's process id.</exception>
    public TimeSpan ProcessorTime
    {
        get
        {
            var pid = _process.ChildProcessId ?? throw new InvalidOperationException("The supervisor has not reported Azurite's process id.");
            var stat = $"/proc/{pid}/task/{pid}/stat";
            if (OperatingSystem.IsLinux() && File.Exists(stat))
            {
                // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15 (clock ticks, 100 a second).
                var text = File.ReadAllText(stat);
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                return TimeSpan.FromMilliseconds(ticks * 10);
            }

            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
    }

    /// <summary>The file Azurite writes its debug log to (one line per request among others), or null.</summary>
    public string? DebugLogPath { get; private init; }

    /// <summary>
    /// The connection string of Azurite's development account with its services on these ports of
    /// 127.0.0.1 (a port where nothing listens makes that service unreachable).
    /// </summary>
    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    /// <summary>Starts Azurite and waits until its three services listen.</summary>
    /// <exception cref="InvalidOperationException">Azurite is not installed (run <c>npm ci</c>) or did not start.</exception>
    public static Task<AzuriteInstance> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(debugLogPath: null, cancellationToken);

    /// <summary>
    /// Starts Azurite and waits until its three services listen; with <paramref name="debugLogPath"/>,
    /// Azurite also writes its debug log there (<c>--debug</c>), which names every request it served
    /// (kept after dispose: it is the caller's file).
    /// </summary>
    /// <exception cref="InvalidOperationException">Azurite is not installed (run <c>npm ci</c>) or did not start.</exception>
    public static async Task<AzuriteInstance> StartAsync(string? debugLogPath, CancellationToken cancellationToken = default)
    {
        var location = Path.Combine(Path.GetTempPath(), "partenariat-tests", $"azurite-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(location);
        var fullLogPath = debugLogPath is null ? null : Path.GetFullPath(debugLogPath);
        try
        {
            var (process, blob, queue, table) = await LaunchAsync(location, (0, 0, 0), fullLogPath, cancellationToken).ConfigureAwait(false);
            return new AzuriteInstance(process, location, blob, queue, table) { DebugLogPath = fullLogPath };
        }
        catch
        {
            TryDelete(location);
            throw;
        }
    }

    /// <summary>
    /// Stops Azurite cleanly (SIGTERM, then waits for it to save its data and end) and starts it
    /// again on the same ports with the same data, as an operator restarts the emulator. Clients
    /// meanwhile meet refused connections.
    /// </summary>
    /// <returns>Whether Azurite closed its three services cleanly before it ended.</returns>
    /// <exception cref="InvalidOperationException">Azurite did not start again.</exception>
    public async Task<bool> RestartAsync(CancellationToken cancellationToken = default)
    {
        var closedCleanly = await _process.StopAsync(CloseGrace + TimeSpan.FromSeconds(10)).ConfigureAwait(false)
            && ClosedServices(_process.Output) == 3;
        await _process.DisposeAsync().ConfigureAwait(false);
        (_process, _, _, _) = await LaunchAsync(_location, (BlobPort, QueuePort, TablePort), DebugLogPath, cancellationToken).ConfigureAwait(false);
        return closedCleanly;
    }

    private static int ClosedServices(string output) =>
        output.Split('\n').Count(line => line.Contains("service successfully closed", StringComparison.Ordinal));

    private static async Task<(SupervisedProcess Process, int Blob, int Queue, int Table)> LaunchAsync(
        string location, (int Blob, int Queue, int Table) ports, string? debugLogPath, CancellationToken cancellationToken)
    {
        var entry = Path.Combine(RepositoryPaths.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entry))
        {
            throw new InvalidOperationException($"Azurite is not installed at '{entry}': run 'npm ci' in '{RepositoryPaths.Root}' (the test command does).");
        }

        string[] arguments =
        [
            entry, "--location", location, "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--silent",
            "--blobHost", "127.0.0.1", "--blobPort", Port(ports.Blob),
            "--queueHost", "127.0.0.1", "--queuePort", Port(ports.Queue),
            "--tableHost", "127.0.0.1", "--tablePort", Port(ports.Table),
            .. (debugLogPath is null ? Array.Empty<string>() : ["--debug", debugLogPath]),
        ];
        var graceMs = ((int)CloseGrace.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var process = SupervisedProcess.Start("node", arguments, new Dictionary<string, string?> { ["SUPERVISE_GRACE_MS"] = graceMs });
        try
        {
            var timeout = TimeSpan.FromSeconds(60);
            var blob = await PortOfAsync(process, "Blob", timeout, cancellationToken).ConfigureAwait(false);
            var queue = await PortOfAsync(process, "Queue", timeout, cancellationToken).ConfigureAwait(false);
            var table = await PortOfAsync(process, "Table", timeout, cancellationToken).ConfigureAwait(false);
            return (process, blob, queue, table);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Stops Azurite and deletes its data.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        TryDelete(_location);
    }

    private static async Task<int> PortOfAsync(SupervisedProcess process, string service, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var line = await process.WaitForLineAsync(l => l.Contains($"Azurite {service} service is successfully listening", StringComparison.Ordinal), timeout, cancellationToken).ConfigureAwait(false);
        var match = PortPattern().Match(line);
        return match.Success
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"Cannot read the {service} port from Azurite's line '{line}'.");
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the folder is under the temp folder and harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex(@":(\d+)\s*$")]
    private static partial Regex PortPattern();
}
