using Partenariat.SelfContainedHost.Authentication;

namespace Partenariat.SelfContainedHost.DurableWebhooks;

/// <summary>
/// Durable Functions' instance-management HTTP API (<c>/runtime/webhooks/durabletask/...</c>), which
/// the Functions host serves by itself: the same routes, query parameters, status codes and JSON, as
/// measured on the Functions host (README, "Operating the durable runtime"), so that Durable
/// Functions' clients and tools work against this host unchanged. Every route needs the operator key.
/// The handlers answer through the host's <c>DurableTaskClient</c>, whose restart and history they use.
/// </summary>
internal static class DurableWebhookRoutes
{
    public static IEndpointRouteBuilder MapDurableWebhooks(this IEndpointRouteBuilder endpoints)
    {
        var webhooks = endpoints.MapGroup(CheckStatusResponses.WebhookPath)
            .RequireOperatorKey()
            .ExcludeFromDescription();
        webhooks.MapPost("orchestrators/{functionName}/{instanceId?}", InstanceHandlers.StartAsync).WithName("DurableStartOrchestration");
        webhooks.MapGet("instances", QueryHandlers.ListAsync).WithName("DurableListInstances");
        webhooks.MapDelete("instances", PurgeHandlers.PurgeByFilterAsync).WithName("DurablePurgeInstances");
        webhooks.MapGet("instances/{instanceId}", InstanceHandlers.GetStatusAsync).WithName("DurableGetInstance");
        webhooks.MapDelete("instances/{instanceId}", PurgeHandlers.PurgeAsync).WithName("DurablePurgeInstance");
        webhooks.MapPost("instances/{instanceId}/raiseEvent/{eventName}", InstanceOperationHandlers.RaiseEventAsync).WithName("DurableRaiseEvent");
        webhooks.MapPost("instances/{instanceId}/terminate", InstanceOperationHandlers.TerminateAsync).WithName("DurableTerminateInstance");
        webhooks.MapPost("instances/{instanceId}/suspend", InstanceOperationHandlers.SuspendAsync).WithName("DurableSuspendInstance");
        webhooks.MapPost("instances/{instanceId}/resume", InstanceOperationHandlers.ResumeAsync).WithName("DurableResumeInstance");
        webhooks.MapPost("instances/{instanceId}/restart", InstanceHandlers.RestartAsync).WithName("DurableRestartInstance");
        // Anything else under the webhooks (another verb, an unknown operation) is a bare 404 there.
        webhooks.Map("{**path}", () => WebhookResponse.Empty(StatusCodes.Status404NotFound)).WithName("DurableNotFound");
        return endpoints;
    }
}
