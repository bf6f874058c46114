using System.Net;
using System.Text.Json;
using Partenariat.EndToEnd.Tests.Hosts;
using Partenariat.Testing;

namespace Partenariat.EndToEnd.Tests.Committee;

/// <summary>
/// The committee through the real <c>committee-decisions</c> queue, on either host: decisions put on
/// the queue with the Azure SDK (plain JSON, as host.json's <c>messageEncoding: none</c> says) reach
/// the request; poison decisions end on <c>committee-decisions-poison</c> with their reason, change
/// nothing, and operators see them; reviewers list what awaits them; operators cancel an approval.
/// </summary>
public abstract class CommitteeQueueTests(HostFixture fixture) : RequestsApiTest(fixture)
{
    [SkippableFact]
    public async Task Decision_ApprovalOnTheQueue_ApprovesTheRequest()
    {
        var requestId = await PendingRequestAsync();

        await SendDecisionAsync(new { requestId, outcome = "Approved", approvedAmount = 400_000, reviewer = "Mme Martin" });
        var approved = await WaitForRequestAsync(requestId, "Approved");

        var decision = approved.GetProperty("decision");
        Assert.Equal(400_000m, decision.GetProperty("approvedAmount").GetDecimal());
        Assert.True(decision.GetProperty("isReducedApproval").GetBoolean());
        Assert.Equal("Mme Martin", decision.GetProperty("reviewer").GetString());
    }

    [SkippableFact]
    public async Task Decision_RejectionOnTheQueue_RejectsTheRequest()
    {
        var requestId = await PendingRequestAsync();

        await SendDecisionAsync(new { requestId, outcome = "Rejected", reason = "Operation outside the convention's priorities.", reviewer = "M. Durand" });
        var rejected = await WaitForRequestAsync(requestId, "Rejected");

        Assert.Equal("Rejected", rejected.GetProperty("decision").GetProperty("outcome").GetString());
        Assert.Equal("Operation outside the convention's priorities.", rejected.GetProperty("decision").GetProperty("reason").GetString());
    }

