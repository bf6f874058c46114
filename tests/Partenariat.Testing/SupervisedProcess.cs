using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Partenariat.Testing;

/// <summary>
/// A child process started through <c>tools/supervise.mjs</c>: it runs in its own process group,
/// which ends when this process's pipe to it closes, so nothing outlives the test run even when the
/// test process is killed. Its output is kept for diagnostics and can be awaited line by line.
/// </summary>
public sealed class SupervisedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Done)> _waiters = [];
    private readonly Lock _gate = new();

    private SupervisedProcess(Process process) => _process = process;

    /// <summary>The process id of the supervisor.</summary>
    public int Id => _process.Id;

    /// <summary>The supervised child's process id (also its process group id), once the supervisor has reported it.</summary>
    public int? ChildProcessId { get; private set; }

    /// <summary>Kills the supervised child with SIGKILL, as a crash would: no shutdown code runs.</summary>
    /// <exception cref="InvalidOperationException">The child's process id is not known yet.</exception>
    public async Task KillChildAsync()
    {
        var pid = ChildProcessId ?? throw new InvalidOperationException("The supervisor has not reported its child's process id.");
        using (var child = Process.GetProcessById(pid))
        {
            child.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Asks the supervised child to stop with SIGTERM, as a service manager or a container runtime
    /// does (Ctrl+C sends SIGINT, which .NET and Node treat alike); the supervisor exits with the
    /// child's exit code once it has stopped.
    /// </summary>
    /// <exception cref="InvalidOperationException">The child's process id is not known yet.</exception>
    public void TerminateChild()
    {
        var pid = ChildProcessId ?? throw new InvalidOperationException("The supervisor has not reported its child's process id.");
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("Cannot run 'kill'.");
        kill.WaitForExit();
    }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code (the supervised child's: the supervisor passes it on), once exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process printed so far (stdout and stderr, interleaved).</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/> under the supervisor.</summary>
    public static SupervisedProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(arguments);
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "tools", "supervise.mjs"));
        startInfo.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var supervised = new SupervisedProcess(process);
        process.OutputDataReceived += (_, e) => supervised.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => supervised.OnLine(e.Data);
        process.Exited += (_, _) =>
        {
            // The output may still be on its way: read it to its end before giving up on a line.
            process.WaitForExit();
            supervised.FailWaiters();
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return supervised;
    }

    /// <summary>Waits for the first line (already printed or to come) that matches.</summary>
    /// <exception cref="TimeoutException">No such line within <paramref name="timeout"/>; the message holds the output.</exception>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_process.HasExited)
        {
            // Exited already: wait for the rest of its output before looking.
            _process.WaitForExit();
        }

        lock (_gate)
        {
            var existing = _output.FirstOrDefault(match);
            if (existing is not null)
            {
                return existing;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The process exited with code {_process.ExitCode}. Output:{Environment.NewLine}{Output}");
            }

            _waiters.Add((match, done));
        }

        try
        {
            return await done.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No matching line within {timeout}. Output:{Environment.NewLine}{Output}");
        }
    }

    /// <summary>Waits until the process exits of itself; false when it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(patience.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Stops the process group as its supervisor does when its pipe closes (SIGTERM to the group,
    /// then, after the supervisor's grace, SIGKILL), waiting up to <paramref name="patience"/> for it
    /// to end; kills the whole tree if it lingers. True when it ended within the patience.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan patience)
    {
        if (_process.HasExited)
        {
            return true;
        }

        _process.StandardInput.Close();
        using var grace = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>Stops the process group (<see cref="StopAsync"/>, 10 s of patience) and lets go of the process.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        const string childPidPrefix = "supervise: child pid ";
        if (line.StartsWith(childPidPrefix, StringComparison.Ordinal)
            && int.TryParse(line.AsSpan(childPidPrefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var pid))
        {
            ChildProcessId = pid;
        }

        lock (_gate)
        {
            _output.Enqueue(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    _waiters[i].Done.TrySetResult(line);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private void FailWaiters()
    {
        lock (_gate)
        {
            foreach (var (_, done) in _waiters)
            {
                done.TrySetException(new InvalidOperationException($"The process exited. Output:{Environment.NewLine}{Output}"));
            }

            _waiters.Clear();
        }
    }
}
