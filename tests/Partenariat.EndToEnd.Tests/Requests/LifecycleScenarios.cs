using System.Net;
using System.Text.Json;
using Partenariat.EndToEnd.Tests.Hosts;
using Partenariat.Testing;

namespace Partenariat.EndToEnd.Tests.Requests;

/// <summary>
/// A financing request's life on both hosts, through HTTP and the real committee queue: the whole
/// life to closed, information requested then answered or never answered, withdrawal, the
/// waitlist then its release, expiry at the period's close.
/// </summary>
public abstract class LifecycleScenarios(HostFixture fixture) : RequestsApiTest(fixture)
{
    /// <summary>A configured period whose only line holds one sample request (500 k€).</summary>
    public const string SmallLineConvention = "e2e-small-line";

    /// <summary>A configured period that closes 20 s after the host starts.</summary>
    public const string ClosingConvention = "e2e-closing";

    /// <summary>A line of its own for the termination scenario: one sample request's worth.</summary>
    public const string TerminationConvention = "e2e-termination";

    [SkippableFact]
    public async Task Request_WholeLife_ReachesClosedWithTranchesPaidAndRightsAssigned()
    {
        var requestId = await SubmitAsync();
        await WaitForRequestAsync(requestId, "PendingCommittee");

        await SendDecisionAsync(new { requestId, outcome = "Approved", reviewer = "Mme Martin", rights = new { count = 3, kind = "RecurringRight", durationYears = 30 } });
        await WaitForRequestAsync(requestId, "Approved");
        await ReportMilestoneAsync(requestId, "WorksStarted", Partenariat.Testing.SampleRequests.Today, "WorksStartOrder");
        await WaitForRequestAsync(requestId, "Disbursing");
        // The completion's evidence uploaded with the milestone it proves, in one call.
        await ReportMilestoneWithItsEvidenceAsync(requestId, "Completion", Partenariat.Testing.SampleRequests.Today, "CompletionDeclaration");
        var closed = await WaitForRequestAsync(requestId, "Closed");

        Assert.Equal([250_000m, 250_000m], closed.GetProperty("tranches").EnumerateArray().Select(t => t.GetProperty("paid").GetDecimal()));
        var rights = closed.GetProperty("reservationRights");
        Assert.Equal("Assigned", rights.GetProperty("status").GetString());
        Assert.Equal(3, rights.GetProperty("count").GetInt32());
        Assert.Equal(Partenariat.Testing.SampleRequests.Today, rights.GetProperty("startDate").GetString());
        Assert.Equal(
            ["Submitted", "ReviewStarted", "CreditReserved", "SentToCommittee", "Approved", "TranchePaid", "TranchePaid", "Disbursed", "RightsAssigned", "Closed"],
            Actions(closed).Where(a => a != "DocumentUploaded"));
        Assert.Equal(2, Actions(closed).Count(a => a == "DocumentUploaded"));
    }

