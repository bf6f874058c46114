using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Partenariat.Workflow.Health;

namespace Partenariat.Functions;

/// <summary>The health endpoint: whether each storage service (tables, queues, blobs) answers.</summary>
public sealed class HealthFunctions(HealthCheckService healthChecks)
{
    /// <summary>GET /api/health.</summary>
    [Function("Health")]
    public async Task<IActionResult> GetHealthAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HealthEndpoint.Route)] HttpRequest request,
        CancellationToken cancellationToken = default)
    {
        var response = await HealthEndpoint.CheckAsync(healthChecks, cancellationToken);
        return new JsonResult(response) { StatusCode = response.HttpStatusCode };
    }
}
