using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Partenariat.Domain.Envelopes;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;
using Partenariat.SelfContainedHost.Tests.Documents;
using Partenariat.SelfContainedHost.Tests.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests.Activities;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.ReservationRights;
using Partenariat.Workflow.Storage;
using Xunit.Abstractions;

namespace Partenariat.SelfContainedHost.Tests.Envelopes;

/// <summary>
/// The envelopes, the waitlist, the period's end, cancellation, exactly-once disbursement, the
/// reservation-right registry and the bad-input catalogue, through HTTP on Azurite. Each test has a
/// convention of its own (its line sized for the scenario), so tests sharing the Azurite never share
/// a ledger.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EnvelopeScenarioTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const string LandlordKey = "local-landlord-123456782-key";
    private const string OtherLandlordKey = "local-landlord-987654324-key";
    private const string ReviewerKey = "local-reviewer-key";
    private const string OperatorKey = "local-operator-key";
    private const string LineId = "housing-production";
    private const decimal RequestAmount = 500_000m;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly string _conventionId = "test-" + Guid.NewGuid().ToString("N")[..12];
    private HostFactory? _factory;
    private HttpClient? _client;

    private HttpClient Client => _client!;

    private IServiceProvider Services => _factory!.Services;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task Submit_200ConcurrentAgainstALineFor50_Reserves50AndWaitlistsTheRest()
    {
        await StartAsync(lineAmount: 50 * RequestAmount);
        var ledgers = Services.GetRequiredService<EnvelopeLedgerStore>();
        var clock = Stopwatch.StartNew();

        var submitted = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => SubmitAsync(Request())));
        var settled = await WaitForAsync(async () =>
        {
            var pending = await ListByStatusAsync(RequestState.PendingCommittee);
            var waitlisted = await ListByStatusAsync(RequestState.Waitlisted);
            return pending.Count + waitlisted.Count == 200 ? (pending, waitlisted) : default;
        });
        var ledger = await ledgers.GetAsync(_conventionId, LineId);
        var line = await LineStateAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"200 submissions settled in {clock.Elapsed.TotalSeconds:0.0} s; ledger writes {ledgers.Writes}, ETag conflicts retried {ledgers.Conflicts}."));

        Assert.Equal(200, submitted.Select(v => v.RequestId).Distinct().Count());
        Assert.Equal(50, settled.pending.Count);
        Assert.Equal(150, settled.waitlisted.Count);
        Assert.Equal(50 * RequestAmount, ledger.Reserved);
        Assert.Equal(0m, ledger.Remaining);
        Assert.True(ledger.Reserved + ledger.Committed <= ledger.Planned);
        Assert.Equal(50, ledger.RequestIdsWith(LedgerPositionStatus.Reserved).Count);
        Assert.Equal(settled.pending.Select(v => v.RequestId).Order(StringComparer.Ordinal), ledger.RequestIdsWith(LedgerPositionStatus.Reserved));
        Assert.Equal(50 * RequestAmount, line.Reserved);
        Assert.Equal(50, line.ReservedRequests);
        Assert.Equal(0m, line.Remaining);
    }

    [Fact]
    public async Task Waitlist_FirstWithdrawn_SecondLeavesTheWaitlistForTheCommittee()
    {
        await StartAsync(lineAmount: RequestAmount);
        var first = await SubmitAsync(Request());
        await WaitForStatusAsync(first.RequestId, RequestState.PendingCommittee);
        var second = await SubmitAsync(Request());
        await WaitForStatusAsync(second.RequestId, RequestState.Waitlisted);

        await PostAsync($"/api/requests/{first.RequestId}/withdrawal", new { reason = "Operation abandoned." }, HttpStatusCode.Accepted);
        await WaitForStatusAsync(first.RequestId, RequestState.Withdrawn);
        var pending = await WaitForStatusAsync(second.RequestId, RequestState.PendingCommittee);
        var ledger = await Services.GetRequiredService<EnvelopeLedgerStore>().GetAsync(_conventionId, LineId);

        Assert.Equal(["Waitlisted", "LeftWaitlist", "CreditReserved", "SentToCommittee"], pending.Timeline.Select(e => e.Action.ToString()).SkipWhile(a => a != "Waitlisted").ToArray());
        Assert.Equal([second.RequestId], ledger.RequestIdsWith(LedgerPositionStatus.Reserved));
        Assert.Equal(LedgerPositionStatus.Released, ledger.Find(first.RequestId)?.Status);
    }

    [Fact]
    public async Task Waitlist_FirstRejected_SecondLeavesTheWaitlistForTheCommittee()
    {
        await StartAsync(lineAmount: RequestAmount);
        var first = await SubmitAsync(Request());
        await WaitForStatusAsync(first.RequestId, RequestState.PendingCommittee);
        var second = await SubmitAsync(Request());
        await WaitForStatusAsync(second.RequestId, RequestState.Waitlisted);

        await DecideAsync(new CommitteeDecisionMessage { RequestId = first.RequestId, Outcome = CommitteeOutcome.Rejected, Reason = "Outside the priorities.", Reviewer = "M. Durand" });
        await WaitForStatusAsync(first.RequestId, RequestState.Rejected);
        await WaitForStatusAsync(second.RequestId, RequestState.PendingCommittee);
        var line = await LineStateAsync();

        Assert.Equal(RequestAmount, line.Reserved);
        Assert.Equal(1, line.ReservedRequests);
    }

    [Fact]
    public async Task PeriodEnd_UncommittedRequest_ExpiresAndTheLineLapses()
    {
        var closesAt = DateTimeOffset.UtcNow.AddSeconds(8);
        await StartAsync(lineAmount: 10 * RequestAmount, closesAt: closesAt);
        var before = await LineStateAsync();
        var submitted = await SubmitAsync(Request());
        await WaitForStatusAsync(submitted.RequestId, RequestState.PendingCommittee);

        var expired = await WaitForStatusAsync(submitted.RequestId, RequestState.Expired);
        var line = await WaitForAsync(async () => await LineStateAsync() is { IsLapsed: true } lapsed ? lapsed : null);
        var late = await SubmitRawAsync(JsonSerializer.Serialize(Request(), PartenariatJson.Options));

        Assert.Equal(closesAt, before.ClosesAt);
        Assert.True(expired.UpdatedAt >= closesAt.AddSeconds(-1), $"Expired at {expired.UpdatedAt:O}, before the close {closesAt:O}.");
        Assert.Equal(10 * RequestAmount, line.Lapsed);
        Assert.Equal(0m, line.Reserved);
        Assert.Equal(0m, line.Remaining);
        Assert.Null(line.ClosesAt);
        Assert.Equal(LedgerPositionStatus.Expired, (await Services.GetRequiredService<EnvelopeLedgerStore>().GetAsync(_conventionId, LineId)).Find(submitted.RequestId)?.Status);
        Assert.Equal(HttpStatusCode.Accepted, late.StatusCode);
        var lateView = JsonSerializer.Deserialize<FinancingRequestView>(await late.Content.ReadAsStringAsync(), PartenariatJson.Options)!;
        Assert.Equal(RequestState.Expired, (await WaitForStatusAsync(lateView.RequestId, RequestState.Expired)).Status);
    }

    [Fact]
    public async Task Cancellation_ApprovedAndPartlyPaid_ReleasesTheUnpaidCredit()
    {
        await StartAsync(lineAmount: 10 * RequestAmount);
        var submitted = await ApproveAsync();
        await PostAsync($"/api/requests/{submitted.RequestId}/milestones", new { kind = "WorksStarted", date = SampleRequests.Today, evidenceDocumentId = await DocumentsApiTests.UploadEvidenceAsync(Client, submitted.RequestId, "WorksStartOrder") }, HttpStatusCode.Accepted);
        await WaitForStatusAsync(submitted.RequestId, RequestState.Disbursing);

        using (var operatorClient = new HttpClient(_factory!.Server.CreateHandler()) { BaseAddress = Client.BaseAddress })
        {
            operatorClient.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);
            using var cancel = await operatorClient.PostAsJsonAsync($"/api/requests/{submitted.RequestId}/cancellation", new { reason = "Operation abandoned by the landlord." });
            Assert.True(cancel.StatusCode == HttpStatusCode.Accepted, await cancel.Content.ReadAsStringAsync());
        }

        var cancelled = await WaitForStatusAsync(submitted.RequestId, RequestState.Cancelled);

        // The view says Cancelled first; the release is the orchestration's next activity.
        var ledger = await WaitForAsync(async () => await Services.GetRequiredService<EnvelopeLedgerStore>().GetAsync(_conventionId, LineId) is { } l
            && l.Find(submitted.RequestId)?.Status == LedgerPositionStatus.Released ? l : null);

        Assert.Contains("250000", cancelled.Timeline.Single(e => e.Action == TimelineAction.Cancelled).Details, StringComparison.Ordinal);
        Assert.Equal(LedgerPositionStatus.Released, ledger.Find(submitted.RequestId)?.Status);
        Assert.Equal(RequestAmount / 2, ledger.Committed);
        Assert.Equal(RequestAmount / 2, ledger.Disbursed);
        Assert.Equal((10 * RequestAmount) - (RequestAmount / 2), ledger.Remaining);
    }

    [Fact]
    public async Task PayTranche_RunTwiceThenByTheOrchestration_OnePaymentRowAndOneLedgerDisbursement()
    {
        await StartAsync(lineAmount: 10 * RequestAmount);
        var submitted = await ApproveAsync();
        var key = new RequestKey(submitted.RequestId, "123456782", _conventionId, LineId);
        var approved = await GetAsync(submitted.RequestId);
        var payment = new TranchePayment(key, approved.Tranches[0], DateOnly.FromDateTime(DateTime.UtcNow), "doc-os", []);
        var activity = ActivatorUtilities.CreateInstance<PayTranche>(Services);

        // The activity retried by the runtime: a first run, a second with the same input.
        var first = await activity.RunAsync(null!, payment);
        var second = await activity.RunAsync(null!, payment);
        await PostAsync($"/api/requests/{submitted.RequestId}/milestones", new { kind = "WorksStarted", date = SampleRequests.Today, evidenceDocumentId = await DocumentsApiTests.UploadEvidenceAsync(Client, submitted.RequestId, "WorksStartOrder") }, HttpStatusCode.Accepted);
        await WaitForStatusAsync(submitted.RequestId, RequestState.Disbursing);
        var orders = await PaymentOrdersAsync(submitted.RequestId);
        var position = (await Services.GetRequiredService<EnvelopeLedgerStore>().GetAsync(_conventionId, LineId)).Find(submitted.RequestId)!;

        Assert.True(first);
        Assert.False(second);
        Assert.Equal([payment.DisbursementId], orders.Select(o => o.DisbursementId));
        Assert.Equal((1, RequestAmount / 2, "doc-os"), (orders[0].Tranche, orders[0].Amount, orders[0].EvidenceDocumentId));
        Assert.Equal(RequestAmount / 2, position.Disbursed);
        Assert.Equal([payment.DisbursementId], position.Disbursements.Keys);
    }

    [Fact]
    public async Task ReservationRights_AfterClosure_EachCallerSeesWhatItMay()
    {
        await StartAsync(lineAmount: 10 * RequestAmount);
        var submitted = await ApproveAsync(rights: new { count = 9, kind = "SingleRight", durationYears = 25 });
        var planned = await RightsAsync(LandlordKey, $"?requestId={submitted.RequestId}");
        await PostAsync($"/api/requests/{submitted.RequestId}/milestones", new { kind = "WorksStarted", date = SampleRequests.Today, evidenceDocumentId = await DocumentsApiTests.UploadEvidenceAsync(Client, submitted.RequestId, "WorksStartOrder") }, HttpStatusCode.Accepted);
        await WaitForStatusAsync(submitted.RequestId, RequestState.Disbursing);
        await PostAsync($"/api/requests/{submitted.RequestId}/milestones", new { kind = "Completion", date = SampleRequests.Today, evidenceDocumentId = await DocumentsApiTests.UploadEvidenceAsync(Client, submitted.RequestId, "CompletionDeclaration") }, HttpStatusCode.Accepted);
        await WaitForStatusAsync(submitted.RequestId, RequestState.Closed);

        var own = await RightsAsync(LandlordKey, $"?requestId={submitted.RequestId}");
        using var landlord = new HttpClient(_factory!.Server.CreateHandler()) { BaseAddress = Client.BaseAddress };
        landlord.DefaultRequestHeaders.Add("X-Api-Key", LandlordKey);
        var wire = await landlord.GetStringAsync(new Uri($"/api/reservation-rights?requestId={submitted.RequestId}", UriKind.Relative));
        var other = await RightsAsync(OtherLandlordKey, $"?requestId={submitted.RequestId}");
        var reviewer = await RightsAsync(ReviewerKey, $"?landlordId=123456782&requestId={submitted.RequestId}");
        using var unauthenticated = await new HttpClient(_factory!.Server.CreateHandler()) { BaseAddress = Client.BaseAddress }.GetAsync(new Uri("/api/reservation-rights", UriKind.Relative));

        Assert.Equal(ReservationRightStatus.Planned, Assert.Single(planned.Items).Status);
        var right = Assert.Single(own.Items);
        Assert.Equal((9, ReservationRightKind.SingleRight, 25, ReservationRightStatus.Assigned), (right.Count, right.Kind, right.DurationYears, right.Status));
        var today = DateOnly.Parse(SampleRequests.Today, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((today, today.AddYears(25)), (right.StartDate, right.EndDate));
        Assert.Equal(9, own.TotalRights);
        // As the README documents them, and as every other answer writes enums: names, not numbers.
        Assert.Contains("\"kind\":\"SingleRight\"", wire, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Assigned\"", wire, StringComparison.Ordinal);
        Assert.Empty(other.Items);
        Assert.Equal(right, Assert.Single(reviewer.Items));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    public static TheoryData<string, string, string[]> BadInputs()
    {
        var valid = JsonSerializer.SerializeToNode(Request(), PartenariatJson.Options)!;
        string With(Action<System.Text.Json.Nodes.JsonNode> change)
        {
            var copy = valid.DeepClone();
            change(copy);
            return copy.ToJsonString();
        }

        return new TheoryData<string, string, string[]>
        {
            { "malformed JSON", "{\"operation\": {\"name\": ", ["$"] },
            { "missing fields", "{}", ["operation", "requestedLines", "conventionId", "envelopeLineId"] },
            { "unknown commune", With(n => n["operation"]!["municipality"] = "Paris"), ["operation.municipality"] },
            { "negative amounts", With(n => { n["operation"]!["totalCostExcludingTax"] = -1; n["requestedLines"]![0]!["amount"] = -300000; }), ["operation.totalCostExcludingTax", "requestedLines[0].amount"] },
            { "financing plan that does not add up", With(n => n["operation"]!["financingPlan"]![0]!["amount"] = 1), ["operation.financingPlan"] },
        };
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Submit_BadInput_Answers400NamingEachFieldAndChangesNothing(string name, string body, string[] fields)
    {
        await StartAsync(lineAmount: 10 * RequestAmount);
        var before = await StateAsync();

        using var response = await SubmitRawAsync(body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {response.StatusCode} {text}");
        using var problem = JsonDocument.Parse(text);
        Assert.StartsWith("urn:partenariat:problems:", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        if (fields is not ["$"])
        {
            var errors = problem.RootElement.GetProperty("errors");
            Assert.All(fields, f => Assert.True(errors.TryGetProperty(f, out _), $"{name}: no error for '{f}' in {text}"));
        }

        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task Submit_SameIdempotencyKeyAnotherBody_Answers409AndChangesNothing()
    {
        await StartAsync(lineAmount: 10 * RequestAmount);
        var key = Guid.NewGuid().ToString();
        var first = await SubmitAsync(Request(), key);
        await WaitForStatusAsync(first.RequestId, RequestState.PendingCommittee);
        var before = await StateAsync();

        using var response = await SubmitRawAsync(JsonSerializer.Serialize(Request() with { Operation = Request().Operation! with { Name = "Another operation" } }, PartenariatJson.Options), key);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("urn:partenariat:problems:idempotency-key-reused", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task Actions_OnAnotherLandlordsRequest_Answer404AndChangeNothing()
    {
        await StartAsync(lineAmount: 10 * RequestAmount);
        var submitted = await SubmitAsync(Request());
        await WaitForStatusAsync(submitted.RequestId, RequestState.PendingCommittee);
        var before = await StateAsync();
        using var intruder = new HttpClient(_factory!.Server.CreateHandler()) { BaseAddress = Client.BaseAddress };
        intruder.DefaultRequestHeaders.Add("X-Api-Key", OtherLandlordKey);

        using var get = await intruder.GetAsync(new Uri($"/api/requests/{submitted.RequestId}", UriKind.Relative));
        using var withdraw = await intruder.PostAsJsonAsync($"/api/requests/{submitted.RequestId}/withdrawal", new { reason = "Not mine." });
        using var answer = await intruder.PostAsJsonAsync($"/api/requests/{submitted.RequestId}/information-answer", new { answer = "Not mine." });

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { get.StatusCode, withdraw.StatusCode, answer.StatusCode });
        Assert.Equal(before, await StateAsync());
        Assert.Equal(RequestState.PendingCommittee, (await GetAsync(submitted.RequestId)).Status);
    }

    internal static FinancingRequest Request() => FinancingRequestsApiTests.ValidRequest();

    private async Task StartAsync(decimal lineAmount, DateTimeOffset? closesAt = null)
    {
        // Index 0 is local.settings.json's demonstration convention; this test's convention comes next.
        var settings = SampleConventions.Settings(_conventionId, LineId, lineAmount, index: 1, closesAt);
        settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        settings["AzureFunctionsJobHost:extensions:durableTask:hubName"] = "env" + Guid.NewGuid().ToString("N")[..10];
        settings["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:01";
        settings["AzureFunctionsJobHost:logging:logLevel:DurableTask.Core"] = "Warning";
        settings["AzureFunctionsJobHost:logging:logLevel:DurableTask.AzureStorage"] = "Warning";
        _factory = new HostFactory(settings);
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", LandlordKey);

        // The app's tables are created in the background at start (StorageInitializer): wait for them.
        var storage = Services.GetRequiredService<StorageInitializer>();
        await WaitForAsync(() => Task.FromResult(storage.IsReady ? "ready" : null));
    }

    private async Task<FinancingRequestView> ApproveAsync(object? rights = null)
    {
        var submitted = await SubmitAsync(Request());
        await WaitForStatusAsync(submitted.RequestId, RequestState.PendingCommittee);
        var decision = JsonSerializer.SerializeToNode(new CommitteeDecisionMessage { RequestId = submitted.RequestId, Outcome = CommitteeOutcome.Approved, Reviewer = "Mme Martin" }, PartenariatJson.Options)!;
        if (rights is not null)
        {
            decision["rights"] = JsonSerializer.SerializeToNode(rights);
        }

        var result = await Services.GetRequiredService<CommitteeDecisionHandler>().HandleAsync(decision.ToJsonString(), Services.GetRequiredService<DurableTaskClient>());
        Assert.True(result.Applied, result.Reason);
        await WaitForStatusAsync(submitted.RequestId, RequestState.Approved);
        return submitted;
    }

    private async Task DecideAsync(CommitteeDecisionMessage decision)
    {
        var result = await Services.GetRequiredService<CommitteeDecisionHandler>().HandleAsync(JsonSerializer.Serialize(decision, PartenariatJson.Options), Services.GetRequiredService<DurableTaskClient>());
        Assert.True(result.Applied, result.Reason);
    }

    private async Task<FinancingRequestView> SubmitAsync(FinancingRequest body, string? idempotencyKey = null)
    {
        using var response = await SubmitRawAsync(JsonSerializer.Serialize(body with { ConventionId = _conventionId }, PartenariatJson.Options), idempotencyKey);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        return JsonSerializer.Deserialize<FinancingRequestView>(text, PartenariatJson.Options)!;
    }

    private async Task<HttpResponseMessage> SubmitRawAsync(string body, string? idempotencyKey = null)
    {
        body = body.Replace("\"local-demo-2026-2027\"", $"\"{_conventionId}\"", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/requests") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Client.SendAsync(request);
    }

    private async Task PostAsync(string path, object body, HttpStatusCode expected)
    {
        using var response = await Client.PostAsJsonAsync(path, body, PartenariatJson.Options);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<FinancingRequestView> GetAsync(string requestId) =>
        (await Client.GetFromJsonAsync<FinancingRequestView>($"/api/requests/{requestId}", PartenariatJson.Options))!;

    private async Task<EnvelopeLineState> LineStateAsync()
    {
        var envelopes = await Client.GetFromJsonAsync<EnvelopesView>("/api/envelopes", PartenariatJson.Options);
        return envelopes!.Lines.Single(l => l.ConventionId == _conventionId && l.LineId == LineId);
    }

    private async Task<ReservationRightsPage> RightsAsync(string key, string query)
    {
        using var caller = new HttpClient(_factory!.Server.CreateHandler()) { BaseAddress = Client.BaseAddress };
        caller.DefaultRequestHeaders.Add("X-Api-Key", key);
        return (await caller.GetFromJsonAsync<ReservationRightsPage>("/api/reservation-rights" + query, PartenariatJson.Options))!;
    }

    private Task<IReadOnlyList<FinancingRequestView>> ListByStatusAsync(RequestState status) =>
        Services.GetRequiredService<FinancingRequestStore>().ListByStatusAsync(status, new EnvelopeLineKey(_conventionId, LineId));

    private Task<IReadOnlyList<PaymentOrder>> PaymentOrdersAsync(string requestId) =>
        Services.GetRequiredService<EnvelopeLedgerStore>().GetPaymentOrdersAsync(_conventionId, LineId, requestId);

    // What a bad input must not change: the line's ledger and every request on it, with its status and step.
    private async Task<string> StateAsync()
    {
        var line = await LineStateAsync();
        var views = new List<string>();
        foreach (var status in Enum.GetValues<RequestState>())
        {
            views.AddRange((await ListByStatusAsync(status)).Select(v => $"{v.RequestId}:{v.Status}:{v.Step}"));
        }

        return $"{line.Reserved}/{line.Committed}/{line.Remaining} " + string.Join(",", views.Order(StringComparer.Ordinal));
    }

    private Task<FinancingRequestView> WaitForStatusAsync(string requestId, RequestState status) =>
        WaitForAsync(async () => await GetAsync(requestId) is { } view && view.Status == status ? view : null, () => DescribeAsync(requestId));

    private async Task<string> DescribeAsync(string requestId)
    {
        var view = await GetAsync(requestId);
        var instance = await Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(requestId, getInputsAndOutputs: true);
        return $"request {requestId} is {view.Status}; orchestration {instance?.RuntimeStatus} {instance?.FailureDetails?.ErrorMessage}; timeline: {string.Join(", ", view.Timeline.Select(e => e.Action))}";
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, Func<Task<string>>? describe = null)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await probe() is { } found && !EqualityComparer<T>.Default.Equals(found, default))
            {
                return found;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException(describe is null ? "The condition never held." : await describe());
    }
}