    [SkippableFact]
    public async Task InformationRequest_Answered_GoesBackToTheCommittee()
    {
        var requestId = await SubmitAsync();
        await WaitForRequestAsync(requestId, "PendingCommittee");
        await SendDecisionAsync(new { requestId, outcome = "InformationRequested", question = "Send the building permit.", reviewer = "Mme Martin" });
        await WaitForRequestAsync(requestId, "InformationRequested");

        using var answer = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/information-answer", LandlordKey, """{"answer":"Permit PC-021-2026-12."}""");
        await ExpectAsync(HttpStatusCode.Accepted, answer);
        var pending = await WaitForRequestAsync(requestId, "PendingCommittee");

        Assert.Equal("Permit PC-021-2026-12.", pending.GetProperty("informationRequest").GetProperty("answer").GetString());
        Assert.Equal(2, pending.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("action").GetString() == "SentToCommittee"));
    }

    [SkippableFact]
    public async Task InformationRequest_NeverAnswered_ClosesWithoutFollowUp()
    {
        var requestId = await SubmitAsync();
        await WaitForRequestAsync(requestId, "PendingCommittee");

        await SendDecisionAsync(new { requestId, outcome = "InformationRequested", question = "Send the site plan.", reviewer = "Mme Martin" });
        var closed = await WaitForRequestAsync(requestId, "ClosedWithoutFollowUp");

        Assert.Equal("Send the site plan.", closed.GetProperty("informationRequest").GetProperty("question").GetString());
    }

    [SkippableFact]
    public async Task Withdrawal_BeforeTheDecision_EndsWithdrawnAndALaterOneIsRefused()
    {
        var requestId = await SubmitAsync();
        await WaitForRequestAsync(requestId, "PendingCommittee");

        using var withdrawal = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/withdrawal", LandlordKey, """{"reason":"Operation abandoned."}""");
        await ExpectAsync(HttpStatusCode.Accepted, withdrawal);
        await WaitForRequestAsync(requestId, "Withdrawn");
        using var again = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/withdrawal", LandlordKey, """{"reason":"again"}""");

        await ExpectAsync(HttpStatusCode.Conflict, again);
    }

    [SkippableFact]
    public async Task Waitlist_CreditReleased_TheWaitlistedRequestGoesToTheCommittee()
    {
        var first = await SubmitAsync(SmallLineConvention);
        await WaitForRequestAsync(first, "PendingCommittee");
        var second = await SubmitAsync(SmallLineConvention);
        await WaitForRequestAsync(second, "Waitlisted");

        using var withdrawal = await SendAsync(HttpMethod.Post, $"api/requests/{first}/withdrawal", LandlordKey, """{"reason":"Making room."}""");
        await ExpectAsync(HttpStatusCode.Accepted, withdrawal);
        var released = await WaitForRequestAsync(second, "PendingCommittee");

        Assert.Equal(["Waitlisted", "LeftWaitlist", "CreditReserved", "SentToCommittee"], Actions(released).SkipWhile(a => a != "Waitlisted"));
        var line = await LineAsync(SmallLineConvention);
        Assert.Equal((500_000m, 0m), (line.GetProperty("reserved").GetDecimal(), line.GetProperty("remaining").GetDecimal()));
    }

    [SkippableFact]
    public async Task PeriodClose_UncommittedRequest_ExpiresAndTheLineLapses()
    {
        var requestId = await SubmitAsync(ClosingConvention);

        var expired = await WaitForRequestAsync(requestId, "Expired", TimeSpan.FromSeconds(90));

        Assert.Equal("Expired", Actions(expired)[^1]);
        var lapsed = await Eventually.UntilAsync(
            async () => await LineAsync(ClosingConvention) is var line && line.GetProperty("lapsed").GetDecimal() > 0m ? line : (JsonElement?)null,
            Patience,
            async () => $"the line of '{ClosingConvention}' to lapse; it is {await LineAsync(ClosingConvention)}");
        Assert.Equal(0m, lapsed.GetProperty("remaining").GetDecimal());
    }

    [Fact]
    public async Task Request_TerminatedThroughTheWebhooks_EndsFailedAndItsCreditIsReleased()
    {
        var requestId = await SubmitAsync(TerminationConvention);
        await WaitForRequestAsync(requestId, "PendingCommittee");

        using var terminate = await Client.PostAsync(Webhook($"instances/{requestId}/terminate", "reason=abandoned"), null);

        await ExpectAsync(HttpStatusCode.Accepted, terminate);
        // The self-contained host compensates as it terminates; the Functions host's webhooks are the
        // runtime's own, so there the reconciler's pass does it: ask for passes while waiting.
        var failed = await Eventually.UntilAsync(
            async () =>
            {
                using var pass = await SendAsync(HttpMethod.Post, "api/operations/reconciliation", Host.OperatorKey);
                await ExpectAsync(HttpStatusCode.OK, pass);
                return await GetRequestAsync(requestId) is var request && request.GetProperty("status").GetString() == "Failed" ? request : (JsonElement?)null;
            },
            Patience,
            async () => $"request {requestId} to fail once terminated; it is {(await GetRequestAsync(requestId)).GetProperty("status")}");
        Assert.Equal("Failed", Actions(failed)[^1]);
        var line = await LineAsync(TerminationConvention);
        Assert.Equal((0m, 500_000m), (line.GetProperty("reserved").GetDecimal(), line.GetProperty("remaining").GetDecimal()));
    }

    private async Task<JsonElement> LineAsync(string conventionId)
    {
        using var response = await SendAsync(HttpMethod.Get, "api/envelopes", LandlordKey);
        await ExpectAsync(HttpStatusCode.OK, response);
        return (await ReadJsonAsync(response)).GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("conventionId").GetString() == conventionId);
    }
}

[Collection(SelfContainedHostCollection.Name)]
public sealed class SelfContainedHostLifecycleScenarios(SelfContainedHostFixture fixture) : LifecycleScenarios(fixture);

[Collection(FunctionsHostCollection.Name)]
public sealed class FunctionsHostLifecycleScenarios(FunctionsHostFixture fixture) : LifecycleScenarios(fixture);
