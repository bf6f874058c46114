using System.Globalization;
using System.Net;
using System.Text.Json;
using Partenariat.EndToEnd.Tests.Hosts;

namespace Partenariat.EndToEnd.Tests.Webhooks;

/// <summary>The instance list and purge of <c>runtime/webhooks/durabletask/instances</c>, on either host.</summary>
public abstract class QueryTests(HostFixture fixture) : EndToEndTest(fixture)
{
    private const string ContinuationHeader = "x-ms-continuation-token";

    [SkippableFact]
    public async Task List_ByPrefixAndStatus_AnswersTheMatchingInstances()
    {
        var prefix = NewId("list") + "-";
        var waiting1 = await WaitingInstanceAsync(prefix + "a");
        var waiting2 = await WaitingInstanceAsync(prefix + "b");
        var completed = await CompletedInstanceAsync(prefix + "c");

        var running = await ListAsync($"instanceIdPrefix={prefix}&runtimeStatus=Running");
        var done = await ListAsync($"instanceIdPrefix={prefix}&runtimeStatus=Completed&showInput=false");
        var both = await ListAsync($"instanceIdPrefix={prefix}&runtimeStatus=Running,Completed");
        var all = await ListAsync($"instanceIdPrefix={prefix}");

        Assert.Equal([waiting1, waiting2], Ids(running.Items));
        Assert.Equal([completed], Ids(done.Items));
        Assert.Equal(JsonValueKind.Null, done.Items[0].GetProperty("input").ValueKind);
        Assert.Equal([waiting1, waiting2, completed], Ids(both.Items));
        Assert.Equal([waiting1, waiting2, completed], Ids(all.Items));
        Assert.Equal(
            ["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"],
            PropertyNames(all.Items[2]));
        Assert.Equal("Talant", all.Items[2].GetProperty("input").GetString());
        Assert.Null(all.Continuation);
    }

    [SkippableFact]
    public async Task List_CreatedTimeRange_AnswersTheInstancesCreatedWithin()
    {
        var prefix = NewId("created") + "-";
        var id = await WaitingInstanceAsync(prefix + "a");
        var created = DateTimeOffset.Parse((await StatusAsync(id))!.Value.GetProperty("createdTime").GetString()!, CultureInfo.InvariantCulture);

        var within = await ListAsync($"instanceIdPrefix={prefix}&createdTimeFrom={Iso(created.AddMinutes(-1))}&createdTimeTo={Iso(created.AddMinutes(1))}");
        var later = await ListAsync($"instanceIdPrefix={prefix}&createdTimeFrom={Iso(created.AddMinutes(1))}");

        Assert.Equal([id], Ids(within.Items));
        Assert.Empty(later.Items);
    }

    [SkippableFact]
    public async Task List_TopAndContinuationToken_PageThroughEveryInstance()
    {
        var prefix = NewId("page") + "-";
        string[] ids = [await CompletedInstanceAsync(prefix + "a"), await CompletedInstanceAsync(prefix + "b"), await CompletedInstanceAsync(prefix + "c")];

        var first = await ListAsync($"instanceIdPrefix={prefix}&top=2");
        var seen = Ids(first.Items).ToList();
        var continuation = first.Continuation;
        for (var page = 0; continuation is not null && page < 5; page++)
        {
            var next = await ListAsync($"instanceIdPrefix={prefix}&top=2", continuation);
            seen.AddRange(Ids(next.Items));
            continuation = next.Continuation;
        }

        Assert.Equal(2, first.Items.Count);
        Assert.NotNull(first.Continuation);
        Assert.Equal(ids, seen);
        Assert.Null(continuation);
    }

    [SkippableFact]
    public async Task Purge_FinishedInstance_Answers200AndForgetsIt()
    {
        var id = await CompletedInstanceAsync();

        using var response = await Client.DeleteAsync(Webhook($"instances/{id}"));
        using var again = await Client.DeleteAsync(Webhook($"instances/{id}"));

        await ExpectAsync(HttpStatusCode.OK, response);
        AssertWebhookJson(response);
        Assert.Equal("""{"instancesDeleted":1}""", await response.Content.ReadAsStringAsync());
        Assert.Null(await StatusAsync(id));
        await ExpectAsync(HttpStatusCode.NotFound, again);
        await AssertEmptyAsync(again);
    }

    [SkippableFact]
    public async Task Purge_RunningInstance_Answers412AndKeepsIt()
    {
        var id = await WaitingInstanceAsync();

        using var response = await Client.DeleteAsync(Webhook($"instances/{id}"));

        await ExpectAsync(HttpStatusCode.PreconditionFailed, response);
        var body = await ReadJsonAsync(response);
        Assert.Equal(
            $"Only orchestrations in a terminal state can be purged, but the orchestration with instance ID {id} has status Running",
            body.GetString());
        Assert.NotNull(await StatusAsync(id));
    }

    [SkippableFact]
    public async Task PurgeByFilter_WithoutCreatedTimeFrom_Answers400()
    {
        using var response = await Client.DeleteAsync(Webhook("instances", "runtimeStatus=Completed"));

        await ExpectAsync(HttpStatusCode.BadRequest, response);
        Assert.Equal("Please provide value for 'createdTimeFrom' parameter.", (await ReadJsonAsync(response)).GetString());
    }

    [SkippableFact]
    public async Task PurgeByFilter_CreatedTimeAndStatus_DeletesOnlyTheMatchingInstances()
    {
        // Tests of a collection run one at a time: only this test creates instances from now on.
        var from = Iso(DateTimeOffset.UtcNow.AddMilliseconds(-1));
        var completed1 = await CompletedInstanceAsync();
        var completed2 = await CompletedInstanceAsync();
        var waiting = await WaitingInstanceAsync();

        using var purge = await Client.DeleteAsync(Webhook("instances", $"createdTimeFrom={from}&runtimeStatus=Completed,Failed"));
        using var again = await Client.DeleteAsync(Webhook("instances", $"createdTimeFrom={from}&runtimeStatus=Completed"));

        await ExpectAsync(HttpStatusCode.OK, purge);
        Assert.Equal("""{"instancesDeleted":2}""", await purge.Content.ReadAsStringAsync());
        Assert.Null(await StatusAsync(completed1));
        Assert.Null(await StatusAsync(completed2));
        Assert.NotNull(await StatusAsync(waiting));
        await ExpectAsync(HttpStatusCode.NotFound, again);
    }

    private async Task<(List<JsonElement> Items, string? Continuation)> ListAsync(string query, string? continuation = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Webhook("instances", query));
        if (continuation is not null)
        {
            request.Headers.Add(ContinuationHeader, continuation);
        }

        using var response = await Client.SendAsync(request);
        await ExpectAsync(HttpStatusCode.OK, response);
        AssertWebhookJson(response);
        var items = (await ReadJsonAsync(response)).EnumerateArray().ToList();
        var token = response.Headers.TryGetValues(ContinuationHeader, out var values) ? values.Single().Trim() : null;
        return (items, string.IsNullOrEmpty(token) ? null : token);
    }

    private static IEnumerable<string?> Ids(List<JsonElement> items) => items.Select(i => i.GetProperty("instanceId").GetString());

    private static string Iso(DateTimeOffset time) => Uri.EscapeDataString(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
}

[Collection(SelfContainedHostCollection.Name)]
public sealed class SelfContainedHostQueryTests(SelfContainedHostFixture fixture) : QueryTests(fixture);

[Collection(FunctionsHostCollection.Name)]
public sealed class FunctionsHostQueryTests(FunctionsHostFixture fixture) : QueryTests(fixture);
