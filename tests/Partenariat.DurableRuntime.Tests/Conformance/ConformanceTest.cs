using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Partenariat.Testing;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>
/// A conformance scenario: one of Microsoft.DurableTask's integration scenarios, re-described and run
/// through <c>AddDurableTaskHosting</c> on Azurite. Its trait says which group it counts in: core,
/// versioning or optional (<c>dotnet test --filter Conformance=Core</c>).
/// </summary>
public abstract class ConformanceTest(ConformanceFixture fixture)
{
    /// <summary>The trait naming the group of a scenario.</summary>
    public const string Group = "Conformance";

    /// <summary>How long a scenario waits for an instance.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The fixture.</summary>
    protected ConformanceFixture Fixture => fixture;

    /// <summary>The plain host's client.</summary>
    protected DurableTaskClient Client => fixture.Client;

    /// <summary>An instance id of its own.</summary>
    protected static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N");

    /// <summary>Starts <paramref name="name"/> and waits for it to finish, inputs and outputs included.</summary>
    protected static async Task<OrchestrationMetadata> RunAsync(DurableTaskClient client, TaskName name, object? input = null, StartOrchestrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var id = await client.ScheduleNewOrchestrationInstanceAsync(name, input, options);
        return await CompletedAsync(client, id);
    }

    /// <summary>Waits for <paramref name="instanceId"/> to finish, inputs and outputs included.</summary>
    protected static async Task<OrchestrationMetadata> CompletedAsync(DurableTaskClient client, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var timeout = new CancellationTokenSource(Patience);
        return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Waits for <paramref name="instanceId"/> to start (leave Pending).</summary>
    protected static async Task<OrchestrationMetadata> StartedAsync(DurableTaskClient client, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var timeout = new CancellationTokenSource(Patience);
        return await client.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Waits until <paramref name="instanceId"/> is in <paramref name="status"/>.</summary>
    protected static Task<OrchestrationMetadata> StatusAsync(DurableTaskClient client, string instanceId, OrchestrationRuntimeStatus status)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Eventually.UntilAsync(
            async () => await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true) is { } metadata && metadata.RuntimeStatus == status ? metadata : null,
            Patience,
            async () => $"instance '{instanceId}' to be {status}; it is {(await client.GetInstanceAsync(instanceId))?.RuntimeStatus}");
    }
}
