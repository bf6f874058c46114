using System.Globalization;
using System.Text.Json;
using DurableTask.Core.Exceptions;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Partenariat.SelfContainedHost.DurableWebhooks;

/// <summary>The webhooks that start, restart and read one instance.</summary>
internal static class InstanceHandlers
{
    /// <summary><c>POST orchestrators/{functionName}/{instanceId?}</c>: starts an instance with the body as its input.</summary>
    public static async Task<IResult> StartAsync(HttpContext context, DurableTaskClient client, string functionName, string? instanceId, CancellationToken cancellationToken)
    {
        JsonElement? input = null;
        if (context.Request.ContentLength is not 0)
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(cancellationToken);
            if (body.Length > 0)
            {
                try
                {
                    input = WebhookQuery.JsonElementOf(body);
                }
                catch (JsonException exception)
                {
                    return WebhookResponse.Error(StatusCodes.Status400BadRequest, "Invalid JSON content", exception);
                }
            }
        }

        try
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync(
                functionName, input, new StartOrchestrationOptions(string.IsNullOrEmpty(instanceId) ? null : instanceId), cancellationToken);
            return await StartedAsync(context, client, id, cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException exception)
        {
            return WebhookResponse.Error(StatusCodes.Status409Conflict, exception.Message);
        }
    }

    /// <summary><c>GET instances/{instanceId}</c>: the instance's status, 404 for an unknown one.</summary>
    public static async Task<IResult> GetStatusAsync(HttpContext context, DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return metadata is null
            ? WebhookResponse.Empty(StatusCodes.Status404NotFound)
            : await StatusAsync(context, client, metadata, WebhookQuery.Bool(context.Request.Query, "returnInternalServerErrorOnFailure") == true, cancellationToken);
    }

    /// <summary>
    /// <c>POST instances/{instanceId}/restart</c>: the client's restart, under a new id unless
    /// <c>restartWithNewInstanceId=false</c>; 400 for an unknown instance, 409 for an unfinished one
    /// restarted under its own id.
    /// </summary>
    public static async Task<IResult> RestartAsync(HttpContext context, DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        var newInstanceId = WebhookQuery.Bool(context.Request.Query, "restartWithNewInstanceId") ?? true;
        string id;
        try
        {
            id = await client.RestartAsync(instanceId, newInstanceId, cancellationToken);
        }
        catch (ArgumentException)
        {
            return WebhookResponse.Error(
                StatusCodes.Status400BadRequest,
                "InstanceId does not match a valid orchestration instance.",
                new ArgumentException($"No instance with ID '{instanceId}' was found.", nameof(instanceId)));
        }
        catch (InvalidOperationException exception) when (exception.InnerException is OrchestrationAlreadyExistsException refused)
        {
            return WebhookResponse.Error(StatusCodes.Status409Conflict, "A non-terminal instance with this instance ID already exists.", refused);
        }

        return await StartedAsync(context, client, id, cancellationToken);
    }

    /// <summary>
    /// An instance's status: 202 with <c>Location</c> (the request's own URL) while it has not
    /// finished, else 200 (500 for a failure when asked); its history (the client's) when asked.
    /// </summary>
    private static async Task<IResult> StatusAsync(HttpContext context, DurableTaskClient client, OrchestrationMetadata metadata, bool failureAs500, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var showInput = WebhookQuery.Bool(query, "showInput") ?? true;
        var history = WebhookQuery.Bool(query, "showHistory") == true && metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending
            ? await InstanceHistory.ReadAsync(client, metadata.InstanceId, showHistoryOutput: WebhookQuery.Bool(query, "showHistoryOutput") == true, showInput, cancellationToken)
            : null;
        var payload = InstanceStatusPayload.From(metadata, showInput, history);
        return WebhookQuery.IsRunning(metadata.RuntimeStatus)
            ? new WebhookResponse(StatusCodes.Status202Accepted, payload) { Location = context.Request.GetEncodedUrl(), RetryAfterSeconds = 5 }
            : new WebhookResponse(
                metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed && failureAs500 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK,
                payload);
    }

    /// <summary>
    /// The answer to a start or a restart. With <c>timeout</c> and <c>pollingInterval</c> (seconds),
    /// it waits up to the timeout for the instance to finish: 200 with its output when it completed,
    /// its status when it failed or was terminated. Else, or when it has not finished by then, the
    /// check-status response.
    /// </summary>
    private static async Task<IResult> StartedAsync(HttpContext context, DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        if (WebhookQuery.Seconds(query, "timeout") is not { } timeout || WebhookQuery.Seconds(query, "pollingInterval") is not { } interval)
        {
            return CheckStatusResponses.ForWebhook(context, instanceId);
        }

        if (interval > timeout)
        {
            // The instance has started all the same, as on the Functions host.
            return WebhookResponse.Error(
                StatusCodes.Status400BadRequest,
                string.Create(CultureInfo.InvariantCulture, $"Total timeout {timeout.TotalSeconds} should be bigger than retry timeout {interval.TotalSeconds}"));
        }

        OrchestrationMetadata finished;
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            wait.CancelAfter(timeout);
            try
            {
                // Sooner than polling every interval, with the same outcome.
                finished = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return CheckStatusResponses.ForWebhook(context, instanceId);
            }
        }

        return finished.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? new WebhookResponse(StatusCodes.Status200OK, InstanceStatusPayload.Token(finished.SerializedOutput))
            : await StatusAsync(context, client, finished, failureAs500: false, cancellationToken);
    }
}
