using DurableTask.Core;
using Microsoft.DurableTask.Abstractions;
using Microsoft.DurableTask.Worker;

namespace Partenariat.DurableRuntime;

/// <summary>
/// The worker's versioning as Microsoft.DurableTask defines it: under <c>Strict</c> a worker runs only
/// its own version, under <c>CurrentOrOlder</c> its own and older ones, under <c>None</c> any; the same
/// check applies to an orchestration's version and to the version an activity is called with.
/// </summary>
internal static class VersionCheck
{
    /// <summary>The error type of a failure for a version this worker does not run (the SDK's own).</summary>
    public const string MismatchErrorType = "VersionMismatch";

    /// <summary>The error type of a failure for a version match strategy this worker does not know.</summary>
    public const string UnknownStrategyErrorType = "VersionError";

    /// <summary>Null when <paramref name="versioning"/> lets this worker run <paramref name="version"/>; else why not, as a failure that no retry repeats.</summary>
    public static FailureDetails? Evaluate(DurableTaskWorkerOptions.VersioningOptions? versioning, string? version)
    {
        if (versioning is null)
        {
            return null;
        }

        var requested = version ?? string.Empty;
        var comparison = TaskOrchestrationVersioningUtils.CompareVersions(requested, versioning.Version);
        return versioning.MatchStrategy switch
        {
            DurableTaskWorkerOptions.VersionMatchStrategy.None => null,
            DurableTaskWorkerOptions.VersionMatchStrategy.Strict when comparison != 0 => Mismatch(
                $"Version '{requested}' is not this worker's version '{versioning.Version}' (match strategy Strict)."),
            DurableTaskWorkerOptions.VersionMatchStrategy.CurrentOrOlder when comparison > 0 => Mismatch(
                $"Version '{requested}' is newer than this worker's version '{versioning.Version}' (match strategy CurrentOrOlder)."),
            DurableTaskWorkerOptions.VersionMatchStrategy.Strict or DurableTaskWorkerOptions.VersionMatchStrategy.CurrentOrOlder => null,
            _ => new FailureDetails(UnknownStrategyErrorType, $"Version match strategy '{versioning.MatchStrategy}' is not known to this worker.", null, null, isNonRetriable: true),
        };
    }

    /// <summary>Whether a work item of <paramref name="version"/> is to be left to another worker rather than failed.</summary>
    public static bool Rejects(DurableTaskWorkerOptions.VersioningOptions? versioning, string? version) =>
        versioning is { FailureStrategy: DurableTaskWorkerOptions.VersionFailureStrategy.Reject } && Evaluate(versioning, version) is not null;

    private static FailureDetails Mismatch(string message) => new(MismatchErrorType, message, null, null, isNonRetriable: true);
}
