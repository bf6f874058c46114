using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Partenariat.Domain.Requests;
using Partenariat.SelfContainedHost.Tests.Documents;
using Partenariat.Testing;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;

namespace Partenariat.SelfContainedHost.Tests.Requests;

/// <summary>The financing-request API of the self-contained host, end to end on Azurite (in memory HTTP, real durable runtime).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FinancingRequestsApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Landlord = "123456782";
    private const string LandlordKey = "local-landlord-123456782-key";
    private const string OtherLandlordKey = "local-landlord-987654324-key";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private HostFactory? _factory;
    private HttpClient? _client;

    private HttpClient Client => _client!;

    public Task InitializeAsync()
    {
        _factory = HostFactory.OnStorage(azurite.ConnectionString, "api", new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:01",
            ["Partenariat:Workflow:InformationDueAfter"] = "00:00:03",
        });
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", LandlordKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task Submit_ValidRequest_RunsItsWholeLifeToClosed()
    {
        var submitted = await SubmitAsync(ValidRequest());

        var pending = await WaitForStatusAsync(submitted.RequestId, RequestState.PendingCommittee);
        await DecideAsync(new CommitteeDecisionMessage { RequestId = submitted.RequestId, Outcome = CommitteeOutcome.Approved, Reviewer = "Mme Martin" });
        var approved = await WaitForStatusAsync(submitted.RequestId, RequestState.Approved);
        await PostAsync($"/api/requests/{submitted.RequestId}/milestones", new { kind = "WorksStarted", date = SampleRequests.Today, evidenceDocumentId = await DocumentsApiTests.UploadEvidenceAsync(Client, submitted.RequestId, "WorksStartOrder") }, HttpStatusCode.Accepted);
        await WaitForStatusAsync(submitted.RequestId, RequestState.Disbursing);
        await PostAsync($"/api/requests/{submitted.RequestId}/milestones", new { kind = "Completion", date = SampleRequests.Today, evidenceDocumentId = await DocumentsApiTests.UploadEvidenceAsync(Client, submitted.RequestId, "CompletionDeclaration") }, HttpStatusCode.Accepted);
        var closed = await WaitForStatusAsync(submitted.RequestId, RequestState.Closed);

        Assert.Equal(RequestState.Submitted, submitted.Status);
        Assert.Contains(pending.Timeline, e => e.Action == TimelineAction.CreditReserved);
        Assert.Equal(500_000m, approved.Decision?.ApprovedAmount);
        Assert.Equal([250_000m, 250_000m], closed.Tranches.Select(t => t.Paid));
        Assert.Equal(Domain.ReservationRights.ReservationRightStatus.Assigned, closed.ReservationRights?.Status);
        Assert.Equal(DateOnly.Parse(SampleRequests.Today, System.Globalization.CultureInfo.InvariantCulture), closed.ReservationRights?.StartDate);
        Assert.Equal(
            ["Submitted", "ReviewStarted", "CreditReserved", "SentToCommittee", "Approved", "TranchePaid", "TranchePaid", "Disbursed", "RightsAssigned", "Closed"],
            closed.Timeline.Select(e => e.Action.ToString()).Where(a => a != "DocumentUploaded"));
        Assert.Equal(["WorksStartOrder", "CompletionDeclaration"], closed.Timeline.Where(e => e.Action == TimelineAction.DocumentUploaded).Select(e => e.Details!.Split(' ')[0]));
    }

    [Fact]
    public async Task Submit_InvalidRequest_Answers400WithEveryErrorAndStoresNothing()
    {
        var body = ValidRequest() with { Operation = ValidRequest().Operation! with { Municipality = "Paris", TotalCostExcludingTax = -1 } };

        using var response = await Client.PostAsJsonAsync("/api/requests", body, PartenariatJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("operation.municipality", out _), problem.RootElement.ToString());
        Assert.True(errors.TryGetProperty("operation.totalCostExcludingTax", out _), problem.RootElement.ToString());
        var list = await Client.GetFromJsonAsync<RequestPage>("/api/requests", PartenariatJson.Options);
        Assert.DoesNotContain(list!.Items, v => v.Request.Operation?.Municipality == "Paris");
    }

    [Fact]
    public async Task Submit_SameIdempotencyKey_ReturnsTheFirstAnswerAndAnotherBodyIsRefused()
    {
        var key = Guid.NewGuid().ToString();
        var first = await SubmitAsync(ValidRequest(), key);
        var again = await SubmitAsync(ValidRequest(), key);

        using var other = new HttpRequestMessage(HttpMethod.Post, "/api/requests")
        {
            Content = JsonContent.Create(ValidRequest() with { EnvelopeLineId = "employee-services" }, options: PartenariatJson.Options),
        };
        other.Headers.Add("Idempotency-Key", key);
        using var conflict = await Client.SendAsync(other);

        Assert.Equal(first.RequestId, again.RequestId);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
    }

    [Fact]
    public async Task Get_AnotherLandlordsRequest_Answers404()
    {
        var submitted = await SubmitAsync(ValidRequest());
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/requests/{submitted.RequestId}");
        request.Headers.Remove("X-Api-Key");
        request.Headers.Add("X-Api-Key", OtherLandlordKey);
        using var intruder = new HttpClient(_factory!.Server.CreateHandler()) { BaseAddress = Client.BaseAddress };
        intruder.DefaultRequestHeaders.Add("X-Api-Key", OtherLandlordKey);

        using var response = await intruder.GetAsync(new Uri($"/api/requests/{submitted.RequestId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Decision_Rejected_EndsRejectedAndReleasesTheCredit()
    {
        var submitted = await SubmitAsync(ValidRequest());
        await WaitForStatusAsync(submitted.RequestId, RequestState.PendingCommittee);

        await DecideAsync(new CommitteeDecisionMessage { RequestId = submitted.RequestId, Outcome = CommitteeOutcome.Rejected, Reason = "Out of the programme's priorities.", Reviewer = "M. Durand" });
        var rejected = await WaitForStatusAsync(submitted.RequestId, RequestState.Rejected);

        Assert.Equal("Out of the programme's priorities.", rejected.Decision?.Reason);
    }

    [Fact]
    public async Task InformationRequest_NeverAnswered_ClosesWithoutFollowUp()
    {
        var submitted = await SubmitAsync(ValidRequest());
        await WaitForStatusAsync(submitted.RequestId, RequestState.PendingCommittee);

        await DecideAsync(new CommitteeDecisionMessage { RequestId = submitted.RequestId, Outcome = CommitteeOutcome.InformationRequested, Question = "Send the building permit.", Reviewer = "Mme Martin" });
        await WaitForStatusAsync(submitted.RequestId, RequestState.InformationRequested);
        var closed = await WaitForStatusAsync(submitted.RequestId, RequestState.ClosedWithoutFollowUp);

        Assert.Equal("Send the building permit.", closed.InformationRequest?.Question);
    }

    [Fact]
    public async Task InformationRequest_Answered_GoesBackToTheCommitteeWhichReducesTheAmount()
    {
        var submitted = await SubmitAsync(ValidRequest());
        await WaitForStatusAsync(submitted.RequestId, RequestState.PendingCommittee);
        await DecideAsync(new CommitteeDecisionMessage { RequestId = submitted.RequestId, Outcome = CommitteeOutcome.InformationRequested, Question = "Send the building permit.", Reviewer = "Mme Martin" });
        await WaitForStatusAsync(submitted.RequestId, RequestState.InformationRequested);

        await PostAsync($"/api/requests/{submitted.RequestId}/information-answer", new { answer = "Permit PC-021-2026-12 attached." }, HttpStatusCode.Accepted);
        await WaitForTimelineAsync(submitted.RequestId, v => v.Timeline.Count(e => e.Action == TimelineAction.SentToCommittee) == 2);
        await DecideAsync(new CommitteeDecisionMessage { RequestId = submitted.RequestId, Outcome = CommitteeOutcome.Approved, ApprovedAmount = 400_000m, Reviewer = "Mme Martin" });
        var approved = await WaitForStatusAsync(submitted.RequestId, RequestState.Approved);

        Assert.True(approved.Decision?.IsReducedApproval);
        Assert.Equal([200_000m, 200_000m], approved.Tranches.Select(t => t.Amount));
        Assert.Equal("Permit PC-021-2026-12 attached.", approved.Timeline.Single(e => e.Action == TimelineAction.InformationAnswered).Details);
    }

    [Fact]
    public async Task Withdrawal_BeforeTheDecision_EndsWithdrawnAndAfterwardsIsRefused()
    {
        var submitted = await SubmitAsync(ValidRequest());
        await WaitForStatusAsync(submitted.RequestId, RequestState.PendingCommittee);

        await PostAsync($"/api/requests/{submitted.RequestId}/withdrawal", new { reason = "Operation abandoned." }, HttpStatusCode.Accepted);
        await WaitForStatusAsync(submitted.RequestId, RequestState.Withdrawn);
        using var again = await Client.PostAsJsonAsync($"/api/requests/{submitted.RequestId}/withdrawal", new { reason = "again" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    internal static FinancingRequest ValidRequest() => SampleRequests.Valid();

    private async Task<FinancingRequestView> SubmitAsync(FinancingRequest body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/requests") { Content = JsonContent.Create(body, options: PartenariatJson.Options) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        return JsonSerializer.Deserialize<FinancingRequestView>(text, PartenariatJson.Options)!;
    }

    private async Task PostAsync(string path, object body, HttpStatusCode expected)
    {
        using var response = await Client.PostAsJsonAsync(path, body, PartenariatJson.Options);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task DecideAsync(CommitteeDecisionMessage decision)
    {
        var handler = _factory!.Services.GetRequiredService<CommitteeDecisionHandler>();
        var result = await handler.HandleAsync(JsonSerializer.Serialize(decision, PartenariatJson.Options), _factory.Services.GetRequiredService<DurableTaskClient>());
        Assert.True(result.Applied, result.Reason);
    }

    private Task<FinancingRequestView> WaitForStatusAsync(string requestId, RequestState status) =>
        WaitForTimelineAsync(requestId, v => v.Status == status);

    private async Task<FinancingRequestView> WaitForTimelineAsync(string requestId, Func<FinancingRequestView, bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        FinancingRequestView? view = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            view = await Client.GetFromJsonAsync<FinancingRequestView>($"/api/requests/{requestId}", PartenariatJson.Options);
            if (view is not null && condition(view))
            {
                return view;
            }

            await Task.Delay(100);
        }

        var instance = await _factory!.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(requestId, getInputsAndOutputs: true);
        throw new TimeoutException(
            $"Request {requestId} did not get there; orchestration {instance?.RuntimeStatus} {instance?.FailureDetails?.ErrorType}: {instance?.FailureDetails?.ErrorMessage} {instance?.FailureDetails?.InnerFailure?.ErrorMessage}; " +
            $"timeline: {string.Join(", ", view?.Timeline.Select(e => e.Action) ?? [])}");
    }
}
