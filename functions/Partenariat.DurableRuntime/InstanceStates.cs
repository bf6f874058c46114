using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Newtonsoft.Json.Linq;
using Core = DurableTask.Core;

namespace Partenariat.DurableRuntime;

/// <summary>The provider's instance states and failures as Microsoft.DurableTask's client answers them.</summary>
internal static class InstanceStates
{
    // Tags the Durable Task runtimes keep for themselves (trace context, request time, ...): never the application's.
    private const string RuntimeTagPrefix = "MS_";

    /// <summary>The statuses of an instance that has not finished.</summary>
    public static IReadOnlySet<Core.OrchestrationStatus> Unfinished { get; } = new HashSet<Core.OrchestrationStatus>
    {
        Core.OrchestrationStatus.Pending,
        Core.OrchestrationStatus.Running,
        Core.OrchestrationStatus.Suspended,
        Core.OrchestrationStatus.ContinuedAsNew,
    };

    /// <summary>
    /// The metadata of <paramref name="state"/>: input, output and failure only with
    /// <paramref name="withInputsAndOutputs"/> (the failure then from <paramref name="failure"/> where
    /// the state lacks it), the custom status always, and the application's tags.
    /// </summary>
    public static OrchestrationMetadata ToMetadata(Core.OrchestrationState state, bool withInputsAndOutputs, DataConverter dataConverter, TaskFailureDetails? failure = null) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = withInputsAndOutputs ? dataConverter : null,
            RuntimeStatus = (OrchestrationRuntimeStatus)state.OrchestrationStatus,
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
            LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
            SerializedInput = withInputsAndOutputs ? state.Input : null,
            SerializedOutput = withInputsAndOutputs ? state.Output : null,
            SerializedCustomStatus = state.Status,
            FailureDetails = withInputsAndOutputs && state.OrchestrationStatus == Core.OrchestrationStatus.Failed
                ? ToTaskFailureDetails(state.FailureDetails) ?? failure ?? FromSummary(state.Output)
                : null,
            Tags = ApplicationTags(state.Tags),
        };

    /// <summary>The application's tags among <paramref name="tags"/>.</summary>
    public static Dictionary<string, string> ApplicationTags(IDictionary<string, string>? tags) =>
        tags?.Where(tag => !tag.Key.StartsWith(RuntimeTagPrefix, StringComparison.Ordinal)).ToDictionary(tag => tag.Key, tag => tag.Value, StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// A failure with its inner failures and properties. Property values come back as the JSON they
    /// were stored as: numbers as <see cref="double"/> (as the SDK's other clients answer them),
    /// objects as dictionaries, arrays as lists.
    /// </summary>
    public static TaskFailureDetails? ToTaskFailureDetails(Core.FailureDetails? details) =>
        details is null
            ? null
            : new TaskFailureDetails(
                details.ErrorType,
                details.ErrorMessage,
                details.StackTrace,
                ToTaskFailureDetails(details.InnerFailure),
                details.Properties?.ToDictionary(property => property.Key, property => Plain(property.Value), StringComparer.Ordinal));

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

    private static object? Plain(object? value) => value switch
    {
        JObject json => json.Properties().ToDictionary(property => property.Name, property => Plain(property.Value), StringComparer.Ordinal),
        JArray json => json.Select(Plain).ToList(),
        JValue json => Plain(json.Value),
        sbyte or byte or short or ushort or int or uint or long or ulong or float or decimal => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };
}
