using System.Net;
using System.Text.Json;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Partenariat.SelfContainedHost.Authentication;
using Partenariat.Testing;
using Partenariat.Workflow.Diagnostics;

namespace Partenariat.SelfContainedHost.Tests.DurableWebhooks;

/// <summary>The webhooks' restart and history are the host's <see cref="DurableTaskClient"/>'s own.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ClientBackedWebhookTests(AzuriteFixture azurite)
{
    private const string Key = "webhook-key";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ShowHistory_CompletedInstance_ListsTheClientsHistoryFoldedAsTheFunctionsHostDoes()
    {
        await using var factory = Factory();
        using var http = factory.CreateClient();
        var client = factory.Services.GetRequiredService<DurableTaskClient>();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "Talant");
        await CompletedAsync(client, id);

        var history = await client.GetOrchestrationHistoryAsync(id);
        using var response = await http.GetAsync(new Uri($"/runtime/webhooks/durabletask/instances/{id}?showHistory=true&code={Key}", UriKind.Relative));
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Episode markers are left out; each scheduling stands folded into its completion.
        var expected = history
            .Where(e => e is not (OrchestratorStartedEvent or OrchestratorCompletedEvent or TaskScheduledEvent))
            .Select(e => e.EventType.ToString());
        Assert.Equal(expected, status.RootElement.GetProperty("historyEvents").EnumerateArray().Select(e => e.GetProperty("EventType").GetString()));
    }

    [Fact]
    public async Task Restart_TaggedInstance_RestartedByTheClientWithItsTags()
    {
        await using var factory = Factory();
        using var http = factory.CreateClient();
        var client = factory.Services.GetRequiredService<DurableTaskClient>();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(HelloSequence), "Longvic", new StartOrchestrationOptions { Tags = new Dictionary<string, string> { ["landlord"] = "123456789" } });
        await CompletedAsync(client, id);

        using var response = await http.PostAsync(new Uri($"/runtime/webhooks/durabletask/instances/{id}/restart?code={Key}", UriKind.Relative), null);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var restarted = await CompletedAsync(client, body.RootElement.GetProperty("id").GetString()!);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotEqual(id, restarted.InstanceId);
        Assert.Equal("\"Longvic\"", restarted.SerializedInput);
        Assert.Equal("123456789", restarted.Tags["landlord"]);
    }

    private static async Task<OrchestrationMetadata> CompletedAsync(DurableTaskClient client, string id)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var metadata = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        return metadata;
    }

    private HostFactory Factory() => HostFactory.OnStorage(azurite.ConnectionString, "webhooks", new Dictionary<string, string?> { [HostKeys.OperatorKeySetting] = Key });
}
