using System.Net;
using System.Net.Http.Json;
using Partenariat.Testing;
using Partenariat.Workflow.Health;

namespace Partenariat.SelfContainedHost.Tests.Health;

[Collection(AzuriteCollection.Name)]
public sealed class HealthApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task GetHealth_AzuriteRunning_ReportsEveryStorageServiceHealthy()
    {
        await using var factory = new HostFactory(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString });
        using var client = factory.CreateClient();

        // The durable worker starts in the background: degraded until it processes the task hub.
        HealthResponse? body = null;
        for (var attempt = 0; attempt < 100 && body?.Status != "Healthy"; attempt++)
        {
            using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            body = await response.Content.ReadFromJsonAsync<HealthResponse>();
            await Task.Delay(body?.Status == "Healthy" ? 0 : 100);
        }

        Assert.NotNull(body);
        Assert.Equal("Healthy", body.Status);
        Assert.Equal(["blobs", "durable", "queues", "tables"], body.Checks.Keys.Order(StringComparer.Ordinal));
        Assert.All(body.Checks.Values, check => Assert.Equal("Healthy", check.Status));
    }

    [Fact]
    public async Task GetHealth_StorageUnreachable_Answers503NamingTheFailingServices()
    {
        var deadPort = FreePort();
        var connectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteInstance.AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{deadPort}/devstoreaccount1;QueueEndpoint={QueueEndpoint()};TableEndpoint=http://127.0.0.1:{deadPort}/devstoreaccount1;";
        await using var factory = new HostFactory(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = connectionString });
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
        await using var factory = new HostFactory(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["AzureFunctionsJobHost:extensions:http:routePrefix"] = "partenariat/v1",
        });
        using var client = factory.CreateClient();

        using var moved = await client.GetAsync(new Uri("/partenariat/v1/health", UriKind.Relative));
        using var old = await client.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }

    private string QueueEndpoint() => $"http://127.0.0.1:{azurite.Azurite.QueuePort}/devstoreaccount1";

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
