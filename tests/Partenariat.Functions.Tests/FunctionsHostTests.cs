using System.Net;
using System.Net.Http.Json;
using Partenariat.Testing;
using Partenariat.Workflow.Health;

namespace Partenariat.Functions.Tests;

/// <summary>The Functions app on the real Azure Functions host, against the test Azurite.</summary>
public sealed class FunctionsHostTests
{
    [SkippableFact]
    public async Task Health_OnTheRealFunctionsHost_ReportsEveryStorageServiceHealthy()
    {
        Skip.If(FunctionsHost.SkipReason is not null, FunctionsHost.SkipReason);
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await FunctionsHost.StartAsync(azurite.ConnectionString);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await client.GetAsync(new Uri("api/health", UriKind.Relative));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}{Environment.NewLine}{host.Output}");
        var body = await response.Content.ReadFromJsonAsync<HealthResponse>();
        Assert.NotNull(body);
        Assert.Equal("Healthy", body.Status);
        Assert.Equal(["blobs", "ledger", "queues", "tables"], body.Checks.Keys.Order(StringComparer.Ordinal));
    }
}
