using System.Globalization;
using System.Text.Json;

namespace Partenariat.Benchmarks;

/// <summary>Prints the figures.</summary>
internal static class Report
{
    public static JsonSerializerOptions Json { get; } = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Print(BenchmarkResult r)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"""
              completed {r.Completed}/{r.Instances} in {r.Seconds:0.00} s: {r.Throughput:0.0}/s, latency p50 {r.LatencyP50Ms:0} ms, p99 {r.LatencyP99Ms:0} ms
              storage requests {r.StorageRequests} ({r.RequestsPerOrchestration:0.0} per {Unit(r)}); Azurite's log: {Optional(r.AzuriteRequests)} ({Optional(r.AzuriteRequestsPerOrchestration)} per {Unit(r)})
            """);
        Console.WriteLine(text);
        if (r.IdleRequestsPerSecond is { } idle)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  idle: {idle:0.00} requests/s (Azurite's log: {Optional(r.IdleAzuriteRequestsPerSecond)}; second half: {r.IdleRequestsPerSecondSecondHalf:0.00}/s), event latency {r.EventLatencyMs:0} ms"));
        }

        if (r.StepLatencies is { } steps)
        {
            Console.WriteLine("  steps: " + string.Join(", ", steps.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} p50 {pair.Value.P50Ms:0} ms p99 {pair.Value.P99Ms:0} ms"))));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  storage rate {r.StorageRequestsPerSecond:0.0}/s vs Azurite's raw rate {r.RawStorageRequestsPerSecond:0.0}/s at that count: ratio {r.RawRateRatio:0.00}; poller's requests excluded from the recount: {r.PollRequestsExcluded}; ledger: {r.Ledger}"));
            if (r.AzuriteBusy is not null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  Azurite: busy {r.AzuriteBusy:0.00} of the run, {r.AzuriteMsPerRequest:0.000} ms of its processor per request (plain upsert: {r.RawAzuriteMsPerRequest:0.000} ms); serves these requests at {r.AzuriteServedRequestsPerSecond:0.0}/s: ratio {r.ServedRateRatio:0.00}; the host: {r.HostCores:0.00} cores, {r.HostMsPerRequest:0.000} ms per request"));
            }
        }

        Console.WriteLine("  by operation: " + string.Join(", ", r.RequestsByOperation.Select(pair => $"{pair.Key} {pair.Value}")));
    }

    public static void Summary(IReadOnlyList<BenchmarkResult> results)
    {
        if (results.Count < 2)
        {
            return;
        }

        Console.WriteLine("== summary (min to max over runs)");
        foreach (var group in results.GroupBy(r => r.Settings))
        {
            var line = $"  {group.Key,-8}: {Range(group, r => r.Throughput)}/s, {Range(group, r => r.Seconds)} s, p50 {Range(group, r => r.LatencyP50Ms)} ms, " +
                $"p99 {Range(group, r => r.LatencyP99Ms)} ms, {Range(group, r => r.RequestsPerOrchestration)} requests per {Unit(group.First())} " +
                $"(Azurite: {Range(group, r => r.AzuriteRequestsPerOrchestration ?? double.NaN)})";
            if (group.First().IdleRequestsPerSecond is not null)
            {
                line += $", idle {Range(group, r => r.IdleRequestsPerSecond!.Value)}/s, event {Range(group, r => r.EventLatencyMs!.Value)} ms";
            }

            Console.WriteLine(line);
        }
    }

    private static string Unit(BenchmarkResult r) => r.Scenario switch { "fan-out" => "activity", "financing-request" => "request", _ => "orchestration" };

    private static string Optional(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "n/a";

    private static string Optional(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "n/a";

    private static string Range(IEnumerable<BenchmarkResult> results, Func<BenchmarkResult, double> value)
    {
        var values = results.Select(value).Where(v => !double.IsNaN(v)).ToList();
        if (values.Count == 0)
        {
            return "n/a";
        }

        var (min, max) = (values.Min(), values.Max());
        return min == max
            ? min.ToString("0.##", CultureInfo.InvariantCulture)
            : min.ToString("0.##", CultureInfo.InvariantCulture) + "-" + max.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
