using System.Net;
using System.Text.RegularExpressions;
using Partenariat.EndToEnd.Tests.Hosts;

namespace Partenariat.EndToEnd.Tests.Webhooks;

/// <summary><c>POST runtime/webhooks/durabletask/orchestrators/{functionName}[/{instanceId}]</c>, on either host.</summary>
public abstract partial class StartTests(HostFixture fixture) : EndToEndTest(fixture)
{
    /// <summary>The webhooks' check-status payload, as the Functions host writes it (camelCase, no rewind).</summary>
    internal static readonly string[] WebhookCheckStatusProperties =
        ["id", "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "restartPostUri", "suspendPostUri", "resumePostUri"];

    [SkippableFact]
    public async Task StartByName_WithInstanceId_Answers202WithLocationAndTheManagementUrls()
    {
        var id = NewId("start");

        using var response = await StartAsync("HelloSequence", id, "\"Talant\"");

        await ExpectAsync(HttpStatusCode.Accepted, response);
        AssertWebhookJson(response);
        var body = await ReadJsonAsync(response);
        Assert.Equal(WebhookCheckStatusProperties, PropertyNames(body));
        Assert.Equal(id, body.GetProperty("id").GetString());
        var instance = new Uri(Host.BaseAddress, $"{Webhooks}/instances/{id}").AbsoluteUri;
        var query = $"taskHub={Host.TaskHub}&connection=Storage&code={Host.OperatorKey}";
        AssertInstanceUrls(body, instance, query, pascalCase: false);
        Assert.Equal($"{instance}?{query}", response.Headers.Location?.OriginalString);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        var status = await WaitForStatusAsync(id, "Completed");
        Assert.Equal("Hello, Dijon (Talant)!", status.GetProperty("output")[0].GetString());
    }

    [SkippableFact]
    public async Task StartByName_WithoutInstanceId_GeneratesAnIdAndRunsIt()
    {
        using var response = await StartAsync("HelloSequence", instanceId: null, "\"Longvic\"");

        await ExpectAsync(HttpStatusCode.Accepted, response);
        var id = (await ReadJsonAsync(response)).GetProperty("id").GetString()!;
        Assert.Matches(GeneratedId(), id);
        var status = await WaitForStatusAsync(id, "Completed");
        Assert.Equal("HelloSequence", status.GetProperty("name").GetString());
    }

    [SkippableFact]
    public async Task StartByName_IdOfARunningInstance_Answers409()
    {
        var id = await WaitingInstanceAsync();

        using var response = await StartAsync("WaitForSignal", id, """{"EventName":"go"}""");

        await ExpectAsync(HttpStatusCode.Conflict, response);
        AssertWebhookJson(response);
        var body = await ReadJsonAsync(response);
        Assert.Equal(["Message"], PropertyNames(body));
        Assert.Equal("An Orchestration instance with the status Running already exists.", body.GetProperty("Message").GetString());
    }

    [SkippableFact]
    public async Task StartByName_IdOfACompletedInstance_StartsItAgain()
    {
        var id = await CompletedInstanceAsync(who: "Talant");

        using var response = await StartAsync("HelloSequence", id, "\"Quetigny\"");

        await ExpectAsync(HttpStatusCode.Accepted, response);
        var status = await WaitForStatusAsync(
            id, s => s.GetProperty("runtimeStatus").GetString() == "Completed" && s.GetProperty("input").GetString() == "Quetigny", "Completed again");
        Assert.Equal("Hello, Dijon (Quetigny)!", status.GetProperty("output")[0].GetString());
    }

    [SkippableFact]
    public async Task StartByName_InvalidJson_Answers400WithTheErrorObject()
    {
        using var response = await StartAsync("HelloSequence", NewId("bad"), "{not json");

        await ExpectAsync(HttpStatusCode.BadRequest, response);
        AssertWebhookJson(response);
        var body = await ReadJsonAsync(response);
        Assert.Equal(["Message", "ExceptionMessage", "ExceptionType", "StackTrace"], PropertyNames(body));
        Assert.Equal("Invalid JSON content", body.GetProperty("Message").GetString());
    }

    [SkippableFact]
    public async Task StartByName_WithTimeoutAndPollingInterval_AnswersTheOutputOnceCompleted()
    {
        using var response = await Client.PostAsync(Webhook($"orchestrators/HelloSequence/{NewId("wait")}", "timeout=30&pollingInterval=1"), Json("\"Talant\""));

        await ExpectAsync(HttpStatusCode.OK, response);
        AssertWebhookJson(response);
        Assert.Equal("Hello, Dijon (Talant)!", (await ReadJsonAsync(response))[0].GetString());
    }

    [SkippableFact]
    public async Task StartByName_WaitedInstanceFails_AnswersItsStatus()
    {
        using var response = await Client.PostAsync(Webhook($"orchestrators/RetryThenFail/{NewId("wait")}", "timeout=30&pollingInterval=1"), Json("""{"Failures":3,"MaxAttempts":1}"""));

        await ExpectAsync(HttpStatusCode.OK, response);
        var status = await ReadJsonAsync(response);
        Assert.Equal("Failed", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal(["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"], PropertyNames(status));
    }

    [SkippableFact]
    public async Task StartByName_TimeoutReachedFirst_AnswersTheCheckStatusResponse()
    {
        using var response = await Client.PostAsync(Webhook($"orchestrators/WaitForSignal/{NewId("wait")}", "timeout=1&pollingInterval=1"), Json("""{"EventName":"go"}"""));

        await ExpectAsync(HttpStatusCode.Accepted, response);
        Assert.Equal(WebhookCheckStatusProperties, PropertyNames(await ReadJsonAsync(response)));
    }

    [SkippableFact]
    public async Task StartByName_PollingIntervalLongerThanTimeout_Answers400()
    {
        using var response = await Client.PostAsync(Webhook($"orchestrators/HelloSequence/{NewId("wait")}", "timeout=1&pollingInterval=5"), Json("\"Talant\""));

        await ExpectAsync(HttpStatusCode.BadRequest, response);
        var error = await ReadJsonAsync(response);
        Assert.Equal(["Message"], PropertyNames(error));
        Assert.Equal("Total timeout 1 should be bigger than retry timeout 5", error.GetProperty("Message").GetString());
    }

    [SkippableFact]
    public async Task StartByName_OtherVerb_Answers404WithoutBody()
    {
        using var response = await Client.GetAsync(Webhook("orchestrators/HelloSequence"));

        await ExpectAsync(HttpStatusCode.NotFound, response);
        await AssertEmptyAsync(response);
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex GeneratedId();
}

[Collection(SelfContainedHostCollection.Name)]
public sealed class SelfContainedHostStartTests(SelfContainedHostFixture fixture) : StartTests(fixture);

[Collection(FunctionsHostCollection.Name)]
public sealed class FunctionsHostStartTests(FunctionsHostFixture fixture) : StartTests(fixture);
