using System.Text.Json;
using Microsoft.DurableTask;

namespace Partenariat.DurableRuntime;

/// <summary>Reads an orchestration's failure back from what the Azure Storage provider keeps of it.</summary>
internal static class FailureDetailsReader
{
    /// <summary>
    /// The failure recorded by the completion event of a history (the provider's JSON of its history
    /// events), with its inner failures; null when the history holds none.
    /// </summary>
    public static TaskFailureDetails? FromHistory(string? historyJson)
    {
        if (string.IsNullOrWhiteSpace(historyJson))
        {
            return null;
        }

        using var history = JsonDocument.Parse(historyJson);
        if (history.RootElement.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        TaskFailureDetails? last = null;
        foreach (var historyEvent in history.RootElement.EnumerateArray())
        {
            if (historyEvent.ValueKind == JsonValueKind.Object
                && historyEvent.TryGetProperty("OrchestrationStatus", out _)
                && historyEvent.TryGetProperty("FailureDetails", out var details))
            {
                last = Read(details) ?? last;
            }
        }

        return last;
    }

    /// <summary>The failure from the instance table's summary, <c>"type: message"</c> (no stack trace, no inner failure).</summary>
    public static TaskFailureDetails? FromSummary(string? summary)
    {
        if (string.IsNullOrEmpty(summary))
        {
            return null;
        }

        var separator = summary.IndexOf(": ", StringComparison.Ordinal);
        return separator > 0
            ? new TaskFailureDetails(summary[..separator], summary[(separator + 2)..], null, null, null)
            : new TaskFailureDetails("Unknown", summary, null, null, null);
    }

    private static TaskFailureDetails? Read(JsonElement details) =>
        details.ValueKind != JsonValueKind.Object
            ? null
            : new TaskFailureDetails(
                Text(details, "ErrorType") ?? "Unknown",
                Text(details, "ErrorMessage") ?? string.Empty,
                Text(details, "StackTrace"),
                details.TryGetProperty("InnerFailure", out var inner) ? Read(inner) : null,
                null);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
