using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Partenariat.SelfContainedHost.Tests;

/// <summary>
/// The self-contained host in memory, with settings that take precedence over host.json and
/// local.settings.json, and services that replace the host's own where a test needs it.
/// </summary>
internal sealed class HostFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    /// <summary>
    /// The host on <paramref name="storageConnectionString"/>, on a task hub of its own named from
    /// <paramref name="hubPrefix"/>, with the durable provider's logs at Warning (or
    /// <c>PARTENARIAT_TEST_LOG</c>), <paramref name="extra"/> settings and <paramref name="services"/>.
    /// </summary>
    public static HostFactory OnStorage(
        string storageConnectionString, string hubPrefix, IReadOnlyDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var logLevel = Environment.GetEnvironmentVariable("PARTENARIAT_TEST_LOG") ?? "Warning";
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = hubPrefix + Guid.NewGuid().ToString("N")[..10],
            ["AzureFunctionsJobHost:logging:logLevel:DurableTask.Core"] = logLevel,
            ["AzureFunctionsJobHost:logging:logLevel:DurableTask.AzureStorage"] = logLevel,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new HostFactory(settings, services);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, configuration) => configuration
            // The tests of this assembly submit to the demonstration line on one Azurite: a line of
            // 1 G€ keeps them from waitlisting one another whatever their order; a test's own
            // settings, added after, may still set another amount.
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Partenariat:Conventions:0:Definition:Lines:0:Amount"] = "1000000000" })
            .AddInMemoryCollection(settings));
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
