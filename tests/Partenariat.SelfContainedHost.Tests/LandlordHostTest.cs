using Partenariat.Testing;

namespace Partenariat.SelfContainedHost.Tests;

/// <summary>
/// A test class of its own host (on <paramref name="azurite"/>, a task hub named from
/// <paramref name="hubPrefix"/>, with <paramref name="settings"/>) and an HTTP client on it that
/// carries landlord 123456782's key; both made before each test and disposed after it.
/// </summary>
public abstract class LandlordHostTest(AzuriteFixture azurite, string hubPrefix, IReadOnlyDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    /// <summary>The landlord whose key the client carries.</summary>
    protected const string Landlord = "123456782";

    private HostFactory? _factory;
    private HttpClient? _client;

    /// <summary>The client, with the landlord's key.</summary>
    protected HttpClient Client => _client!;

    /// <summary>The storage the host runs on.</summary>
    protected string StorageConnectionString => azurite.ConnectionString;

    /// <inheritdoc />
    public Task InitializeAsync()
    {
        _factory = HostFactory.OnStorage(azurite.ConnectionString, hubPrefix, settings);
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", $"local-landlord-{Landlord}-key");
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
