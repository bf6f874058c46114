using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;

namespace Partenariat.SelfContainedHost.DurableWebhooks;

/// <summary>The webhook that lists instances.</summary>
internal static class QueryHandlers
{
    private const string ContinuationHeader = "x-ms-continuation-token";

    // The Functions host's default page size (OrchestrationStatusQueryCondition.PageSize).
    private const int DefaultPageSize = 100;

    /// <summary>
    /// <c>GET instances</c>: one page of instances filtered by <c>instanceIdPrefix</c>,
    /// <c>createdTimeFrom</c>/<c>To</c> and <c>runtimeStatus</c>, <c>top</c> at most, continued with
    /// the <c>x-ms-continuation-token</c> header.
    /// </summary>
    public static async Task<IResult> ListAsync(HttpContext context, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var filter = new OrchestrationQuery
        {
            InstanceIdPrefix = query["instanceIdPrefix"].FirstOrDefault(),
            CreatedFrom = WebhookQuery.Date(query, "createdTimeFrom"),
            CreatedTo = WebhookQuery.Date(query, "createdTimeTo"),
            Statuses = WebhookQuery.Statuses<OrchestrationRuntimeStatus>(query),
            PageSize = WebhookQuery.Int(query, "top") ?? DefaultPageSize,
            ContinuationToken = context.Request.Headers[ContinuationHeader].FirstOrDefault(),
            FetchInputsAndOutputs = true,
        };
        var showInput = WebhookQuery.Bool(query, "showInput") ?? true;
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
}
