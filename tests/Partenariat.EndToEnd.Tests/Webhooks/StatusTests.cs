using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Partenariat.EndToEnd.Tests.Hosts;

namespace Partenariat.EndToEnd.Tests.Webhooks;

/// <summary><c>GET runtime/webhooks/durabletask/instances/{instanceId}</c>, on either host.</summary>
public abstract partial class StatusTests(HostFixture fixture) : EndToEndTest(fixture)
{
    private static readonly string[] StatusProperties =
        ["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"];

    [SkippableFact]
    public async Task GetStatus_CompletedInstance_Answers200WithTheStatus()
    {
        var id = await CompletedInstanceAsync(who: "Talant");

        using var response = await Client.GetAsync(Webhook($"instances/{id}"));

        await ExpectAsync(HttpStatusCode.OK, response);
        AssertWebhookJson(response);
        Assert.Null(response.Headers.Location);
        var status = await ReadJsonAsync(response);
        Assert.Equal(StatusProperties, PropertyNames(status));
        Assert.Equal("HelloSequence", status.GetProperty("name").GetString());
        Assert.Equal(id, status.GetProperty("instanceId").GetString());
        Assert.Equal("Talant", status.GetProperty("input").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("customStatus").ValueKind);
        Assert.Equal(
            ["Hello, Dijon (Talant)!", "Hello, Chenôve (Talant)!", "Hello, Longvic (Talant)!", "Hello, Quetigny (Talant)!", "Hello, Talant (Talant)!"],
            status.GetProperty("output").EnumerateArray().Select(e => e.GetString()));
        Assert.Matches(WholeSecondsUtc(), status.GetProperty("createdTime").GetString());
        Assert.Matches(WholeSecondsUtc(), status.GetProperty("lastUpdatedTime").GetString());
    }

