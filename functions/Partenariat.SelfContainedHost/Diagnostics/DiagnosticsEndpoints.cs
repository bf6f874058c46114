using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Partenariat.SelfContainedHost.Authentication;
using Partenariat.SelfContainedHost.DurableWebhooks;
using Partenariat.Workflow.Diagnostics;

namespace Partenariat.SelfContainedHost.Diagnostics;

/// <summary>The diagnostics starter, twin of the Functions app's <c>StartDiagnostic</c> function.</summary>
internal static class DiagnosticsEndpoints
{
    public static IEndpointRouteBuilder MapDiagnosticsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(DiagnosticsStarter.Route, StartAsync)
            .RequireFunctionKey()
            .WithName(DiagnosticsStarter.FunctionName)
            .WithSummary("Starts a diagnostic orchestration (the body is its input) and answers Durable Functions' check-status response. Needs a key (code or x-functions-key).")
            .Produces<AppCheckStatusPayload>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    private static async Task<IResult> StartAsync(HttpContext context, DurableTaskClient client, IOptions<DiagnosticsOptions> options, string orchestrator, CancellationToken cancellationToken)
    {
        var started = await DiagnosticsStarter.StartAsync(client, orchestrator, context.Request.Body, options.Value, cancellationToken);
        return started.Problem is ProblemDetails problem
            ? TypedResults.Problem(problem)
            : CheckStatusResponses.ForApp(context, started.InstanceId!);
    }
}
