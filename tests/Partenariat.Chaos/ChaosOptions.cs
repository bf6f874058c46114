using System.Globalization;

namespace Partenariat.Chaos;

/// <summary>
/// What a campaign does: how many requests, how many at once, how many hosts killed and Azurite
/// restarts, its random seed (a campaign is replayed from its seed, the processes' timing aside)
/// and the queues' visibility timeout (what a killed host's messages wait before another takes them).
/// </summary>
internal sealed record ChaosOptions(
    int Requests,
    int Concurrency,
    int Kills,
    int AzuriteRestarts,
    int Seed,
    TimeSpan VisibilityTimeout,
    string? JsonPath = null)
{
    /// <summary>The hosts sharing the task hub.</summary>
    public const int Hosts = 2;

    public const string Usage =
        "usage: dotnet run -c Release --project tests/Partenariat.Chaos -- chaos\n" +
        "         [--requests N] [--concurrency C] [--kills K] [--azurite-restarts R] [--seed S] [--visibility-seconds V] [--json FILE]\n" +
        "  --requests            financing requests, each through its whole life (default 500)\n" +
        "  --concurrency         lives in progress at once (default 40)\n" +
        "  --kills               hosts killed with SIGKILL, then restarted, spread over the run (default 24)\n" +
        "  --azurite-restarts    clean restarts of Azurite with its data (default 2)\n" +
        "  --seed                the plan's random seed (default: drawn, and printed)\n" +
        "  --visibility-seconds  the task hub's queue visibility timeout (default 30)\n" +
        "  --json                also write the report, with every request's time, to FILE";

    /// <summary>The campaign of the command's defaults.</summary>
    public static ChaosOptions Full(int seed) => new(500, 40, 24, 2, seed, TimeSpan.FromSeconds(30));

    /// <summary>The campaign of the test suite: the same, smaller, within a few minutes.</summary>
    public static ChaosOptions Reduced(int seed) => new(36, 18, 5, 1, seed, TimeSpan.FromSeconds(30));

    /// <exception cref="ArgumentException">The command line is not valid; the message says why.</exception>
    public static ChaosOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] != "chaos")
        {
            throw new ArgumentException(args.Count == 0 ? "No command given." : $"Unknown command '{args[0]}'.");
        }

        var options = Full(Random.Shared.Next());
        for (var i = 1; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"'{args[i]}' needs a value.");
            options = args[i] switch
            {
                "--requests" => options with { Requests = Whole(args[i], value, 1) },
                "--concurrency" => options with { Concurrency = Whole(args[i], value, 1) },
                "--kills" => options with { Kills = Whole(args[i], value, 0) },
                "--azurite-restarts" => options with { AzuriteRestarts = Whole(args[i], value, 0) },
                "--seed" => options with { Seed = Whole(args[i], value, 0) },
                "--visibility-seconds" => options with { VisibilityTimeout = TimeSpan.FromSeconds(Whole(args[i], value, 5)) },
                "--json" => options with { JsonPath = value },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        return options;
    }

    /// <summary>The command line that replays this campaign.</summary>
    public string CommandLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"chaos --requests {Requests} --concurrency {Concurrency} --kills {Kills} --azurite-restarts {AzuriteRestarts} --seed {Seed} --visibility-seconds {VisibilityTimeout.TotalSeconds:0}");

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Requests} requests ({Concurrency} at once), {Hosts} hosts, {Kills} kills, {AzuriteRestarts} Azurite restarts, visibility timeout {VisibilityTimeout.TotalSeconds:0} s, seed {Seed}");

    private static int Whole(string option, string value, int minimum) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= minimum
            ? n
            : throw new ArgumentException($"{option} must be a whole number of at least {minimum}; it is '{value}'.");
}
