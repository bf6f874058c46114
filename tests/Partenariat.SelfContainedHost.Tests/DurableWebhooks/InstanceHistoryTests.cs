using Partenariat.SelfContainedHost.DurableWebhooks;

namespace Partenariat.SelfContainedHost.Tests.DurableWebhooks;

/// <summary>How the provider's history and payloads are reshaped for the webhooks, as the Durable Functions extension does.</summary>
public sealed class InstanceHistoryTests
{
    // The provider's JSON of one activity's episode (event types and statuses as numbers).
    private const string History = """
        [
          {"EventType":12,"EventId":-1,"IsPlayed":false,"Timestamp":"2026-11-26T01:45:30.1Z"},
          {"EventType":0,"EventId":-1,"IsPlayed":false,"Timestamp":"2026-11-26T01:45:30.2Z","Name":"HelloSequence","Version":"","Input":"\"Talant\"","Tags":null,"OrchestrationInstance":{},"ParentInstance":null},
          {"EventType":4,"EventId":0,"IsPlayed":false,"Timestamp":"2026-11-26T01:45:30.3Z","Name":"SayHello","Version":"","Input":"\"Dijon\""},
          {"EventType":13,"EventId":-1,"IsPlayed":false,"Timestamp":"2026-11-26T01:45:30.4Z"},
          {"EventType":5,"EventId":-1,"IsPlayed":false,"Timestamp":"2026-11-26T01:45:30.5Z","TaskScheduledId":0,"Result":"\"Hello, Dijon!\""},
          {"EventType":1,"EventId":1,"IsPlayed":false,"Timestamp":"2026-11-26T01:45:30.6Z","OrchestrationStatus":1,"Result":"[\"Hello, Dijon!\"]","FailureDetails":null}
        ]
        """;

    [Fact]
    public void Reshape_ActivityEpisode_FoldsTheSchedulingIntoTheCompletionAndDropsTheEpisodeMarkers()
    {
        var events = InstanceHistory.Reshape(History, showHistoryOutput: false, showInput: true);

        Assert.Equal(["ExecutionStarted", "TaskCompleted", "ExecutionCompleted"], events.Select(e => (string?)e!["EventType"]));
        var started = events[0]!.AsObject();
        Assert.Equal(["EventType", "Timestamp", "Input", "FunctionName"], started.Select(p => p.Key));
        Assert.Equal("HelloSequence", (string?)started["FunctionName"]);
        var completed = events[1]!.AsObject();
        Assert.Equal(["EventType", "Timestamp", "ScheduledTime", "FunctionName", "Input"], completed.Select(p => p.Key));
        Assert.Equal("SayHello", (string?)completed["FunctionName"]);
        Assert.Equal("\"Dijon\"", (string?)completed["Input"]);
        Assert.StartsWith("2026-11-26T", (string?)completed["ScheduledTime"], StringComparison.Ordinal);
        Assert.Equal("Completed", (string?)events[2]!["OrchestrationStatus"]);
        Assert.False(events[2]!.AsObject().ContainsKey("Result"));
    }

    [Fact]
    public void Reshape_ShowHistoryOutputWithoutInput_ParsesResultsAndDropsInputs()
    {
        var events = InstanceHistory.Reshape(History, showHistoryOutput: true, showInput: false);

        Assert.Equal("Hello, Dijon!", (string?)events[1]!["Result"]);
        Assert.Equal("Hello, Dijon!", (string?)events[2]!["Result"]![0]);
        Assert.All(events, e => Assert.False(e!.AsObject().ContainsKey("Input")));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("  ", "\"\"")]
    [InlineData("\"enough\"", "\"enough\"")]
    [InlineData("enough", "\"enough\"")]
    [InlineData("[1, 2]", "[1,2]")]
    [InlineData("System.InvalidOperationException: no", "\"System.InvalidOperationException: no\"")]
    public void Token_StoredPayload_IsItsJsonOrElseItsText(string? stored, string? expected)
    {
        var token = InstanceStatusPayload.Token(stored);

        Assert.Equal(expected, token?.ToJsonString());
    }
}
