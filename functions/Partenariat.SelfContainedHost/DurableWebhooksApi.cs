using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Partenariat.SelfContainedHost.Authentication;
using Partenariat.SelfContainedHost.DurableWebhooks;
using Partenariat.DurableRuntime;
using CoreStatus = DurableTask.Core.OrchestrationStatus;

namespace Partenariat.SelfContainedHost;

/// <summary>
/// Durable Functions' instance-management HTTP API (<c>/runtime/webhooks/durabletask/...</c>), which
/// the Functions host serves by itself: the same routes, query parameters, status codes and JSON, as
/// measured on the Functions host (README, "Operating the durable runtime"), so that Durable
/// Functions' clients and tools work against this host unchanged. Every route needs the operator key.
/// </summary>
internal static class DurableWebhooksApi
{
    private const string ContinuationHeader = "x-ms-continuation-token";

    // The Functions host's default page size (OrchestrationStatusQueryCondition.PageSize).
    private const int DefaultPageSize = 100;

    public static IEndpointRouteBuilder MapDurableWebhooks(this IEndpointRouteBuilder endpoints)
    {
        var webhooks = endpoints.MapGroup(CheckStatusResponses.WebhookPath)
            .RequireOperatorKey()
            .ExcludeFromDescription();
        webhooks.MapPost("orchestrators/{functionName}/{instanceId?}", StartAsync).WithName("DurableStartOrchestration");
        webhooks.MapGet("instances", ListAsync).WithName("DurableListInstances");
        webhooks.MapDelete("instances", PurgeByFilterAsync).WithName("DurablePurgeInstances");
        webhooks.MapGet("instances/{instanceId}", GetStatusAsync).WithName("DurableGetInstance");
        webhooks.MapDelete("instances/{instanceId}", PurgeAsync).WithName("DurablePurgeInstance");
        webhooks.MapPost("instances/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync).WithName("DurableRaiseEvent");
        webhooks.MapPost("instances/{instanceId}/terminate", TerminateAsync).WithName("DurableTerminateInstance");
        webhooks.MapPost("instances/{instanceId}/suspend", SuspendAsync).WithName("DurableSuspendInstance");
        webhooks.MapPost("instances/{instanceId}/resume", ResumeAsync).WithName("DurableResumeInstance");
        webhooks.MapPost("instances/{instanceId}/restart", RestartAsync).WithName("DurableRestartInstance");
        // Anything else under the webhooks (another verb, an unknown operation) is a bare 404 there.
        webhooks.Map("{**path}", () => WebhookResponse.Empty(StatusCodes.Status404NotFound)).WithName("DurableNotFound");
        return endpoints;
    }

    private static async Task<IResult> StartAsync(HttpContext context, DurableTaskClient client, DurableTaskHub hub, string functionName, string? instanceId, CancellationToken cancellationToken)
    {
        JsonElement? input = null;
        if (context.Request.ContentLength is not 0)
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(cancellationToken);
            if (body.Length > 0)
            {
                try
                {
                    input = JsonElementOf(body);
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
            return await StartedAsync(context, client, hub, id, cancellationToken);
        }
        catch (InstanceAlreadyRunningException exception)
        {
            return WebhookResponse.Error(StatusCodes.Status409Conflict, exception.InnerException?.Message ?? exception.Message);
        }
    }

    private static async Task<IResult> GetStatusAsync(HttpContext context, DurableTaskClient client, DurableTaskHub hub, string instanceId, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return metadata is null
            ? WebhookResponse.Empty(StatusCodes.Status404NotFound)
            : await StatusAsync(context, hub, metadata, Bool(context.Request.Query, "returnInternalServerErrorOnFailure") == true);
    }

    /// <summary>
    /// An instance's status: 202 with <c>Location</c> (the request's own URL) while it has not
    /// finished, else 200 (500 for a failure when asked); its history when asked.
    /// </summary>
    private static async Task<IResult> StatusAsync(HttpContext context, DurableTaskHub hub, OrchestrationMetadata metadata, bool failureAs500)
    {
        var query = context.Request.Query;
        var showInput = Bool(query, "showInput") ?? true;
        var history = Bool(query, "showHistory") == true && metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending
            ? await InstanceHistory.ReadAsync(hub, metadata.InstanceId, showHistoryOutput: Bool(query, "showHistoryOutput") == true, showInput)
            : null;
        var payload = InstanceStatusPayload.From(metadata, showInput, history);
        return IsRunning(metadata.RuntimeStatus)
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
    private static async Task<IResult> StartedAsync(HttpContext context, DurableTaskClient client, DurableTaskHub hub, string instanceId, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        if (Seconds(query, "timeout") is not { } timeout || Seconds(query, "pollingInterval") is not { } interval)
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
            : await StatusAsync(context, hub, finished, failureAs500: false);
    }

    private static async Task<IResult> ListAsync(HttpContext context, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var filter = new OrchestrationQuery
        {
            InstanceIdPrefix = query["instanceIdPrefix"].FirstOrDefault(),
            CreatedFrom = Date(query, "createdTimeFrom"),
            CreatedTo = Date(query, "createdTimeTo"),
            Statuses = Statuses<OrchestrationRuntimeStatus>(query),
            PageSize = int.TryParse(query["top"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var top) ? top : DefaultPageSize,
            ContinuationToken = context.Request.Headers[ContinuationHeader].FirstOrDefault(),
            FetchInputsAndOutputs = true,
        };
        var showInput = Bool(query, "showInput") ?? true;
        var results = new JsonArray();
        string? continuation = null;
        await foreach (var page in client.GetAllInstancesAsync(filter).AsPages(filter.ContinuationToken, filter.PageSize).WithCancellation(cancellationToken))
        {
            foreach (var instance in page.Values)
            {
                results.Add(InstanceStatusPayload.From(instance, showInput));
            }

            continuation = page.ContinuationToken;
            break;
        }

        if (!string.IsNullOrEmpty(continuation))
        {
            context.Response.Headers[ContinuationHeader] = continuation;
        }

        return new WebhookResponse(StatusCodes.Status200OK, results);
    }

    private static async Task<IResult> RaiseEventAsync(HttpContext context, DurableTaskClient client, string instanceId, string eventName, CancellationToken cancellationToken)
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
            payload = JsonElementOf(await new StreamReader(context.Request.Body).ReadToEndAsync(cancellationToken));
        }
        catch (JsonException exception)
        {
            return WebhookResponse.Error(StatusCodes.Status400BadRequest, "Invalid JSON content", exception);
        }

        await client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
        return WebhookResponse.Empty(StatusCodes.Status202Accepted);
    }

    private static Task<IResult> TerminateAsync(HttpContext context, DurableTaskClient client, string instanceId, CancellationToken cancellationToken) =>
        ChangeAsync(client, instanceId, "terminate", _ => true, reason => client.TerminateInstanceAsync(instanceId, reason, cancellationToken), context, cancellationToken);

    private static Task<IResult> SuspendAsync(HttpContext context, DurableTaskClient client, string instanceId, CancellationToken cancellationToken) =>
        ChangeAsync(
            client,
            instanceId,
            "suspend",
            status => status is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending || IsContinuedAsNew(status),
            reason => client.SuspendInstanceAsync(instanceId, reason, cancellationToken),
            context,
            cancellationToken);

    private static Task<IResult> ResumeAsync(HttpContext context, DurableTaskClient client, string instanceId, CancellationToken cancellationToken) =>
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

        if (metadata.IsCompleted && !IsContinuedAsNew(metadata.RuntimeStatus))
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

    private static async Task<IResult> RestartAsync(HttpContext context, DurableTaskClient client, DurableTaskHub hub, string instanceId, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            return WebhookResponse.Error(
                StatusCodes.Status400BadRequest,
                "InstanceId does not match a valid orchestration instance.",
                new ArgumentException($"No instance with ID '{instanceId}' was found.", nameof(instanceId)));
        }

        var newInstanceId = Bool(context.Request.Query, "restartWithNewInstanceId") ?? true;
        var input = InstanceStatusPayload.Token(metadata.SerializedInput);
        try
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync(
                metadata.Name, input, new StartOrchestrationOptions(newInstanceId ? null : instanceId), cancellationToken);
            return await StartedAsync(context, client, hub, id, cancellationToken);
        }
        catch (InstanceAlreadyRunningException exception)
        {
            return WebhookResponse.Error(StatusCodes.Status409Conflict, "A non-terminal instance with this instance ID already exists.", exception.InnerException ?? exception);
        }
    }

