using System.Globalization;

namespace Partenariat.Benchmarks;

/// <summary>Which durable settings a run uses.</summary>
internal enum SettingsKind
{
    /// <summary>Durable Functions' defaults: host.json's durableTask tuning is ignored (only the hub name is set).</summary>
    Defaults,

    /// <summary>The project's: the repository's host.json <c>extensions.durableTask</c>.</summary>
    Project,
}

/// <summary>The command line: <c>&lt;scenario&gt; [--instances N] [--json FILE] [--settings defaults|project|both] [--repeat K] [--idle-seconds S]</c>.</summary>
internal sealed record BenchmarkOptions(
    string Scenario,
    int Instances,
    string? JsonPath,
    IReadOnlyList<SettingsKind> Settings,
    int Repeat,
    int IdleSeconds,
    bool Recount = true)
{
    public static IReadOnlyList<string> Scenarios { get; } = ["hello-sequence", "fan-out", "external-events", "idle", "financing-request", "azurite-costs", "reports"];

    public const string Usage =
        "usage: dotnet run -c Release --project tests/Partenariat.Benchmarks -- <hello-sequence|fan-out|external-events|idle|financing-request|azurite-costs|reports>\n" +
        "         [--instances N] [--json FILE] [--settings defaults|project|both] [--repeat K] [--idle-seconds S] [--no-recount]\n" +
        "  --instances     orchestrations (fan-out: activities; financing-request: requests); default 200, fan-out 1000, idle 1, financing-request 100;\n" +
        "                  azurite-costs: requests of each kind (default 2000), with 400 messages lingering in the second pass;\n" +
        "                  reports: requests stored, 10 timeline entries each (default 10000); --repeat: reports timed\n" +
        "  --settings      Durable Functions' defaults, the project's host.json, or both side by side (default both)\n" +
        "  --repeat        runs of each settings, alternating their order (default 1)\n" +
        "  --idle-seconds  idle: how long the host has nothing to do (default 60)\n" +
        "  --no-recount    start Azurite without its debug log (it slows Azurite down); no recount then\n" +
        "Storage: AzureWebJobsStorage when set, else a fresh Azurite per run whose request log recounts the requests.";

    /// <exception cref="ArgumentException">The command line is not valid; the message says why.</exception>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || !Scenarios.Contains(args[0]))
        {
            throw new ArgumentException(args.Count == 0 ? "No scenario given." : $"Unknown scenario '{args[0]}'.");
        }

        var scenario = args[0];
        int? instances = null;
        string? json = null;
        var settings = new[] { SettingsKind.Defaults, SettingsKind.Project };
        var repeat = 1;
        var idleSeconds = 60;
        var recount = true;
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i] == "--no-recount")
            {
                recount = false;
                continue;
            }

            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"'{args[i]}' needs a value.");
            switch (args[i])
            {
                case "--instances":
                    instances = Positive(args[i], value);
                    break;
                case "--json":
                    json = value;
                    break;
                case "--settings":
                    settings = value switch
                    {
                        "defaults" => [SettingsKind.Defaults],
                        "project" => [SettingsKind.Project],
                        "both" => [SettingsKind.Defaults, SettingsKind.Project],
                        _ => throw new ArgumentException($"--settings must be defaults, project or both; it is '{value}'."),
                    };
                    break;
                case "--repeat":
                    repeat = Positive(args[i], value);
                    break;
                case "--idle-seconds":
                    idleSeconds = Positive(args[i], value);
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.");
            }

            i++;
        }

        return new BenchmarkOptions(scenario, instances ?? scenario switch { "fan-out" => 1000, "idle" => 1, "financing-request" => 100, "azurite-costs" => 2000, "reports" => 10_000, _ => 200 }, json, settings, repeat, idleSeconds, recount);
    }

    private static int Positive(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{option} must be a positive whole number; it is '{value}'.");
}
