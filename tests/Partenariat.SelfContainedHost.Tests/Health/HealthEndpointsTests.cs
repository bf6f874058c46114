using System.Net;
using System.Net.Http.Json;
using Partenariat.Testing;
using Partenariat.Workflow.Health;

namespace Partenariat.SelfContainedHost.Tests.Health;

/// <summary>The health endpoint of the self-contained host: the shared storage checks and the durable worker's.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HealthEndpointsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task GetHealth_AzuriteRunning_ReportsEveryStorageServiceHealthy()
    {
        await using var factory = HostFactory.OnStorage(azurite.ConnectionString, "health");
        using var client = factory.CreateClient();

        // The durable worker starts in the background: degraded until it processes the task hub.
        HealthResponse? last = null;
        var body = await Eventually.UntilAsync(
            async () =>
            {
                using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                last = await response.Content.ReadFromJsonAsync<HealthResponse>();
                return last?.Status == "Healthy" ? last : null;
            },
            describe: () => Task.FromResult($"the host to be healthy; it says {last?.Status}: {string.Join(", ", last?.Checks.Select(c => $"{c.Key} {c.Value.Status}") ?? [])}"));

        Assert.Equal(["blobs", "durable", "ledger", "queues", "tables"], body.Checks.Keys.Order(StringComparer.Ordinal));
        Assert.All(body.Checks.Values, check => Assert.Equal("Healthy", check.Status));
    }

    [Fact]
    public async Task GetHealth_StorageUnreachable_Answers503NamingTheFailingServices()
    {
        var deadPort = Loopback.FreePort();
        var connectionString = AzuriteInstance.ConnectionStringFor(deadPort, azurite.Azurite.QueuePort, deadPort);
        await using var factory = HostFactory.OnStorage(connectionString, "health");
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<HealthResponse>();
        Assert.NotNull(body);
        Assert.Equal("Unhealthy", body.Status);
        Assert.Equal("Unhealthy", body.Checks["blobs"].Status);
        Assert.Equal("Unhealthy", body.Checks["tables"].Status);
        Assert.Equal("Healthy", body.Checks["queues"].Status);
        Assert.Equal("Degraded", body.Checks["durable"].Status);
    }

    [Fact]
    public async Task GetHealth_RoutePrefixOverridden_MovesTheRoute()
    {
        await using var factory = HostFactory.OnStorage(azurite.ConnectionString, "health", new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:http:routePrefix"] = "partenariat/v1",
        });
        using var client = factory.CreateClient();

        using var moved = await client.GetAsync(new Uri("/partenariat/v1/health", UriKind.Relative));
        using var old = await client.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }
}