    [SkippableFact]
    public async Task GetStatus_RunningInstance_Answers202WithLocationAndRetryAfter()
    {
        var id = await WaitingInstanceAsync();
        var url = Webhook($"instances/{id}", "showInput=true");

        using var response = await Client.GetAsync(url);

        await ExpectAsync(HttpStatusCode.Accepted, response);
        Assert.Equal(url.OriginalString, response.Headers.Location?.OriginalString);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var status = await ReadJsonAsync(response);
        Assert.Equal(StatusProperties, PropertyNames(status));
        Assert.Equal("Running", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal("waiting", status.GetProperty("customStatus").GetString());
        Assert.Equal("go", status.GetProperty("input").GetProperty("EventName").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("output").ValueKind);
    }

    [SkippableFact]
    public async Task GetStatus_ShowInputFalse_AnswersANullInput()
    {
        var id = await WaitingInstanceAsync();

        var status = await StatusAsync(id, "showInput=false");

        Assert.NotNull(status);
        Assert.Equal(StatusProperties, PropertyNames(status.Value));
        Assert.Equal(JsonValueKind.Null, status.Value.GetProperty("input").ValueKind);
    }

    [SkippableFact]
    public async Task GetStatus_FailedInstance_Answers200Or500WhenAsked()
    {
        var id = await StartedAsync("RetryThenFail", NewId("fail"), """{"Failures":5,"MaxAttempts":2}""");
        var failed = await WaitForStatusAsync(id, "Failed");

        using var response = await Client.GetAsync(Webhook($"instances/{id}", "returnInternalServerErrorOnFailure=true"));

        Assert.StartsWith(
            "Microsoft.DurableTask.TaskFailedException: Task 'FailOnDemand' (#",
            failed.GetProperty("output").GetString(),
            StringComparison.Ordinal);
        await ExpectAsync(HttpStatusCode.InternalServerError, response);
        Assert.Equal(StatusProperties, PropertyNames(await ReadJsonAsync(response)));
    }

    [SkippableFact]
    public async Task GetStatus_UnknownInstance_Answers404WithoutBody()
    {
        using var response = await Client.GetAsync(Webhook($"instances/{NewId("nobody")}"));

        await ExpectAsync(HttpStatusCode.NotFound, response);
        await AssertEmptyAsync(response);
    }

    [SkippableFact]
    public async Task GetStatus_ShowHistory_ListsTheEventsAsTheFunctionsHostDoes()
    {
        var id = await CompletedInstanceAsync(who: "Talant");

        var status = (await StatusAsync(id, "showHistory=true"))!.Value;
        var withOutput = (await StatusAsync(id, "showHistory=true&showHistoryOutput=true"))!.Value;
        var withoutInput = (await StatusAsync(id, "showHistory=true&showInput=false"))!.Value;

        Assert.Equal([.. StatusProperties, "historyEvents"], PropertyNames(status));
        var events = status.GetProperty("historyEvents").EnumerateArray().ToList();
        Assert.Equal(["ExecutionStarted", "TaskCompleted", "TaskCompleted", "TaskCompleted", "TaskCompleted", "TaskCompleted", "ExecutionCompleted"], events.Select(e => e.GetProperty("EventType").GetString()));
        Assert.Equal(
            ["Correlation", "EventType", "FunctionName", "GenerateNewTrace", "Generation", "Input", "ParentTraceContext", "ScheduledStartTime", "Timestamp"],
            Sorted(events[0]));
        Assert.Equal("HelloSequence", events[0].GetProperty("FunctionName").GetString());
        Assert.Equal("\"Talant\"", events[0].GetProperty("Input").GetString());
        Assert.Equal(["EventType", "FunctionName", "Input", "ScheduledTime", "Timestamp"], Sorted(events[1]));
        Assert.Equal("SayHello", events[1].GetProperty("FunctionName").GetString());
        Assert.Equal(["EventType", "FailureDetails", "OrchestrationStatus", "Timestamp"], Sorted(events[^1]));
        Assert.Equal("Completed", events[^1].GetProperty("OrchestrationStatus").GetString());
        var outputs = withOutput.GetProperty("historyEvents").EnumerateArray().ToList();
        Assert.Equal("Hello, Dijon (Talant)!", outputs[1].GetProperty("Result").GetString());
        Assert.Equal("Hello, Talant (Talant)!", outputs[^1].GetProperty("Result")[4].GetString());
        Assert.All(withoutInput.GetProperty("historyEvents").EnumerateArray(), e => Assert.False(e.TryGetProperty("Input", out _)));
    }

    [SkippableFact]
    public async Task GetStatus_ShowHistoryOfAFailure_CarriesTheFailureDetailsAndTheirInnerFailure()
    {
        var id = await StartedAsync("RetryThenFail", NewId("fail"), """{"Failures":5,"MaxAttempts":2}""");
        await WaitForStatusAsync(id, "Failed");

        var status = (await StatusAsync(id, "showHistory=true"))!.Value;

        var events = status.GetProperty("historyEvents").EnumerateArray().ToList();
        var taskFailed = events.First(e => e.GetProperty("EventType").GetString() == "TaskFailed");
        Assert.Equal(["Details", "EventType", "FailureDetails", "FunctionName", "Input", "Reason", "ScheduledTime", "Timestamp"], Sorted(taskFailed));
        var details = taskFailed.GetProperty("FailureDetails");
        Assert.Equal("System.InvalidOperationException", details.GetProperty("ErrorType").GetString());
        Assert.Equal("System.TimeoutException", details.GetProperty("InnerFailure").GetProperty("ErrorType").GetString());
        Assert.Contains("TimerCreated", events.Select(e => e.GetProperty("EventType").GetString()));
        Assert.Equal("Failed", events[^1].GetProperty("OrchestrationStatus").GetString());
    }

    private static string[] Sorted(JsonElement element) => [.. PropertyNames(element).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")]
    private static partial Regex WholeSecondsUtc();
}

[Collection(SelfContainedHostCollection.Name)]
public sealed class SelfContainedHostStatusTests(SelfContainedHostFixture fixture) : StatusTests(fixture);

[Collection(FunctionsHostCollection.Name)]
public sealed class FunctionsHostStatusTests(FunctionsHostFixture fixture) : StatusTests(fixture);
