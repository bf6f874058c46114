using Microsoft.DurableTask.Client;
using static Partenariat.DurableRuntime.Tests.Conformance.ConformanceTasks;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>Core scenarios: class-based orchestrators and activities, and pageable activities.</summary>
[Collection(ConformanceCollection.Name)]
[Trait(Group, "Core")]
public sealed class ClassSyntaxTests(ConformanceFixture fixture) : ConformanceTest(fixture)
{
    [Fact]
    public async Task AddOrchestrator_ClassSequence_ReturnsEveryGreetingInOrder()
    {
        var result = await RunAsync(Client, "Conf.ClassHelloSequence");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(["Hello Dijon!", "Hello Talant!", "Hello Quetigny!"], result.ReadOutputAs<List<string>>() ?? []);
    }

    [Fact]
    public async Task AddActivity_ClassActivityThrows_OrchestrationFailsWithItsMessage()
    {
        var result = await RunAsync(Client, "Conf.ClassFaulty");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("Intentional failure", result.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddActivity_ClassActivityWithRetryPolicy_SucceedsAfterRetries()
    {
        var result = await RunAsync(Client, "Conf.ClassRetry");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Success after retries", result.ReadOutputAs<string>());
        Assert.Equal(3, Probes.Count(result.InstanceId));
    }

    [Fact]
    public async Task AddOrchestrator_ClassSubOrchestration_ReturnsTheChildsResult()
    {
        var result = await RunAsync(Client, "Conf.ClassParent", 5);

        Assert.Equal(15, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task AddOrchestrator_ClassWaitingForAnEvent_ReturnsTheEvent()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Conf.ClassApproval");
        await StartedAsync(Client, id);

        await Client.RaiseEventAsync(id, "ApprovalEvent", "Approved");
        var result = await CompletedAsync(Client, id);

        Assert.Equal("Received: Approved", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CallActivityAsync_PageableThroughAnActivity_EnumeratesEveryPage()
    {
        var result = await RunAsync(Client, Paging, string.Empty);

        Assert.Equal(9, result.ReadOutputAs<int>());
    }
}
