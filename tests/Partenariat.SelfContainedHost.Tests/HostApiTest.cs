using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Documents;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;

namespace Partenariat.SelfContainedHost.Tests;

/// <summary>
/// A test of the self-contained host in memory on the collection's Azurite, through HTTP: the host
/// it starts, a client with the landlord's key, and what the API tests do again and again (submit,
/// decide, upload evidence, report a milestone, wait for a status).
/// </summary>
public abstract class HostApiTest(AzuriteFixture azurite) : IAsyncLifetime
{
    /// <summary>The landlord of the demo keys (local.settings.json).</summary>
    protected const string Landlord = "123456782";

    /// <summary>Landlord 123456782's demo key.</summary>
    protected const string LandlordKey = "local-landlord-123456782-key";

    /// <summary>Landlord 987654324's demo key.</summary>
    protected const string OtherLandlordKey = "local-landlord-987654324-key";

    /// <summary>The reviewers' demo key.</summary>
    protected const string ReviewerKey = "local-reviewer-key";

    /// <summary>The operators' demo key.</summary>
    protected const string OperatorKey = "local-operator-key";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private HostFactory? _factory;
    private HttpClient? _client;

    /// <summary>The collection's Azurite.</summary>
    protected string StorageConnectionString => azurite.ConnectionString;

    /// <summary>The host's services.</summary>
    protected IServiceProvider Services => Factory.Services;

    /// <summary>A client on the host with the landlord's key.</summary>
    protected HttpClient Client => _client ?? throw new InvalidOperationException("The test has not started its host.");

    private HostFactory Factory => _factory ?? throw new InvalidOperationException("The test has not started its host.");

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>
    /// Starts the host on a task hub of its own named from <paramref name="hubPrefix"/>, with a
    /// one-second polling ceiling (durable steps show promptly), <paramref name="settings"/> and
    /// <paramref name="services"/>; returns once it has created its tables.
    /// </summary>
    protected async Task StartHostAsync(string hubPrefix, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?> { ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:01" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        _factory = HostFactory.OnStorage(azurite.ConnectionString, hubPrefix, all, services);
        _client = ClientWithKey(LandlordKey);
        var storage = Services.GetRequiredService<StorageInitializer>();
        await Eventually.UntilAsync(() => Task.FromResult(storage.IsReady), "the host to create its tables (in the background at start)");
    }

    /// <summary>A client on the host with <paramref name="apiKey"/> (none when null).</summary>
    protected HttpClient ClientWithKey(string? apiKey)
    {
        var client = Factory.CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>Submits <paramref name="request"/> as the landlord; asserts it was accepted.</summary>
    protected async Task<FinancingRequestView> SubmitAsync(FinancingRequest request)
    {
        using var response = await Client.PostAsJsonAsync("/api/requests", request, PartenariatJson.Options);
        return await ReadAsync<FinancingRequestView>(response, HttpStatusCode.Accepted);
    }

    /// <summary>The landlord's view of the request.</summary>
    protected async Task<FinancingRequestView> GetAsync(string requestId) =>
        (await Client.GetFromJsonAsync<FinancingRequestView>($"/api/requests/{requestId}", PartenariatJson.Options))!;

    /// <summary>Posts <paramref name="body"/> to <paramref name="path"/> as the landlord; asserts the status code.</summary>
    protected async Task PostAsync(string path, object body, HttpStatusCode expected)
    {
        using var response = await Client.PostAsJsonAsync(path, body, PartenariatJson.Options);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Hands <paramref name="decision"/> (JSON, as it comes off the queue) to the committee's handler; asserts it was applied.</summary>
    protected async Task DecideAsync(string decision)
    {
        var result = await Services.GetRequiredService<CommitteeDecisionHandler>().HandleAsync(decision, Services.GetRequiredService<DurableTaskClient>());
        Assert.True(result.Applied, result.Reason);
    }

    /// <summary>Hands <paramref name="decision"/> to the committee's handler; asserts it was applied.</summary>
    protected async Task DecideAsync(CommitteeDecisionMessage decision)
    {
        // With an id of its own, answering the request's current round, as the reviewers' desk sends it.
        var view = await Services.GetRequiredService<FinancingRequestStore>().FindAsync(decision.RequestId!);
        await DecideAsync(JsonSerializer.Serialize(decision with { DecisionId = decision.DecisionId ?? Guid.NewGuid().ToString(), Round = decision.Round ?? view?.Round }, PartenariatJson.Options));
    }

    /// <summary>Uploads a small PDF as evidence of <paramref name="kind"/>; returns its document id.</summary>
    protected async Task<string> UploadEvidenceAsync(string requestId, string kind)
    {
        using var content = new ByteArrayContent(SampleDocuments.Pdf(1000));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var response = await Client.PostAsync(new Uri($"/api/requests/{requestId}/documents?kind={kind}", UriKind.Relative), content);
        return (await ReadAsync<SupportingDocument>(response, HttpStatusCode.Created)).DocumentId;
    }

    /// <summary>Reports the works' start (today) with a works start order as evidence.</summary>
    protected async Task ReportWorksStartedAsync(string requestId) =>
        await PostAsync($"/api/requests/{requestId}/milestones", new { kind = "WorksStarted", date = SampleRequests.Today, evidenceDocumentId = await UploadEvidenceAsync(requestId, "WorksStartOrder") }, HttpStatusCode.Accepted);

    /// <summary>Reports the completion (today) with a completion declaration as evidence.</summary>
    protected async Task ReportCompletionAsync(string requestId) =>
        await PostAsync($"/api/requests/{requestId}/milestones", new { kind = "Completion", date = SampleRequests.Today, evidenceDocumentId = await UploadEvidenceAsync(requestId, "CompletionDeclaration") }, HttpStatusCode.Accepted);

    /// <summary>Reads the request until it is in <paramref name="status"/>; fails with its orchestration's state.</summary>
    protected Task<FinancingRequestView> WaitForStatusAsync(string requestId, RequestState status) =>
        Eventually.UntilAsync(
            async () => await GetAsync(requestId) is { } view && view.Status == status ? view : null,
            Patience,
            async () => $"request {requestId} to be {status}; {await DescribeAsync(requestId)}");

    /// <summary>Asserts the status code and reads the body as <typeparamref name="T"/>.</summary>
    protected static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, PartenariatJson.Options)!;
    }

    private async Task<string> DescribeAsync(string requestId)
    {
        var view = await GetAsync(requestId);
        var instance = await Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(requestId, getInputsAndOutputs: true);
        return $"it is {view.Status}; orchestration {instance?.RuntimeStatus} {instance?.FailureDetails?.ErrorMessage}; timeline: {string.Join(", ", view.Timeline.Select(e => e.Action))}";
    }
}
