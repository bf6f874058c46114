using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Partenariat.Domain.Committee;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;
using Microsoft.Extensions.Options;

namespace Partenariat.Workflow.Tests.Committee;

/// <summary>The committee's API called directly, on Azurite: reviewers' list, operators' poison list and cancellation.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CommitteeApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ReviewerKey = "reviewer-key";
    private const string OperatorKey = "operator-key";
    private const string LandlordKey = "landlord-key";
    private const string Landlord = "123456782";

    private readonly RecordingDurableClient _client = new();
    private AppStorage _storage = null!;
    private CommitteeApi _api = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Authentication:ReviewerApiKey"] = ReviewerKey,
            ["Authentication:OperatorApiKey"] = OperatorKey,
            [$"Authentication:ApiKeys:{Landlord}"] = LandlordKey,
        }).Build();
        _storage = await AppStorage.CreateAsync(azurite.ConnectionString);
        _api = new CommitteeApi(new CallerAuthentication(configuration), _storage.Requests, ConventionDirectory.FromConfiguration(configuration), _storage.Queues, Options.Create(new InputOptions()));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ListPendingAsync_Reviewer_RanksAPriorityOperationBeforeAnEarlierOrdinaryOne()
    {
        var ordinary = await StoreAsync(RequestState.PendingCommittee, isNpnru: false, submittedAt: new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var priority = await StoreAsync(RequestState.PendingCommittee, isNpnru: true, submittedAt: new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        var decided = await StoreAsync(RequestState.Approved, isNpnru: true, submittedAt: new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));

        var result = await _api.ListPendingAsync(TestRequests.With(ReviewerKey));

        var pending = Assert.IsType<JsonHttpResult<List<PendingReview>>>(result).Value!;
        var mine = pending.Where(p => p.Request.RequestId == ordinary || p.Request.RequestId == priority).ToList();
        Assert.Equal([priority, ordinary], mine.Select(p => p.Request.RequestId));
        Assert.Equal(PriorityCriterion.Npnru, mine[0].Priority);
        Assert.Null(mine[1].Priority);
        Assert.True(mine[0].Position < mine[1].Position);
        Assert.DoesNotContain(pending, p => p.Request.RequestId == decided);
    }

    [Theory]
    [InlineData(OperatorKey, 200)]
    [InlineData(LandlordKey, 403)]
    [InlineData("nobody's", 401)]
    public async Task ListPendingAsync_ByCaller_AnswersAsTheRoleAllows(string key, int expected)
    {
        var result = await _api.ListPendingAsync(TestRequests.With(key));

        Assert.Equal(expected, StatusCode(result));
    }

    [Fact]
    public async Task ListPoisonDecisionsAsync_HandlerAndTriggerMessages_ListsBothWithTheirReasonAndKeepsThem()
    {
        var marker = Guid.NewGuid().ToString("N");
        var poison = _storage.Queues.GetQueueClient(StorageNames.CommitteeDecisionsPoisonQueue);
        // The list shows the queue's first 32 messages: other tests of the collection set decisions
        // aside on this Azurite too, so the queue starts empty here.
        await poison.ClearMessagesAsync();
        var decision = $$"""{"requestId":"fr-{{marker}}","outcome":"Rejected","reason":"Too dear.","reviewer":"M. Durand"}""";
        var envelope = JsonSerializer.Serialize(new PoisonDecision($"No financing request 'fr-{marker}' exists.", decision, DateTimeOffset.UnixEpoch), PartenariatJson.Options);
        await poison.SendMessageAsync(envelope);
        await poison.SendMessageAsync(decision);

        var result = await _api.ListPoisonDecisionsAsync(TestRequests.With(OperatorKey));

        var listed = Assert.IsType<JsonHttpResult<List<PoisonDecisionView>>>(result).Value!.Where(p => p.Message == decision).ToList();
        Assert.Equal(2, listed.Count);
        Assert.Equal($"No financing request 'fr-{marker}' exists.", listed[0].Reason);
        Assert.Equal(DateTimeOffset.UnixEpoch, listed[0].SetAsideAt);
        Assert.Equal(CommitteeApi.RetriesExhaustedReason, listed[1].Reason);
        Assert.Null(listed[1].SetAsideAt);
        var again = Assert.IsType<JsonHttpResult<List<PoisonDecisionView>>>(await _api.ListPoisonDecisionsAsync(TestRequests.With(OperatorKey))).Value!;
        Assert.Equal(2, again.Count(p => p.Message == decision));
    }

    [Theory]
    [InlineData(ReviewerKey, "", 200)]
    [InlineData(null, "", 401)]
    [InlineData(OperatorKey, "?top=0", 400)]
    [InlineData(OperatorKey, "?top=33", 400)]
    [InlineData(OperatorKey, "?top=1", 200)]
    public async Task ListPoisonDecisionsAsync_ByCallerAndQuery_AnswersAsExpected(string? key, string query, int expected)
    {
        var result = await _api.ListPoisonDecisionsAsync(TestRequests.With(key, query));

        Assert.Equal(expected, StatusCode(result));
    }

    [Fact]
    public async Task CancelAsync_ApprovedRequest_RaisesTheCancellationWithItsReason()
    {
        var requestId = await StoreAsync(RequestState.Approved);

        var result = await _api.CancelAsync(TestRequests.With(OperatorKey, json: """{"reason":"Operation abandoned."}"""), requestId, _client);

        Assert.Equal(202, StatusCode(result));
        var (instanceId, eventName, payload) = Assert.Single(_client.Raised);
        Assert.Equal(requestId, instanceId);
        Assert.Equal(RequestEvent.Name, eventName);
        Assert.Equal(new RequestEvent(RequestEventKind.Cancellation, "operator", "Operation abandoned."), payload);
    }

    [Fact]
    public async Task CancelAsync_PendingRequest_Answers409WithTheDomainsReasonAndRaisesNothing()
    {
        var requestId = await StoreAsync(RequestState.PendingCommittee);

        var result = await _api.CancelAsync(TestRequests.With(OperatorKey, json: """{"reason":"Too early."}"""), requestId, _client);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(409, problem.StatusCode);
        Assert.Equal("urn:partenariat:problems:invalid-state", problem.ProblemDetails.Type);
        Assert.Contains("only an approved operation", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Empty(_client.Raised);
    }

    [Theory]
    [InlineData(LandlordKey, """{"reason":"x"}""", 403)]
    [InlineData(ReviewerKey, """{"reason":"x"}""", 403)]
    [InlineData(OperatorKey, """{"reason":" "}""", 400)]
    [InlineData(OperatorKey, """{"reason":""", 400)]
    public async Task CancelAsync_BadCallerOrBody_IsRefusedAndRaisesNothing(string key, string body, int expected)
    {
        var requestId = await StoreAsync(RequestState.Approved);

        var result = await _api.CancelAsync(TestRequests.With(key, json: body), requestId, _client);

        Assert.Equal(expected, StatusCode(result));
        Assert.Empty(_client.Raised);
    }

    [Fact]
    public async Task CancelAsync_UnknownRequest_Answers404()
    {
        var result = await _api.CancelAsync(TestRequests.With(OperatorKey, json: """{"reason":"x"}"""), "fr-nowhere-" + Guid.NewGuid().ToString("N"), _client);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(404, problem.StatusCode);
        Assert.Equal("urn:partenariat:problems:request-not-found", problem.ProblemDetails.Type);
    }

    [Fact]
    public void ReadPoison_HandlersEnvelope_GivesItsReasonMessageAndDate()
    {
        var body = """{"reason":"The message is empty.","message":"","setAsideAt":"2026-11-26T02:00:00+00:00"}""";

        var view = CommitteeApi.ReadPoison("m1", null, body);

        Assert.Equal(new PoisonDecisionView("m1", null, "The message is empty.", string.Empty, new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero)), view);
    }

    [Theory]
    [InlineData("""{"requestId":"fr-1","outcome":"Rejected","reason":"A rejection has a reason too."}""")]
    [InlineData("not json at all")]
    [InlineData("[1,2]")]
    public void ReadPoison_AnythingElse_IsAMessageTheTriggerGaveUpOn(string body)
    {
        var view = CommitteeApi.ReadPoison("m2", DateTimeOffset.UnixEpoch, body);

        Assert.Equal(new PoisonDecisionView("m2", DateTimeOffset.UnixEpoch, CommitteeApi.RetriesExhaustedReason, body, null), view);
    }

    private async Task<string> StoreAsync(RequestState status, bool isNpnru = true, DateTimeOffset? submittedAt = null)
    {
        var requestId = "fr-" + Guid.NewGuid().ToString("N")[..16];
        var request = new FinancingRequest
        {
            ConventionId = "local-demo-2026-2027",
            EnvelopeLineId = "housing-production",
            Operation = new HousingOperation { Name = "Résidence des Lilas", Municipality = isNpnru ? "Chenôve" : "Nowhere", District = isNpnru ? "Le Mail" : null, IsNpnru = isNpnru },
        };
        return await _storage.AddAsync(SampleViews.Of(Landlord, requestId, status, request, submittedAt: submittedAt));
    }

    // A JSON result without a status code is written as 200.
    private static int StatusCode(IResult result) => Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode ?? StatusCodes.Status200OK;
}
