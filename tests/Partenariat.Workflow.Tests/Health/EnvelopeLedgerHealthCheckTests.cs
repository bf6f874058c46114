using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Partenariat.Testing;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Health;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Tests.Health;

/// <summary>The ledgers' invariants in the health answer, on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EnvelopeLedgerHealthCheckTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CheckHealthAsync_LineOverCommittedInStorage_UnhealthyNamingTheLine()
    {
        var conventionId = "health-test-" + Guid.NewGuid().ToString("N")[..8];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(SampleConventions.Settings(conventionId, "housing-production", 1_000m)).Build();
        var conventions = ConventionDirectory.FromConfiguration(configuration);
        var tables = new TableServiceClient(azurite.ConnectionString);
        var ledgers = new EnvelopeLedgerStore(tables, conventions, TimeProvider.System);
        await ledgers.CreateIfNotExistsAsync();
        var line = new EnvelopeLineKey(conventionId, "housing-production");
        var requestId = RequestIds.New("123456782");
        await ledgers.ApplyAsync(line, requestId, new DateOnly(2026, 6, 1), l => l.Reserve(requestId, 800m, new DateOnly(2026, 6, 1)));
        var check = new EnvelopeLedgerHealthCheck(ledgers, conventions);
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration(EnvelopeLedgerHealthCheck.Name, check, HealthStatus.Unhealthy, null) };
        var healthy = await check.CheckHealthAsync(context);

        var table = tables.GetTableClient(StorageNames.LedgerTable);
        var row = (await table.GetEntityAsync<TableEntity>(line.Value, "line")).Value;
        row["Committed"] = "900"; // reserved 800 + committed 900 on a line of 1,000
        await table.UpdateEntityAsync(row, row.ETag);
        var broken = await check.CheckHealthAsync(context);

        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal(HealthStatus.Unhealthy, broken.Status);
        Assert.Contains("housing-production", broken.Description, StringComparison.Ordinal);
    }
}
