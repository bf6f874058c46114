using System.Text.RegularExpressions;
using Partenariat.Testing;
using Partenariat.Workflow.Telemetry;

namespace Partenariat.Benchmarks;

/// <summary>
/// Recounts storage requests from Azurite's debug log (<c>--debug</c>): one
/// "<c>&lt;Service&gt;StorageContextMiddleware: RequestMethod=... RequestURL=...</c>" line per request,
/// in the order Azurite served them. Its timestamps come in bursts under load, so windows are cut by
/// marks: requests to a queue named <c>benchmark-mark-&lt;name&gt;</c> that only this program sends.
/// </summary>
internal static partial class AzuriteRequestLog
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Sends the mark <paramref name="name"/> (Azurite logs it, then refuses it: it is not signed).</summary>
    public static async Task MarkAsync(AzuriteInstance azurite, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{azurite.QueuePort}/devstoreaccount1/benchmark-mark-{name}"), cancellationToken);
    }

    /// <summary>
    /// The requests between the mark <paramref name="from"/> (null: the log's start) and the mark
    /// <paramref name="to"/>, by <c>service.Operation</c>; null when the closing mark is not in the log (yet).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, long>?> CountAsync(string path, string? from, string to, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var counting = from is null;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var match = RequestLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var url = match.Groups["url"].Value;
            if (url.EndsWith("/benchmark-mark-" + to, StringComparison.Ordinal))
            {
                return counts;
            }

            if (from is not null && url.EndsWith("/benchmark-mark-" + from, StringComparison.Ordinal))
            {
                counting = true;
                continue;
            }

            if (!counting)
            {
                continue;
            }

            var service = match.Groups["service"].Value switch
            {
                "Blob" => StorageService.Blob,
                "Queue" => StorageService.Queue,
                _ => StorageService.Table,
            };
            var key = StorageRequestCounter.ServiceName(service) + "." + StorageOperations.Classify(service, match.Groups["method"].Value, new Uri(url));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return null;
    }

    [GeneratedRegex(@"^\S+ \S+ info: (?<service>Blob|Queue|Table)StorageContextMiddleware: RequestMethod=(?<method>\S+) RequestURL=(?<url>\S+)")]
    private static partial Regex RequestLine();
}
