namespace Partenariat.Testing;

/// <summary>
/// The Functions app (its build output) on the real Azure Functions host in
/// <c>../shared/functions-host</c> (or the folder named by <c>PARTENARIAT_FUNCTIONS_HOST</c>), as a
/// supervised process on a free loopback port. That host exists on our machines and in CI, not on a
/// user's: tests that need it skip where it is absent (<see cref="SkipReason"/>).
/// </summary>
public sealed class FunctionsHost : IAsyncDisposable
{
    private readonly SupervisedProcess _process;

    private FunctionsHost(SupervisedProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>The folder that holds the host's run.sh.</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable("PARTENARIAT_FUNCTIONS_HOST") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "functions-host"));

    /// <summary>Why tests of the real host cannot run here, or null when they can.</summary>
    public static string? SkipReason =>
        File.Exists(Path.Combine(Directory, "run.sh"))
            ? null
            : $"The Azure Functions host built from source is not at '{Directory}' (it exists on the project's CI machines; set PARTENARIAT_FUNCTIONS_HOST to its folder to run these tests).";

    /// <summary>The Functions app's build output in the tests' configuration.</summary>
    public static string AppOutput => RepositoryPaths.ProjectOutput("Partenariat.Functions");

    /// <summary>Where the host listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>What the host and its worker printed.</summary>
    public string Output => _process.Output;

    /// <summary>Starts the host with the app against <paramref name="storageConnectionString"/> and waits until it has started.</summary>
    public static async Task<FunctionsHost> StartAsync(string storageConnectionString, IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default)
    {
        if (SkipReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        if (!File.Exists(Path.Combine(AppOutput, "functions.metadata")))
        {
            throw new InvalidOperationException($"The Functions app is not built at '{AppOutput}': build the solution first.");
        }

        var port = Loopback.FreePort();
        var environment = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["AzureWebJobsStorage"] = storageConnectionString,
        };
        var process = SupervisedProcess.Start(Path.Combine(Directory, "run.sh"), [AppOutput, port.ToString(System.Globalization.CultureInfo.InvariantCulture)], environment);
        try
        {
            await process.WaitForLineAsync(l => l.Contains("Job host started", StringComparison.Ordinal), TimeSpan.FromSeconds(120), cancellationToken).ConfigureAwait(false);
            var baseAddress = new Uri($"http://127.0.0.1:{port}/");
            await WaitUntilAnsweringAsync(baseAddress, process, cancellationToken).ConfigureAwait(false);
            return new FunctionsHost(process, baseAddress);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the host and its worker.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    // The host logs "Job host started" a moment before Kestrel accepts connections.
    private static async Task WaitUntilAnsweringAsync(Uri baseAddress, SupervisedProcess process, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.UntilAsync(
            async () =>
            {
                // A host that exited will not answer: the failure says so, with its output.
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The Functions host exited. Output:{Environment.NewLine}{process.Output}");
                }

                // Any answer will do: the host accepts connections.
                using var response = await client.GetAsync(new Uri("/", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                return true;
            },
            "the Functions host to accept connections",
            TimeSpan.FromSeconds(60),
            cancellationToken).ConfigureAwait(false);
    }
}
