using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Partenariat.Testing;
using Partenariat.Workflow.Health;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Tests.Health;

[Collection(AzuriteCollection.Name)]
public sealed class StorageHealthChecksTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AddStorageChecks_AzuriteRunning_EveryServiceIsHealthy()
    {
        await using var services = Services(azurite.ConnectionString);

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal(["blobs", "queues", "tables"], report.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.All(report.Entries.Values, entry => Assert.Equal("answers", entry.Description));
    }

    [Fact]
    public async Task AddStorageChecks_NothingListening_EveryServiceIsUnhealthy()
    {
        var port = Loopback.FreePort();
        await using var services = Services(AzuriteInstance.ConnectionStringFor(port, port, port), retries: 0);

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.All(report.Entries.Values, entry => Assert.Equal(HealthStatus.Unhealthy, entry.Status));
        var response = HealthResponse.From(report);
        Assert.Equal(503, response.HttpStatusCode);
        Assert.All(response.Checks.Values, check => Assert.False(string.IsNullOrEmpty(check.Description)));
    }

    private static ServiceProvider Services(string connectionString, int? retries = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageConnection.SettingName] = connectionString })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddPartenariatStorage();
        if (retries is { } count)
        {
            var connection = StorageConnection.FromConfiguration(configuration);
            services.AddSingleton(connection.CreateBlobServiceClient(new() { Retry = { MaxRetries = count } }));
            services.AddSingleton(connection.CreateQueueServiceClient(new() { Retry = { MaxRetries = count } }));
            services.AddSingleton(connection.CreateTableServiceClient(new() { Retry = { MaxRetries = count } }));
        }

        services.AddHealthChecks().AddStorageChecks();
        return services.BuildServiceProvider();
    }
}
