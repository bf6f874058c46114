using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Partenariat.Workflow.Reconciliation;
using CoreStatus = DurableTask.Core.OrchestrationStatus;

namespace Partenariat.SelfContainedHost.DurableWebhooks;

/// <summary>The webhooks that purge instances' history.</summary>
internal static class PurgeHandlers
{
    /// <summary>
    /// <c>DELETE instances/{instanceId}</c>: 404 unknown, 412 unfinished, else 200 with the count. A
    /// financing request's history goes only once what it held is released (compensated first).
    /// </summary>
    public static async Task<IResult> PurgeAsync(DurableTaskClient client, CreditReconciler reconciler, string instanceId, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (metadata is null)
        {
            return WebhookResponse.Empty(StatusCodes.Status404NotFound);
        }

        if (!metadata.IsCompleted || WebhookQuery.IsContinuedAsNew(metadata.RuntimeStatus))
        {
            return WebhookResponse.Text(
                StatusCodes.Status412PreconditionFailed,
                $"Only orchestrations in a terminal state can be purged, but the orchestration with instance ID {instanceId} has status {metadata.RuntimeStatus}");
        }

        await InstanceOperationHandlers.CompensateAsync(client, reconciler, instanceId, "Its orchestration's history was purged by an operator", cancellationToken);
        var result = await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
        return Deleted(result.PurgedInstanceCount);
    }

    /// <summary>
    /// <c>DELETE instances</c>: purges the instances created from <c>createdTimeFrom</c> (required)
    /// to <c>createdTimeTo</c> (now by default) in the <c>runtimeStatus</c> statuses; 404 when none.
    /// </summary>
    public static async Task<IResult> PurgeByFilterAsync(HttpContext context, DurableTaskClient client, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        if (WebhookQuery.Date(query, "createdTimeFrom") is not { } from)
        {
            return WebhookResponse.Text(StatusCodes.Status400BadRequest, "Please provide value for 'createdTimeFrom' parameter.");
        }

        var statuses = WebhookQuery.Statuses<CoreStatus>(query)?.Select(s => (OrchestrationRuntimeStatus)s).ToList();
        var result = await client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(from, WebhookQuery.Date(query, "createdTimeTo") ?? time.GetUtcNow(), statuses), cancellation: cancellationToken);
        return result.PurgedInstanceCount == 0 ? WebhookResponse.Empty(StatusCodes.Status404NotFound) : Deleted(result.PurgedInstanceCount);
    }

    private static WebhookResponse Deleted(int count) => new(StatusCodes.Status200OK, new JsonObject { ["instancesDeleted"] = count });
}
