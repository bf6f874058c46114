using System.Text.RegularExpressions;

namespace Partenariat.Testing;

/// <summary>The self-contained host as a user runs it: its build output in a process of its own, on a port of 127.0.0.1 the system picks.</summary>
public static partial class SelfContainedHostProcess
{
    /// <summary>The host's build output in the tests' configuration.</summary>
    public static string Dll => Path.Combine(RepositoryPaths.ProjectOutput("Partenariat.SelfContainedHost"), "Partenariat.SelfContainedHost.dll");

    /// <summary>Starts the host with <paramref name="environment"/> (its settings, as environment variables).</summary>
    public static SupervisedProcess Start(IReadOnlyDictionary<string, string?> environment) =>
        SupervisedProcess.Start("dotnet", [Dll, "--urls", "http://127.0.0.1:0"], environment);

    /// <summary>Waits for the host to say where it listens; its root address (e.g. <c>http://127.0.0.1:41234/</c>).</summary>
    /// <exception cref="TimeoutException">The host said nothing of it within <paramref name="timeout"/>.</exception>
    public static async Task<Uri> WaitForAddressAsync(SupervisedProcess host, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var line = await host.WaitForLineAsync(l => l.Contains("Partenariat is listening on", StringComparison.Ordinal), timeout, cancellationToken).ConfigureAwait(false);
        return ListeningPattern().Match(line) is { Success: true } match
            ? new Uri(match.Groups["root"].Value + "/")
            : throw new InvalidOperationException($"No address in '{line}'.");
    }

    [GeneratedRegex(@"listening on (?<root>http://127\.0\.0\.1:\d+)\.")]
    private static partial Regex ListeningPattern();
}
