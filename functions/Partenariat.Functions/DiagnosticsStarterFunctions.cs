using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Partenariat.Workflow.Diagnostics;

namespace Partenariat.Functions;

/// <summary>Starts a diagnostic orchestration and answers Durable Functions' check-status response (see <see cref="DiagnosticsStarter"/>).</summary>
public sealed class DiagnosticsStarterFunctions(IOptions<DiagnosticsOptions> options)
{
    /// <summary>POST /api/diagnostics/{orchestrator}, with a function key.</summary>
    [Function(DiagnosticsStarter.FunctionName)]
    public async Task<HttpResponseData> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = DiagnosticsStarter.Route)] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        string orchestrator,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = await DiagnosticsStarter.StartAsync(client, orchestrator, request.Body, options.Value, cancellationToken);
        if (started.Problem is { } problem)
        {
            // As ASP.NET Core's problem details carry it in the self-contained host.
            problem.Extensions["traceId"] = request.FunctionContext.TraceContext.TraceParent;
            var response = request.CreateResponse((HttpStatusCode)problem.Status!.Value);
            response.Headers.Add("Content-Type", "application/problem+json");
            await JsonSerializer.SerializeAsync(response.Body, problem, cancellationToken: cancellationToken);
            return response;
        }

        return await client.CreateCheckStatusResponseAsync(request, started.InstanceId!, cancellationToken);
    }
}
