using System.Collections.Concurrent;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Partenariat.Testing;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>
/// One Azurite for the whole conformance suite, and one host (<c>AddDurableTaskHosting</c>, the
/// conformance tasks) per configuration the scenarios need: the plain one, and one per worker or
/// client configuration (versioning, an orchestration filter, ...), each started when a scenario
/// first asks for it, on a task hub of its own with one partition polled every second.
/// </summary>
public sealed class ConformanceFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IHost>>> _hosts = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<IHost> _started = [];
    private AzuriteInstance? _azurite;

    /// <summary>The test Azurite.</summary>
    public AzuriteInstance Azurite => _azurite ?? throw new InvalidOperationException("Not started.");

    /// <summary>The plain host's client.</summary>
    public DurableTaskClient Client { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        Client = await ClientAsync("plain");
    }

    /// <summary>The client of the host configured as <paramref name="profile"/> names it (started once, on first use).</summary>
    public async Task<DurableTaskClient> ClientAsync(string profile, Action<IServiceCollection>? configureServices = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        (await _hosts.GetOrAdd(profile, _ => new Lazy<Task<IHost>>(() => StartHostAsync(HubName(profile), configureServices, settings))).Value)
            .Services.GetRequiredService<DurableTaskClient>();

    /// <summary>A host of its own on <paramref name="hubName"/> (several may share a hub); stopped with the fixture, or by the caller.</summary>
    public async Task<IHost> StartHostAsync(string hubName, Action<IServiceCollection>? configureServices = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>(), StringComparer.Ordinal)
        {
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:partitionCount"] = "1",
            [DurableRuntimeServiceCollectionExtensions.WorkerIdSetting] = "conformance-" + Guid.NewGuid().ToString("N")[..8],
        };
        var host = DurableHostFixture.BuildHost(Azurite.ConnectionString, hubName, all, configureServices, ConformanceTasks.Register);
        _started.Add(host);
        await host.StartAsync();
        return host;
    }

    /// <summary>A task hub name of its own for <paramref name="profile"/>.</summary>
    public static string HubName(string profile) =>
        "conf" + new string([.. profile.Where(char.IsAsciiLetterOrDigit).Take(24)]) + Guid.NewGuid().ToString("N")[..8];

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var host in _started)
        {
            try
            {
                await host.StopAsync(TimeSpan.FromSeconds(30));
            }
            catch (ObjectDisposedException)
            {
                // Stopped and disposed by its scenario already.
            }

            host.Dispose();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

/// <summary>The collection of the conformance scenarios: they share the fixture and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ConformanceCollection : ICollectionFixture<ConformanceFixture>
{
    public const string Name = "Conformance";
}
