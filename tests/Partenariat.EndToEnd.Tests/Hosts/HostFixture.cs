using System.Security.Cryptography;
using Partenariat.EndToEnd.Tests.Requests;
using Partenariat.Testing;

namespace Partenariat.EndToEnd.Tests.Hosts;

/// <summary>
/// One host for a test collection, on an Azurite and a task hub of its own, started before the
/// collection's first test and stopped after its last; or, where it cannot run here, the reason the
/// collection's tests are skipped.
/// </summary>
public abstract class HostFixture : IAsyncLifetime
{
    private IHostUnderTest? _host;

    /// <summary>Why this host cannot run here, or null.</summary>
    public abstract string? SkipReason { get; }

    /// <summary>The running host; throws a skip where it cannot run.</summary>
    public IHostUnderTest Host => _host ?? throw new SkipException(SkipReason ?? "The host did not start.");

    /// <summary>
    /// Settings both hosts are given: their own task hub, one partition and one-second polling
    /// ceilings, durable and queue trigger (so that timers and queued messages are seen promptly).
    /// </summary>
    protected static Dictionary<string, string?> DurableSettings(string taskHub)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = taskHub,
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount"] = "1",
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:01",
            ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:01",
            // Every test of a host submits to the demonstration line on one Azurite: a line of 1 G€
            // keeps them from waitlisting one another whatever their order (the envelope tests make
            // small lines of their own).
            ["Partenariat__Conventions__0__Definition__Lines__0__Amount"] = "1000000000",
            // The life-cycle scenarios: an answer is due within seconds, a line that holds one sample
            // request (waitlist), a period that closes 20 s after the host starts (expiry: the host is
            // a real process whose durable timers run on the wall clock, hence UtcNow here), a line
            // for the termination scenario, and the reports' own period, whose requests are the
            // report test's alone.
            ["Partenariat__Workflow__InformationDueAfter"] = "00:00:06",
            // The webhook tests start diagnostic orchestrations: on for these hosts (off by default).
            ["Partenariat__Diagnostics__Enabled"] = "true",
        };
        var scenarios = ScenarioConvention(1, LifecycleScenarios.SmallLineConvention, amount: 500_000m, closesAt: null)
            .Concat(ScenarioConvention(2, LifecycleScenarios.ClosingConvention, amount: 15_000_000m, closesAt: DateTimeOffset.UtcNow.AddSeconds(20)))
            .Concat(ScenarioConvention(3, LifecycleScenarios.TerminationConvention, amount: 500_000m, closesAt: null))
            .Concat(ScenarioConvention(4, Reports.ReportTests.ReportsConvention, amount: 15_000_000m, closesAt: null));
        foreach (var (key, value) in scenarios)
        {
            settings[key] = value;
        }

        return settings;
    }

    // The scenarios' convention, as environment variables of the host's process (no null value: unset).
    private static IEnumerable<KeyValuePair<string, string?>> ScenarioConvention(int index, string id, decimal amount, DateTimeOffset? closesAt) =>
        SampleConventions.AsEnvironment(SampleConventions.Settings(id, "housing-production", amount, index, closesAt));

    /// <summary>A fresh task hub name (letters and digits).</summary>
    protected static string NewTaskHub() => "e2e" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A fresh random key.</summary>
    protected static string NewKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (SkipReason is null)
        {
            _host = await StartAsync();
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
        }
    }

    /// <summary>Starts the host, with its own Azurite.</summary>
    protected abstract Task<IHostUnderTest> StartAsync();

    /// <summary>Starts an Azurite and, on it, what <paramref name="start"/> starts; stops the Azurite if that fails.</summary>
    protected static async Task<TResult> WithAzuriteAsync<TResult>(Func<AzuriteInstance, Task<TResult>> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var azurite = await AzuriteInstance.StartAsync();
        try
        {
            return await start(azurite);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }
}
