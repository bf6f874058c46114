using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Partenariat.SelfContainedHost.Authentication;
using Partenariat.DurableRuntime;

namespace Partenariat.SelfContainedHost.DurableWebhooks;

/// <summary>
/// Durable Functions' check-status response: 202 Accepted, a <c>Location</c> header to poll, and the
/// URLs that manage the instance, each carrying the operator key as the Functions host carries its
/// <c>durabletask_extension</c> key. It comes in the two forms the Functions host answers (measured on
/// it, see README "Operating the durable runtime"):
/// <list type="bullet">
/// <item><see cref="ForApp"/>: what the isolated worker's <c>CreateCheckStatusResponseAsync</c> answers,
/// PascalCase properties (<c>Id</c>, <c>StatusQueryGetUri</c>, ..., <c>RewindPostUri</c> included),
/// URLs with <c>code</c> only, no <c>Retry-After</c>;</item>
/// <item><see cref="ForWebhook"/>: what the webhooks answer when they start or restart an instance,
/// camelCase properties (no <c>rewindPostUri</c>), URLs with <c>taskHub</c>, <c>connection</c> and
/// <c>code</c>, <c>Retry-After: 10</c>.</item>
/// </list>
/// </summary>
internal static class CheckStatusResponses
{
    /// <summary>The path of Durable's webhooks, from the host's root.</summary>
    public const string WebhookPath = "runtime/webhooks/durabletask";

    // The name under which the Functions host reports the storage connection (AzureWebJobsStorage).
    private const string ConnectionName = "Storage";

    // Serialized as the worker's default serializer does: property names as declared, '&' escaped.
    private static readonly JsonSerializerOptions AppJson = new();

    /// <summary>The isolated worker's check-status response for <paramref name="instanceId"/>.</summary>
    public static IResult ForApp(HttpContext context, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var links = Links(context, Uri.EscapeDataString(instanceId), Code(context));
        var payload = new AppCheckStatusPayload(
            instanceId,
            links.Status,
            links.SendEvent,
            links.Terminate,
            links.Operation("rewind", withReason: true),
            links.Status,
            links.Operation("restart", withReason: false),
            links.Operation("suspend", withReason: true),
            links.Operation("resume", withReason: true));
        context.Response.Headers.Location = links.Status;
        return TypedResults.Json(payload, AppJson, "application/json", StatusCodes.Status202Accepted);
    }

    /// <summary>The webhooks' check-status response for <paramref name="instanceId"/>.</summary>
    public static IResult ForWebhook(HttpContext context, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var hub = context.RequestServices.GetRequiredService<DurableTaskHub>().Settings.TaskHubName;
        var query = $"taskHub={WebUtility.UrlEncode(hub)}&connection={ConnectionName}" + (Code(context) is { } code ? "&" + code : string.Empty);
        var links = Links(context, WebUtility.UrlEncode(instanceId), query);
        var payload = new JsonObject
        {
            ["id"] = instanceId,
            ["statusQueryGetUri"] = links.Status,
            ["sendEventPostUri"] = links.SendEvent,
            ["terminatePostUri"] = links.Terminate,
            ["purgeHistoryDeleteUri"] = links.Status,
            ["restartPostUri"] = links.Operation("restart", withReason: false),
            ["suspendPostUri"] = links.Operation("suspend", withReason: true),
            ["resumePostUri"] = links.Operation("resume", withReason: true),
        };
        return new WebhookResponse(StatusCodes.Status202Accepted, payload) { Location = links.Status, RetryAfterSeconds = 10 };
    }

    private static string? Code(HttpContext context) =>
        context.RequestServices.GetRequiredService<HostKeys>().OperatorKey is { } key ? $"{HostKeys.QueryParameter}={WebUtility.UrlEncode(key)}" : null;

    private static InstanceLinks Links(HttpContext context, string escapedInstanceId, string? query)
    {
        var request = context.Request;
        return new InstanceLinks($"{request.Scheme}://{request.Host}{request.PathBase}/{WebhookPath}/instances/{escapedInstanceId}", query);
    }

    /// <summary>The URLs of one instance, each with the same query (a key, the task hub...).</summary>
    private sealed record InstanceLinks(string Instance, string? Query)
    {
        public string Status => With(Instance);

        public string SendEvent => With(Instance + "/raiseEvent/{eventName}");

        public string Terminate => Operation("terminate", withReason: true);

        public string Operation(string operation, bool withReason) =>
            withReason ? With($"{Instance}/{operation}?reason={{text}}") : With($"{Instance}/{operation}");

        private string With(string url) =>
            string.IsNullOrEmpty(Query) ? url : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + Query;
    }
}

/// <summary>The isolated worker's <c>HttpManagementPayload</c>, in its property order.</summary>
internal sealed record AppCheckStatusPayload(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string RewindPostUri,
    string PurgeHistoryDeleteUri,
    string RestartPostUri,
    string SuspendPostUri,
    string ResumePostUri);
