using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Partenariat.Testing;

namespace Partenariat.DurableRuntime.Tests;

/// <summary>The watch on the real provider: an episode that outlasts its messages' visibility timeout.</summary>
public sealed class DuplicateMessageWatchHostTests
{
    [Fact]
    public async Task SlowEpisode_LongerThanTheVisibilityTimeout_DuplicatesSeenAndTheInstanceCompletes()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        using var host = DurableHostFixture.BuildHost(
            azurite.ConnectionString,
            "slow" + Guid.NewGuid().ToString("N")[..8],
            new Dictionary<string, string?>
            {
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:00:02",
            },
            registerTasks: tasks =>
            {
                tasks.AddOrchestratorFunc<int, int>("Slow", async (context, input) =>
                {
                    var first = await context.CallActivityAsync<int>("Add", input);
                    if (!context.IsReplaying)
                    {
                        // An episode slower than its messages' visibility timeout: the provider
                        // dequeues its message again while it runs.
                        Thread.Sleep(TimeSpan.FromSeconds(6));
                    }

                    return await context.CallActivityAsync<int>("Add", first);
                });
                tasks.AddActivityFunc<int, int>("Add", (_, n) => n + 1);
            });
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var watch = host.Services.GetRequiredService<DuplicateMessageWatch>();

        var id = await client.ScheduleNewOrchestrationInstanceAsync("Slow", 1);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);

        Assert.Equal((OrchestrationRuntimeStatus.Completed, 3), (done.RuntimeStatus, done.ReadOutputAs<int>()));
        Assert.True(watch.Duplicates > 0, "the provider's duplicate messages reached the watch");
        await host.StopAsync();
    }
}
