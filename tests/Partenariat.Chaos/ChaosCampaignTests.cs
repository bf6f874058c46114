using Xunit.Abstractions;

namespace Partenariat.Chaos;

/// <summary>
/// The chaos campaign, reduced to fit the test suite (<see cref="ChaosOptions.Reduced"/>): the same
/// lives, chaos and invariants as the command, on fewer requests. The seed is printed in the output:
/// a failure is replayed with the command (<c>--seed</c>) and the options the output names.
/// Runs in the suite; <c>PARTENARIAT_CHAOS=0</c> leaves it out (a quick local run).
/// </summary>
public sealed class ChaosCampaignTests(ITestOutputHelper output)
{
    /// <summary>The setting that leaves the reduced campaign out of a run (<c>0</c>).</summary>
    public const string OptOutVariable = "PARTENARIAT_CHAOS";

    [SkippableFact]
    public async Task Campaign_HostsKilledAndAzuriteRestarted_EveryInvariantHolds()
    {
        Skip.If(Environment.GetEnvironmentVariable(OptOutVariable) == "0", $"Left out by {OptOutVariable}=0.");
        var options = ChaosOptions.Reduced(Random.Shared.Next());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(12));

        var report = await ChaosCampaign.RunAsync(options, output.WriteLine, timeout.Token);

        output.WriteLine(report.Describe());
        Assert.True(report.Kills >= options.Kills, $"{report.Kills} kills of {options.Kills}");
        Assert.True(report.AzuriteRestarts >= options.AzuriteRestarts, $"{report.AzuriteRestarts} Azurite restarts of {options.AzuriteRestarts}");
        Assert.True(report.Passed, report.Describe());
    }
}
