using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;

namespace Partenariat.Testing;

/// <summary>A mail as the sink received it.</summary>
/// <param name="Subject">Its subject.</param>
/// <param name="Text">Its plain-text body.</param>
/// <param name="To">Its recipients' addresses.</param>
public sealed record ReceivedMail(string Subject, string Text, IReadOnlyList<string> To);

/// <summary>
/// A real SMTP sink for the tests: MailDev (pinned by package-lock.json), on free loopback ports,
/// its mails kept in a fresh folder and readable over its HTTP API and web page; stopped on dispose.
/// </summary>
public sealed class MailSink : IAsyncDisposable
{
    private readonly SupervisedProcess _process;
    private readonly string _folder;
    private readonly HttpClient _http;

    private MailSink(SupervisedProcess process, string folder, int smtpPort, int webPort)
    {
        _process = process;
        _folder = folder;
        SmtpPort = smtpPort;
        WebUrl = new Uri($"http://127.0.0.1:{webPort}/");
        _http = new HttpClient { BaseAddress = WebUrl };
    }

    /// <summary>The SMTP port on 127.0.0.1.</summary>
    public int SmtpPort { get; }

    /// <summary>The page where a person reads the mails.</summary>
    public Uri WebUrl { get; }

    /// <summary>Starts MailDev and waits until it answers.</summary>
    public static async Task<MailSink> StartAsync(CancellationToken cancellationToken = default)
    {
        var entry = Path.Combine(RepositoryPaths.Root, "node_modules", "maildev", "dist", "bin", "maildev.js");
        if (!File.Exists(entry))
        {
            throw new InvalidOperationException($"MailDev is not installed at '{entry}': run 'npm ci' in '{RepositoryPaths.Root}' (the test command does).");
        }

        var folder = Path.Combine(Path.GetTempPath(), "partenariat-tests", $"maildev-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var (smtp, web) = (FreePort(), FreePort());
        var process = SupervisedProcess.Start("node", [entry, "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "-s", $"{smtp}", "-w", $"{web}", "--mail-directory", folder]);
        var sink = new MailSink(process, folder, smtp, web);
        try
        {
            await Eventually.UntilAsync(async () => (await sink._http.GetAsync(new Uri("api/email", UriKind.Relative), cancellationToken).ConfigureAwait(false)).IsSuccessStatusCode,
                describe: () => Task.FromResult($"MailDev did not answer on {sink.WebUrl}. Output: {process.Output}"), cancellationToken: cancellationToken).ConfigureAwait(false);
            return sink;
        }
        catch
        {
            await sink.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Every mail received so far.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MailsAsync(CancellationToken cancellationToken = default)
    {
        var mails = await _http.GetFromJsonAsync<List<MailDevMail>>(new Uri("api/email", UriKind.Relative), cancellationToken).ConfigureAwait(false) ?? [];
        return [.. mails.Select(m => new ReceivedMail(m.Subject ?? string.Empty, m.Text ?? string.Empty, [.. (m.Envelope?.To ?? []).Select(t => t.Address ?? string.Empty)]))];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temporary-file cleaning.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record MailDevMail(string? Subject, string? Text, MailDevEnvelope? Envelope);

    private sealed record MailDevEnvelope([property: JsonPropertyName("to")] IReadOnlyList<MailDevAddress>? To);

    private sealed record MailDevAddress(string? Address);
}
