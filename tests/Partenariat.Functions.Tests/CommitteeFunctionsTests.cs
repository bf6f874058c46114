using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;

namespace Partenariat.Functions.Tests;

/// <summary>The committee's functions called directly, as the worker would: each reaches the shared handler or API.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CommitteeFunctionsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly RecordingDurableClient _client = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero));
    private AppStorage _storage = null!;
    private CommitteeFunctions _functions = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Authentication:OperatorApiKey"] = "operator-key",
        }).Build();
        _storage = await AppStorage.CreateAsync(azurite.ConnectionString);
        _functions = new CommitteeFunctions(
            new CommitteeDecisionHandler(_storage.Requests, _storage.Queues, _time),
            new CommitteeApi(new CallerAuthentication(configuration), _storage.Requests, ConventionDirectory.FromConfiguration(configuration), _storage.Queues, Options.Create(new InputOptions())));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DecideAsync_ApprovalOfAPendingRequest_RaisesItOnTheRequestsOrchestration()
    {
        var requestId = await StorePendingAsync();
        var message = JsonSerializer.Serialize(new { requestId, decisionId = "decision-1", round = 1, outcome = "Approved", approvedAmount = 250_000, reviewer = "Mme Martin" });

        var handling = await _functions.DecideAsync(message, _client, CancellationToken.None);

        Assert.Equal(new DecisionHandling(true, null), handling);
        var (instanceId, eventName, payload) = Assert.Single(_client.Raised);
        Assert.Equal(requestId, instanceId);
        Assert.Equal(RequestEvent.Name, eventName);
        var raised = Assert.IsType<RequestEvent>(payload);
        Assert.Equal(RequestEventKind.CommitteeDecision, raised.Kind);
        Assert.Equal(250_000m, raised.Decision?.ApprovedAmount);
    }

    [Fact]
    public async Task DecideAsync_MalformedMessage_SetsItAsideOnThePoisonQueueWithItsReason()
    {
        var message = "{ \"requestId\": \"" + Guid.NewGuid().ToString("N") + "\", ";

        var handling = await _functions.DecideAsync(message, _client, CancellationToken.None);

        Assert.False(handling.Applied);
        Assert.StartsWith("The message is not valid JSON: ", handling.Reason, StringComparison.Ordinal);
        Assert.Empty(_client.Raised);
        var peeked = await _storage.Queues.GetQueueClient(StorageNames.CommitteeDecisionsPoisonQueue).PeekMessagesAsync(32);
        var poison = peeked.Value.Select(m => JsonSerializer.Deserialize<PoisonDecision>(m.Body.ToString(), PartenariatJson.Options)!).Single(p => p.Message == message);
        Assert.Equal((handling.Reason, _time.GetUtcNow()), (poison.Reason, poison.SetAsideAt));
    }

    [Fact]
    public async Task ListPoisonAsync_WithoutAKey_AnswersTheSharedApis401()
    {
        var result = await _functions.ListPoisonAsync(TestRequests.With(apiKey: null), CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(401, problem.StatusCode);
        Assert.Equal("urn:partenariat:problems:unauthenticated", problem.ProblemDetails.Type);
    }

    [Fact]
    public async Task CancelAsync_UnknownRequest_AnswersTheSharedApis404()
    {
        var result = await _functions.CancelAsync(TestRequests.With("operator-key"), "fr-nowhere-" + Guid.NewGuid().ToString("N"), _client, CancellationToken.None);

        Assert.Equal(404, Assert.IsType<ProblemHttpResult>(result).StatusCode);
        Assert.Empty(_client.Raised);
    }

    private async Task<string> StorePendingAsync()
    {
        var requestId = "fr-" + Guid.NewGuid().ToString("N")[..16];
        var request = new FinancingRequest
        {
            ConventionId = "dijon-2020-2022",
            EnvelopeLineId = "housing-production",
            Operation = new HousingOperation { Name = "Résidence des Lilas", Municipality = "Chenôve", District = "Le Mail", IsNpnru = true, Dwellings = new DwellingMix { Plai = 4, Plus = 6 } },
            RequestedLines = [new RequestedLine { Kind = FundingKind.Grant, Amount = 300_000m }],
        };
        return await _storage.AddAsync(SampleViews.Of("123456782", requestId, request: request) with { Round = 1 });
    }
}
