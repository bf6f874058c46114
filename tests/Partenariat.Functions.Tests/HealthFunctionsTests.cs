using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Partenariat.Workflow.Health;

namespace Partenariat.Functions.Tests;

/// <summary>The function called directly, as the worker would, with the shared health checks behind it.</summary>
public sealed class HealthFunctionsTests
{
    [Fact]
    public async Task GetHealthAsync_EveryCheckHealthy_Answers200WithTheSharedResponse()
    {
        var function = new HealthFunctions(HealthChecks(HealthCheckResult.Healthy("answers")));

        var result = await function.GetHealthAsync(new DefaultHttpContext().Request);

        var json = Assert.IsType<JsonResult>(result);
        Assert.Equal(200, json.StatusCode);
        var body = Assert.IsType<HealthResponse>(json.Value);
        Assert.Equal("Healthy", body.Status);
        Assert.Equal(["blobs", "queues", "tables"], body.Checks.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetHealthAsync_ACheckUnhealthy_Answers503()
    {
        var function = new HealthFunctions(HealthChecks(HealthCheckResult.Unhealthy("connection refused")));

        var result = await function.GetHealthAsync(new DefaultHttpContext().Request);

        var json = Assert.IsType<JsonResult>(result);
        Assert.Equal(503, json.StatusCode);
        var body = Assert.IsType<HealthResponse>(json.Value);
        Assert.Equal("connection refused", body.Checks["tables"].Description);
    }

    private static HealthCheckService HealthChecks(HealthCheckResult result)
    {
        var services = new ServiceCollection().AddLogging();
        var checks = services.AddHealthChecks();
        foreach (var name in new[] { StorageHealthChecks.Tables, StorageHealthChecks.Queues, StorageHealthChecks.Blobs })
        {
            checks.AddCheck(name, () => result);
        }

        return services.BuildServiceProvider().GetRequiredService<HealthCheckService>();
    }
}
