using System.Text.Json.Nodes;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>Core scenarios: what orchestrations do (activities, sub-orchestrations, timers, replay, tags).</summary>
[Collection(ConformanceCollection.Name)]
[Trait(Group, "Core")]
public sealed class OrchestrationPatternTests(ConformanceFixture fixture) : ConformanceTest(fixture)
{
    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_EmptyOrchestrator_Completes()
    {
        var result = await RunAsync(Client, ConformanceTasks.Empty);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(ConformanceTasks.Empty, result.Name);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_TwoTags_MetadataHasExactlyThoseTags()
    {
        var options = new StartOrchestrationOptions { Tags = new Dictionary<string, string> { ["tag1"] = "value1", ["tag2"] = "value2" } };

        var result = await RunAsync(Client, ConformanceTasks.Empty, options: options);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(options.Tags.OrderBy(t => t.Key), result.Tags.OrderBy(t => t.Key));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task CallSubOrchestratorAsync_TwoTagsWithOrWithoutARetriedFailure_ChildHasExactlyThoseTags(int failuresOfTheChild)
    {
        var childId = NewId("tagged-child");

        // The parent finishes after the child's last attempt (a failed attempt of the child finishes it too).
        var parent = await RunAsync(Client, ConformanceTasks.TaggedChild, new ConformanceTasks.TaggedChildInput(1, childId, failuresOfTheChild, childId));
        var child = await Client.GetInstanceAsync(childId, getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, parent.RuntimeStatus);
        Assert.Equal(2, parent.ReadOutputAs<int>());
        Assert.NotNull(child);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
        Assert.Equal([new("tag1", "value1"), new KeyValuePair<string, string>("tag2", "value2")], child.Tags.OrderBy(t => t.Key));
        Assert.Equal(failuresOfTheChild + 1, Probes.Count(childId));
    }

    [Fact]
    public async Task CallActivityAsync_TwoTags_ScheduledActivityCarriesThem()
    {
        var result = await RunAsync(Client, ConformanceTasks.TaggedActivity, "World");
        var history = await Client.GetOrchestrationHistoryAsync(result.InstanceId);

        Assert.Equal("Hello, World!", result.ReadOutputAs<string>());
        var scheduled = Assert.Single(history.OfType<TaskScheduledEvent>());
        Assert.Equal("tagged", scheduled.Tags?["activityTag"]);
        Assert.Equal("activityTags", scheduled.Tags?["testType"]);
    }

    [Fact]
    public async Task CreateTimer_ThreeSeconds_CompletesNoSoonerThanItsDelay()
    {
        var result = await RunAsync(Client, ConformanceTasks.Timer, 3.0);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        // Timers fire on a poll: up to about a second early.
        Assert.True(result.LastUpdatedAt - result.CreatedAt >= TimeSpan.FromSeconds(2), $"{result.LastUpdatedAt - result.CreatedAt} is shorter than the timer.");
    }

    [Fact]
    public async Task CreateTimer_LongerThanTheMaximumTimerInterval_SplitIntoShorterTimers()
    {
        var client = await Fixture.ClientAsync("shorttimers", services => services.AddDurableTaskWorker(builder => builder.Configure(options => options.MaximumTimerInterval = TimeSpan.FromSeconds(3))));

        var result = await RunAsync(client, ConformanceTasks.Timer, 7.0);
        var history = await client.GetOrchestrationHistoryAsync(result.InstanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.True(result.LastUpdatedAt - result.CreatedAt >= TimeSpan.FromSeconds(6));
        // 3 s, 3 s and 1 s.
        Assert.Equal(3, history.OfType<TimerCreatedEvent>().Count());
    }

    [Fact]
    public async Task IsReplaying_TwoTimers_TrueWhileReplayingFalseInTheLastEpisode()
    {
        var result = await RunAsync(Client, ConformanceTasks.Replaying);

        Assert.Equal([true, true, false], result.ReadOutputAs<List<bool>>());
    }

    [Fact]
    public async Task CurrentUtcDateTime_AcrossActivities_ReplaysTheSameAndAdvances()
    {
        var result = await RunAsync(Client, ConformanceTasks.Clock);

        Assert.True(result.ReadOutputAs<bool>());
    }

    [Theory]
    [InlineData(ConformanceTasks.Greet)]
    [InlineData(ConformanceTasks.GreetAsync)]
    public async Task CallActivityAsync_SynchronousOrAsynchronousActivity_ReturnsItsResult(string orchestrator)
    {
        var result = await RunAsync(Client, orchestrator, "World");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Hello, World!", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CallActivityAsync_ChainOfTen_ReturnsTheLastResult()
    {
        var result = await RunAsync(Client, ConformanceTasks.Chain);

        Assert.Equal(10, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task CallActivityAsync_FanOutOfTen_GathersEveryResult()
    {
        var result = await RunAsync(Client, ConformanceTasks.FanOut);

        Assert.Equal(["9", "8", "7", "6", "5", "4", "3", "2", "1", "0"], result.ReadOutputAs<string[]>() ?? []);
    }

    [Fact]
    public async Task TerminateInstanceAsync_WaitingOnATimer_TerminatedWithTheOutput()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(ConformanceTasks.Timer, 30.0);
        await StartedAsync(Client, id);

        await Client.TerminateInstanceAsync(id, new { quote = "I'll be back." });
        var result = await CompletedAsync(Client, id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("I'll be back.", result.ReadOutputAs<JsonObject>()?["quote"]?.GetValue<string>());
    }

    [Fact]
    public async Task ContinueAsNew_TenGenerations_EndsWithTheLastInput()
    {
        var result = await RunAsync(Client, ConformanceTasks.Counter, 0);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(10, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ThreeLevels_SumsEveryLevel()
    {
        var result = await RunAsync(Client, ConformanceTasks.Recursive, 1);

        Assert.Equal(15, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_Child_SeesItsParentsNameAndId()
    {
        var result = await RunAsync(Client, ConformanceTasks.ParentOfChild, string.Empty);

        Assert.Equal($"{ConformanceTasks.ParentOfChild}/{result.InstanceId}", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SetCustomStatus_BeforeAndAfterAnEvent_ClientReadsBoth()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(ConformanceTasks.Status);
        var started = await StartedAsync(Client, id);

        await Client.RaiseEventAsync(id, "StatusEvent", new { Item1 = "Hello", Item2 = 42 });
        var result = await CompletedAsync(Client, id);

        Assert.Equal("Started!", started.ReadCustomStatusAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(("Hello", 42), result.ReadCustomStatusAs<(string, int)>());
    }

    [Fact]
    public async Task NewGuid_AcrossReplays_SameValuesEachReplayAndAllDistinct()
    {
        var result = await RunAsync(Client, ConformanceTasks.Guids);

        Assert.True(result.ReadOutputAs<bool>());
    }

    [Fact]
    public async Task CallActivityAsync_JsonNodeInput_RoundTripsWithTheActivitysChange()
    {
        var result = await RunAsync(Client, ConformanceTasks.JsonNodes, new JsonObject { ["originalProperty"] = "original value" });

        var output = result.ReadOutputAs<JsonNode>();
        Assert.Equal("original value", output?["originalProperty"]?.ToString());
        Assert.Equal("new value", output?["newProperty"]?.ToString());
    }

    [Fact]
    public async Task CallActivityAsync_CatchingByExceptionType_EachFailureMatchesItsType()
    {
        var result = await RunAsync(Client, ConformanceTasks.CatchByType);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(
            ["caught " + ConformanceTasks.ThrowInvalidOperation, "caught " + ConformanceTasks.ThrowArgument, "Hello, success!", "caught " + ConformanceTasks.ThrowInvalidOperation],
            result.ReadOutputAs<List<string>>());
    }
}
