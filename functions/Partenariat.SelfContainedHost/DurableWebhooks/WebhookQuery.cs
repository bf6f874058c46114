using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask.Client;

namespace Partenariat.SelfContainedHost.DurableWebhooks;

/// <summary>
/// The webhooks' query parameters and bodies, read as the Functions host reads them: a parameter it
/// cannot parse is ignored, as if it were absent.
/// </summary>
internal static class WebhookQuery
{
    /// <summary>A boolean parameter, or null.</summary>
    public static bool? Bool(IQueryCollection query, string name) => bool.TryParse(query[name], out var value) ? value : null;

    /// <summary>A duration in seconds (<c>timeout</c>, <c>pollingInterval</c>), or null.</summary>
    public static TimeSpan? Seconds(IQueryCollection query, string name) =>
        double.TryParse(query[name], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : null;

    /// <summary>A date, read as UTC where it names no offset, or null.</summary>
    public static DateTimeOffset? Date(IQueryCollection query, string name) =>
        DateTime.TryParse(query[name], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
            ? new DateTimeOffset(value, TimeSpan.Zero)
            : null;

    /// <summary>A whole number, or null.</summary>
    public static int? Int(IQueryCollection query, string name) =>
        int.TryParse(query[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>
    /// <c>runtimeStatus</c>: names (or numbers) separated by commas, case-sensitive, of
    /// <typeparamref name="TStatus"/>; unknown ones are skipped; null when none is left.
    /// </summary>
    public static List<TStatus>? Statuses<TStatus>(IQueryCollection query)
        where TStatus : struct, Enum
    {
        var statuses = query["runtimeStatus"]
            .SelectMany(value => (value ?? string.Empty).Split(','))
            .Select(value => Enum.TryParse<TStatus>(value, out var status) ? status : (TStatus?)null)
            .OfType<TStatus>()
            .ToList();
        return statuses.Count > 0 ? statuses : null;
    }

    /// <summary>A JSON body as a value that outlives its document.</summary>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    public static JsonElement JsonElementOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Whether an instance in <paramref name="status"/> has not finished (the Functions host answers 202 for it).</summary>
    public static bool IsRunning(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended || IsContinuedAsNew(status);

#pragma warning disable CS0618 // ContinuedAsNew is obsolete in the SDK; the provider still reports it between generations.
    /// <summary>Whether the provider reports the instance between two generations.</summary>
    public static bool IsContinuedAsNew(OrchestrationRuntimeStatus status) => status == OrchestrationRuntimeStatus.ContinuedAsNew;
#pragma warning restore CS0618
}
