using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Partenariat.Workflow.Reconciliation;
using Partenariat.Workflow.Requests.Orchestration;

namespace Partenariat.SelfContainedHost.DurableWebhooks;

/// <summary>The webhooks that act on one instance: raise an event, terminate, suspend, resume.</summary>
internal static class InstanceOperationHandlers
{
    /// <summary><c>POST instances/{instanceId}/raiseEvent/{eventName}</c>: 404 unknown, 410 finished, 400 not JSON, else 202.</summary>
    public static async Task<IResult> RaiseEventAsync(HttpContext context, DurableTaskClient client, string instanceId, string eventName, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (metadata is null)
        {
            return WebhookResponse.Empty(StatusCodes.Status404NotFound);
        }

        if (metadata.IsCompleted)
        {
            return WebhookResponse.Empty(StatusCodes.Status410Gone);
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return WebhookResponse.Error(StatusCodes.Status400BadRequest, "Only application/json request content is supported");
        }

        JsonElement payload;
        try
        {
            payload = WebhookQuery.JsonElementOf(await new StreamReader(context.Request.Body).ReadToEndAsync(cancellationToken));
        }
        catch (JsonException exception)
        {
            return WebhookResponse.Error(StatusCodes.Status400BadRequest, "Invalid JSON content", exception);
        }

        await client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
        return WebhookResponse.Empty(StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// <c>POST instances/{instanceId}/terminate</c>. A financing request's instance is compensated
    /// at once: what the request held on its envelope line is released and it ends Failed (on the
    /// Functions host, whose webhooks are the runtime's own, the reconciler's next pass does it).
    /// </summary>
    public static Task<IResult> TerminateAsync(HttpContext context, DurableTaskClient client, CreditReconciler reconciler, string instanceId, CancellationToken cancellationToken) =>
        ChangeAsync(client, instanceId, "terminate", _ => true, async reason =>
        {
            await client.TerminateInstanceAsync(instanceId, reason, cancellationToken);
            await CompensateAsync(client, reconciler, instanceId, $"Its orchestration was terminated by an operator{(string.IsNullOrWhiteSpace(reason) ? string.Empty : $" ({reason})")}", cancellationToken);
        }, context, cancellationToken);

    /// <summary>Releases what a financing request's instance held (nothing for any other orchestration).</summary>
    internal static async Task CompensateAsync(DurableTaskClient client, CreditReconciler reconciler, string instanceId, string why, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (FinancingRequestOrchestration.IsFinancingRequest(metadata?.Name))
        {
            await reconciler.CompensateAsync(client, instanceId, why, cancellationToken);
        }
    }

    /// <summary><c>POST instances/{instanceId}/suspend</c>.</summary>
    public static Task<IResult> SuspendAsync(HttpContext context, DurableTaskClient client, string instanceId, CancellationToken cancellationToken) =>
        ChangeAsync(
            client,
            instanceId,
            "suspend",
            status => status is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending || WebhookQuery.IsContinuedAsNew(status),
            reason => client.SuspendInstanceAsync(instanceId, reason, cancellationToken),
            context,
            cancellationToken);

    /// <summary><c>POST instances/{instanceId}/resume</c>.</summary>
    public static Task<IResult> ResumeAsync(HttpContext context, DurableTaskClient client, string instanceId, CancellationToken cancellationToken) =>
        ChangeAsync(
            client,
            instanceId,
            "resume",
            status => status == OrchestrationRuntimeStatus.Suspended,
            reason => client.ResumeInstanceAsync(instanceId, reason, cancellationToken),
            context,
            cancellationToken);

    /// <summary>
    /// Terminate, suspend and resume: 404 for an unknown instance, 410 for a finished one, 500 (as the
    /// Functions host answers it) when the instance is in a state the operation does not apply to,
    /// else the operation with the <c>reason</c> query parameter, and 202.
    /// </summary>
    private static async Task<IResult> ChangeAsync(
        DurableTaskClient client,
        string instanceId,
        string operation,
        Func<OrchestrationRuntimeStatus, bool> applies,
        Func<string?, Task> change,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (metadata is null)
        {
            return WebhookResponse.Empty(StatusCodes.Status404NotFound);
        }

        if (metadata.IsCompleted && !WebhookQuery.IsContinuedAsNew(metadata.RuntimeStatus))
        {
            return WebhookResponse.Empty(StatusCodes.Status410Gone);
        }

        if (!applies(metadata.RuntimeStatus))
        {
            return WebhookResponse.Error(
                StatusCodes.Status500InternalServerError,
                "Something went wrong while processing your request",
                new InvalidOperationException($"Cannot {operation} the orchestration instance {instanceId} because instance is in the {metadata.RuntimeStatus} state."));
        }

        await change(context.Request.Query["reason"].FirstOrDefault());
        return WebhookResponse.Empty(StatusCodes.Status202Accepted);
    }
}