    [SkippableFact]
    public async Task Decision_UnknownRequest_GoesToPoisonWithItsReason()
    {
        var unknown = "fr-unknown-" + Guid.NewGuid().ToString("N")[..8];

        var message = await SendDecisionAsync(new { requestId = unknown, outcome = "Approved", reviewer = "Mme Martin" });
        var poison = await WaitForPoisonAsync(message);

        Assert.Contains($"No financing request '{unknown}' exists", poison.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(message, poison.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.String, poison.GetProperty("setAsideAt").ValueKind);
    }

    [SkippableFact]
    public async Task Decision_AmountAboveTheRequestedOne_GoesToPoisonAndChangesNothing()
    {
        var requestId = await PendingRequestAsync();

        var message = await SendDecisionAsync(new { requestId, outcome = "Approved", approvedAmount = 900_000, reviewer = "Mme Martin" });
        var poison = await WaitForPoisonAsync(message);

        Assert.StartsWith("The decision is not valid", poison.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var request = await GetRequestAsync(requestId);
        Assert.Equal("PendingCommittee", request.GetProperty("status").GetString());
        Assert.False(request.TryGetProperty("decision", out _));
    }

    [SkippableFact]
    public async Task Decision_MalformedJson_GoesToPoisonWithItsReason()
    {
        var message = "{ \"requestId\": \"" + Guid.NewGuid().ToString("N") + "\", \"outcome\": ";

        await SendRawDecisionAsync(message);
        var poison = await WaitForPoisonAsync(message);

        Assert.StartsWith("The message is not valid JSON of a decision", poison.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Decision_RequestNotAwaitingADecision_GoesToPoisonAndChangesNothing()
    {
        var requestId = await PendingRequestAsync();
        await SendDecisionAsync(new { requestId, outcome = "Approved", reviewer = "Mme Martin" });
        await WaitForRequestAsync(requestId, "Approved");

        var message = await SendDecisionAsync(new { requestId, outcome = "Rejected", reason = "Second thoughts.", reviewer = "M. Durand" });
        var poison = await WaitForPoisonAsync(message);

        Assert.Equal($"Request '{requestId}' is Approved, not awaiting the committee's decision.", poison.GetProperty("reason").GetString());
        var request = await GetRequestAsync(requestId);
        Assert.Equal("Approved", request.GetProperty("status").GetString());
        Assert.Equal("Approved", request.GetProperty("decision").GetProperty("outcome").GetString());
    }

    // Reviewers see the decisions set aside and why, as operators do; landlords do not.
    [SkippableTheory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(LandlordKey, HttpStatusCode.Forbidden)]
    public async Task PoisonDecisions_WithoutAReviewerOrOperatorKey_AreRefused(string? key, HttpStatusCode expected)
    {
        using var response = await SendAsync(HttpMethod.Get, "api/committee/poison-decisions", key);

        await ExpectAsync(expected, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task Pending_Reviewer_ListsTheRequestsAwaitingTheCommitteeRanked()
    {
        var requestId = await PendingRequestAsync();

        using var response = await SendAsync(HttpMethod.Get, "api/committee/pending", ReviewerKey);
        await ExpectAsync(HttpStatusCode.OK, response);
        var pending = (await ReadJsonAsync(response)).EnumerateArray().ToList();

        var mine = Assert.Single(pending, p => p.GetProperty("request").GetProperty("requestId").GetString() == requestId);
        Assert.Equal("Npnru", mine.GetProperty("priority").GetString());
        Assert.Equal(Enumerable.Range(1, pending.Count), pending.Select(p => p.GetProperty("position").GetInt32()));
        Assert.All(pending, p => Assert.Equal("PendingCommittee", p.GetProperty("request").GetProperty("status").GetString()));
    }

    [SkippableFact]
    public async Task Pending_Landlord_IsForbidden()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/committee/pending", LandlordKey);

        await ExpectAsync(HttpStatusCode.Forbidden, response);
    }

    [SkippableFact]
    public async Task Cancellation_AfterApproval_CancelsTheOperation()
    {
        var requestId = await PendingRequestAsync();
        using (var early = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/cancellation", Host.OperatorKey, """{"reason":"Too early."}"""))
        {
            await ExpectAsync(HttpStatusCode.Conflict, early);
            Assert.Contains("only an approved operation", (await ReadJsonAsync(early)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await SendDecisionAsync(new { requestId, outcome = "Approved", reviewer = "Mme Martin" });
        await WaitForRequestAsync(requestId, "Approved");
        using var cancelled = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/cancellation", Host.OperatorKey, """{"reason":"The landlord abandoned the operation."}""");
        await ExpectAsync(HttpStatusCode.Accepted, cancelled);
        var request = await WaitForRequestAsync(requestId, "Cancelled");

        Assert.Contains(request.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("action").GetString() == "Cancelled" && e.GetProperty("actor").GetString() == "operator");
    }

    [SkippableFact]
    public async Task Cancellation_ByALandlord_IsForbiddenAndRaisesNothing()
    {
        var requestId = await PendingRequestAsync();

        using var response = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/cancellation", LandlordKey, """{"reason":"Mine."}""");
        await ExpectAsync(HttpStatusCode.Forbidden, response);
        // The request's events are handled in order: once the approval sent after it shows, a
        // cancellation raised by the refused call would show before it (refused or applied).
        await SendDecisionAsync(new { requestId, outcome = "Approved", reviewer = "Mme Martin" });
        var approved = await WaitForRequestAsync(requestId, "Approved");

        Assert.Equal(["SentToCommittee", "Approved"], Actions(approved).TakeLast(2));
        Assert.DoesNotContain(Actions(approved), a => a is "Cancelled" or "EventRefused");
    }

    private async Task<string> PendingRequestAsync()
    {
        var requestId = await SubmitAsync();
        await WaitForRequestAsync(requestId, "PendingCommittee");
        return requestId;
    }

    private async Task<JsonElement> WaitForPoisonAsync(string message)
    {
        JsonElement? listed = null;
        return await Eventually.UntilAsync(
            async () =>
            {
                using var response = await SendAsync(HttpMethod.Get, "api/committee/poison-decisions", Host.OperatorKey);
                await ExpectAsync(HttpStatusCode.OK, response);
                listed = await ReadJsonAsync(response);
                return listed.Value.EnumerateArray().Where(p => p.GetProperty("message").GetString() == message).Select(p => (JsonElement?)p).FirstOrDefault();
            },
            Patience,
            () => Task.FromResult($"the message to reach the poison list: {message}; last list: {listed}{Environment.NewLine}{HostOutputTail()}"));
    }
}

[Collection(SelfContainedHostCollection.Name)]
public sealed class SelfContainedHostCommitteeQueueTests(SelfContainedHostFixture fixture) : CommitteeQueueTests(fixture);

[Collection(FunctionsHostCollection.Name)]
public sealed class FunctionsHostCommitteeQueueTests(FunctionsHostFixture fixture) : CommitteeQueueTests(fixture);
