using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using static Partenariat.DurableRuntime.Tests.Conformance.ConformanceTasks;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>
/// Optional scenarios: payloads larger than a storage queue message (64 KB). Microsoft.DurableTask's
/// own scenarios test its gRPC payload externalizer; here the Azure Storage provider keeps such
/// payloads in blobs itself, and the scenarios check they come back whole wherever the SDK shows them.
/// A custom status is the exception: the provider keeps it in a table property, 64 KB at most.
/// </summary>
[Collection(ConformanceCollection.Name)]
[Trait(Group, "Optional")]
public sealed class LargePayloadTests(ConformanceFixture fixture) : ConformanceTest(fixture)
{
    // Random text does not compress below the queue's limit.
    private static readonly string Large = string.Concat(Enumerable.Range(0, 3_000).Select(_ => Guid.NewGuid().ToString("N")));

    // A host of their own: a payload the provider could not store would stall the plain host's partition.
    private Task<DurableTaskClient> LargeClientAsync() => Fixture.ClientAsync("large");

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_LargeInputAndOutput_ComeBackWhole()
    {
        var client = await LargeClientAsync();
        var result = await RunAsync(client, LargeEcho, Large);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(Large, result.ReadInputAs<string>());
        Assert.Equal(Large, result.ReadOutputAs<string>());
        Assert.Equal(Large.Length, result.ReadCustomStatusAs<int>());
    }

    [Fact]
    public async Task CallActivityAsync_LargeInputAndOutput_ComeBackWhole()
    {
        var client = await LargeClientAsync();
        var result = await RunAsync(client, LargeActivity, Large);

        Assert.Equal(Large + Large, result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_LargeInputAndOutput_ComeBackWhole()
    {
        var client = await LargeClientAsync();
        var result = await RunAsync(client, LargeChild, Large);

        Assert.Equal(Large + Large, result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RaiseEventAsync_LargePayload_Delivered()
    {
        var client = await LargeClientAsync();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(LargeEvent, string.Empty);
        await StartedAsync(client, id);

        await client.RaiseEventAsync(id, "Large", Large);
        var result = await CompletedAsync(client, id);

        Assert.Equal(Large, result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminateInstanceAsync_LargeOutput_Kept()
    {
        var client = await LargeClientAsync();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(LargeEvent, string.Empty);
        await StartedAsync(client, id);

        await client.TerminateInstanceAsync(id, Large);
        var result = await CompletedAsync(client, id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal(Large, result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ContinueAsNew_LargeInput_NextGenerationGetsItWhole()
    {
        var client = await LargeClientAsync();
        var input = "1" + Large;

        var result = await RunAsync(client, LargeContinueAsNew, input);

        Assert.Equal("2" + Large, result.ReadOutputAs<string>());
        Assert.Equal(input.Length, result.ReadCustomStatusAs<int>());
    }

    [Fact]
    public async Task GetAllInstancesAsync_FetchingLargeInputsAndOutputs_ComeBackWhole()
    {
        var client = await LargeClientAsync();
        var id = NewId("large-query");
        await RunAsync(client, LargeEcho, Large, new Microsoft.DurableTask.StartOrchestrationOptions(id));

        OrchestrationMetadata? found = null;
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = id, FetchInputsAndOutputs = true }))
        {
            found = instance;
        }

        Assert.NotNull(found);
        Assert.Equal(Large, found.ReadInputAs<string>());
        Assert.Equal(Large, found.ReadOutputAs<string>());
    }

    [Fact]
    public async Task GetOrchestrationHistoryAsync_LargeActivityPayloads_EventsCarryThemWhole()
    {
        var client = await LargeClientAsync();
        var result = await RunAsync(client, LargeActivity, Large);

        var history = await client.GetOrchestrationHistoryAsync(result.InstanceId);

        Assert.Equal($"\"{Large}\"", Assert.Single(history.OfType<ExecutionStartedEvent>()).Input);
        Assert.Equal($"\"{Large}{Large}\"", Assert.Single(history.OfType<TaskCompletedEvent>()).Result);
    }
}