    private static async Task<IResult> PurgeAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (metadata is null)
        {
            return WebhookResponse.Empty(StatusCodes.Status404NotFound);
        }

        if (!metadata.IsCompleted || IsContinuedAsNew(metadata.RuntimeStatus))
        {
            return WebhookResponse.Text(
                StatusCodes.Status412PreconditionFailed,
                $"Only orchestrations in a terminal state can be purged, but the orchestration with instance ID {instanceId} has status {metadata.RuntimeStatus}");
        }

        var result = await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
        return Deleted(result.PurgedInstanceCount);
    }

    private static async Task<IResult> PurgeByFilterAsync(HttpContext context, DurableTaskClient client, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        if (Date(query, "createdTimeFrom") is not { } from)
        {
            return WebhookResponse.Text(StatusCodes.Status400BadRequest, "Please provide value for 'createdTimeFrom' parameter.");
        }

        var statuses = Statuses<CoreStatus>(query)?.Select(s => (OrchestrationRuntimeStatus)s).ToList();
        var result = await client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(from, Date(query, "createdTimeTo") ?? time.GetUtcNow(), statuses), cancellation: cancellationToken);
        return result.PurgedInstanceCount == 0 ? WebhookResponse.Empty(StatusCodes.Status404NotFound) : Deleted(result.PurgedInstanceCount);
    }

    private static WebhookResponse Deleted(int count) => new(StatusCodes.Status200OK, new JsonObject { ["instancesDeleted"] = count });

    private static bool IsRunning(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended || IsContinuedAsNew(status);

#pragma warning disable CS0618 // ContinuedAsNew is obsolete in the SDK; the provider still reports it between generations.
    private static bool IsContinuedAsNew(OrchestrationRuntimeStatus status) => status == OrchestrationRuntimeStatus.ContinuedAsNew;
#pragma warning restore CS0618

    private static JsonElement JsonElementOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    // The Functions host ignores a query parameter it cannot parse, as if it were absent.
    private static bool? Bool(IQueryCollection query, string name) => bool.TryParse(query[name], out var value) ? value : null;

    private static TimeSpan? Seconds(IQueryCollection query, string name) =>
        double.TryParse(query[name], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static DateTimeOffset? Date(IQueryCollection query, string name) =>
        DateTime.TryParse(query[name], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
            ? new DateTimeOffset(value, TimeSpan.Zero)
            : null;

    // runtimeStatus: names (or numbers) separated by commas, case-sensitive; unknown ones are skipped.
    private static List<TStatus>? Statuses<TStatus>(IQueryCollection query)
        where TStatus : struct, Enum
    {
        var statuses = query["runtimeStatus"]
            .SelectMany(value => (value ?? string.Empty).Split(','))
            .Select(value => Enum.TryParse<TStatus>(value, out var status) ? status : (TStatus?)null)
            .OfType<TStatus>()
            .ToList();
        return statuses.Count > 0 ? statuses : null;
    }
}
