using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Partenariat.Chaos;

/// <summary>
/// What a campaign did and found: the chaos it ran, the invariants (each holds or lists its
/// violations), the requests' times; it passes when every invariant holds.
/// </summary>
internal sealed record ChaosReport(
    ChaosOptions Options,
    IReadOnlyList<LifeRecord> Lives,
    IReadOnlyList<InvariantResult> Audit,
    ReconciliationSummary Reconciliation,
    int PoisonDecisions,
    int Kills,
    int AzuriteRestarts,
    int HostSelfExits,
    int UncleanAzuriteStops,
    int LostProbes,
    int EventsMissed,
    long Calls,
    long Retries,
    IReadOnlyList<string> ServerErrors,
    TimeSpan LivesTook,
    TimeSpan Took)
{
    /// <summary>Every invariant, the audit's and the campaign's own (the chaos ran in full, no host died by itself, no 500, Azurite kept its data, the reconciler ran).</summary>
    public IReadOnlyList<InvariantResult> Invariants =>
    [
        new("chaos ran in full", Options.Kills + Options.AzuriteRestarts,
            EventsMissed == 0 && Kills >= Options.Kills && AzuriteRestarts >= Options.AzuriteRestarts ? [] : [$"{Kills} kills of {Options.Kills}, {AzuriteRestarts} Azurite restarts of {Options.AzuriteRestarts}, {EventsMissed} events never run"]),
        new("no host exited by itself", Kills, HostSelfExits == 0 ? [] : [$"{HostSelfExits} host exits not caused by a kill (see the hosts' output)"]),
        new("Azurite kept its data", AzuriteRestarts, UncleanAzuriteStops + LostProbes == 0 ? [] : [$"{UncleanAzuriteStops} unclean stops, {LostProbes} restarts lost an acknowledged write"]),
        new("never a 500", (int)Calls, ServerErrors),
        new("reconciler's pass ran", 1, Reconciliation.Ran ? [] : [Reconciliation.Details]),
        .. Audit,
    ];

    public bool Passed => Invariants.All(i => i.Holds);

    /// <summary>The times of the lives carried through, from the first submission to their end state.</summary>
    public (TimeSpan P50, TimeSpan P95, TimeSpan Max) RequestTimes
    {
        get
        {
            var times = Lives.Where(l => l.GaveUp is null).Select(l => l.Took).Order().ToList();
            return times.Count == 0 ? default : (Percentile(times, 0.50), Percentile(times, 0.95), times[^1]);
        }
    }

    public string Describe()
    {
        var text = new StringBuilder();
        var (p50, p95, max) = RequestTimes;
        text.AppendLine(CultureInfo.InvariantCulture, $"campaign: {Options}");
        text.AppendLine(CultureInfo.InvariantCulture, $"replay: dotnet run -c Release --project tests/Partenariat.Chaos -- {Options.CommandLine()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"took {Took.TotalSeconds:0} s (lives {LivesTook.TotalSeconds:0} s); {Kills} hosts killed (SIGKILL) and restarted, {AzuriteRestarts} Azurite restarts with its data, {HostSelfExits} hosts exited by themselves");
        var ends = string.Join(", ", Lives.GroupBy(l => l.Reached?.ToString() ?? "never seen").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        text.AppendLine(CultureInfo.InvariantCulture, $"requests: {Lives.Count}; ended: {ends}");
        text.AppendLine(CultureInfo.InvariantCulture, $"inputs: {Calls} HTTP calls answered, {Retries} sent again (no answer or 5xx), {Lives.Sum(l => l.Duplicates)} duplicates, {Lives.Sum(l => l.MalformedSent)} malformed, {PoisonDecisions} decisions in the poison queue");
        text.AppendLine(CultureInfo.InvariantCulture, $"per request: p50 {p50.TotalSeconds:0.0} s, p95 {p95.TotalSeconds:0.0} s, max {max.TotalSeconds:0.0} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"reconciler: {Reconciliation}");
        foreach (var invariant in Invariants)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  [{(invariant.Holds ? "ok" : "FAILED")}] {invariant.Name} ({invariant.Checked} checked{(invariant.Holds ? string.Empty : $", {invariant.Violations.Count} violations")})");
            foreach (var violation in invariant.Violations.Take(20))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"      {violation}");
            }
        }

        text.Append(Passed ? "PASSED" : "FAILED");
        return text.ToString();
    }

    /// <summary>The report as JSON, with every request's plan, end and time.</summary>
    public string ToJson()
    {
        var (p50, p95, max) = RequestTimes;
        return JsonSerializer.Serialize(
            new
            {
                options = Options.CommandLine(),
                passed = Passed,
                tookSeconds = Took.TotalSeconds,
                livesSeconds = LivesTook.TotalSeconds,
                kills = Kills,
                azuriteRestarts = AzuriteRestarts,
                hostSelfExits = HostSelfExits,
                calls = Calls,
                retries = Retries,
                poisonDecisions = PoisonDecisions,
                requestSeconds = new { p50 = p50.TotalSeconds, p95 = p95.TotalSeconds, max = max.TotalSeconds },
                reconciliation = Reconciliation.ToString(),
                invariants = Invariants.Select(i => new { i.Name, i.Checked, i.Holds, i.Violations }),
                requests = Lives.Select(l => new { l.Plan.Number, kind = l.Plan.Kind.ToString(), l.RequestId, reached = l.Reached?.ToString(), seconds = l.Took.TotalSeconds, l.GaveUp, l.Anomalies }),
            },
            new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
    }

    private static TimeSpan Percentile(List<TimeSpan> sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
}
