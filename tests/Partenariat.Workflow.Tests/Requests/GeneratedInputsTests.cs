using System.Text.Json;
using CsCheck;
using Xunit.Abstractions;
using Partenariat.Domain.Common;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Documents;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Requests.Orchestration;
using Partenariat.Workflow.Storage;
using Partenariat.Workflow.Tests.Requests.Orchestration;

namespace Partenariat.Workflow.Tests.Requests;

/// <summary>
/// Thousands of generated inputs through the landlords' API and the committee's queue handler, as
/// both hosts call them, on Azurite: no answer is a 500 (no exception escapes), a refusal stores
/// and starts nothing, and every orchestration started, every event raised, carries values the
/// request's orchestration runs on to its end without throwing (each is run on a scripted context,
/// through an approval and both milestones).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class GeneratedInputsTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(RequestLifeScript.Start);

    [Fact]
    public async Task SubmitAsync_GeneratedBodies_NoServerErrorNothingStoredWhenRefusedAndEveryStartRunsToItsEnd()
    {
        var harness = await RequestsApiHarness.StartAsync(azurite);
        var (accepted, refused) = (0, 0);

        await GeneratedInputs.Submissions().SampleAsync(
            async body =>
            {
                var client = new RecordingDurableClient();
                var answer = RequestsApiHarness.StatusOf(await harness.Api.SubmitAsync(harness.Post("/api/requests", body), client));

                Assert.Contains(answer, new[] { 202, 400, 413 });
                if (answer != 202)
                {
                    Assert.Empty(client.Started);
                    refused++;
                    return;
                }

                accepted++;
                var input = Assert.IsType<FinancingRequestInput>(Assert.Single(client.Started).Input);
                RunToClosed(input.Request, approvedShare: accepted % 7 == 0 ? 0.0000001m : 1m - (accepted % 5 / 10m));
            },
            iter: 2_000,
            threads: 1,
            print: Shorten);

        output.WriteLine($"{accepted} accepted, {refused} refused");
        Assert.Equal(accepted, await harness.CountStoredAsync());
        Assert.True(accepted > 200, $"Only {accepted} generated submissions were accepted.");
        Assert.True(refused > 500, $"Only {refused} generated submissions were refused.");
    }

    [Fact]
    public async Task HandleAsync_GeneratedDecisionMessages_NoExceptionNothingRaisedWhenSetAsideAndEveryDecisionRunsToItsEnd()
    {
        var harness = await RequestsApiHarness.StartAsync(azurite);
        var requestId = RequestIds.New(harness.Landlord);
        var request = SampleRequests.Valid() with { RequestId = requestId, SubmittedAt = RequestLifeScript.Start };
        await harness.Requests.TryAddAsync(SampleViews.Of(harness.Landlord, requestId, RequestState.PendingCommittee, request, submittedAt: RequestLifeScript.Start) with { Round = 1 });
        var (raised, setAside) = (0, 0);

        await GeneratedInputs.Decisions(requestId).SampleAsync(
            async message =>
            {
                var client = new RecordingDurableClient();
                var handling = await harness.Handler.HandleAsync(message, client);
                if (!handling.Applied)
                {
                    Assert.Empty(client.Raised);
                    Assert.False(string.IsNullOrWhiteSpace(handling.Reason));
                    Assert.DoesNotContain("System.", handling.Reason, StringComparison.Ordinal);
                    setAside++;
                    return;
                }

                raised++;
                var script = new RequestLifeScript(requestId, request).Run();
                script.Raise(Assert.IsType<RequestEvent>(Assert.Single(client.Raised).Payload));
                Assert.DoesNotContain(TimelineAction.DecisionRefused, script.Actions);
                if (script.View.Status == RequestState.Approved)
                {
                    Milestones(script);
                    Assert.Equal(RequestState.Closed, script.View.Status);
                    Assert.True(script.View.ReservationRights?.Count is null or <= 10, "never more rights than the operation's ten dwellings");
                }
            },
            iter: 1_000,
            threads: 1,
            print: Shorten);

        await harness.Queues.GetQueueClient(StorageNames.CommitteeDecisionsPoisonQueue).ClearMessagesAsync();
        output.WriteLine($"{raised} raised, {setAside} set aside");
        Assert.True(raised > 100, $"Only {raised} generated decisions were raised.");
        Assert.True(setAside > 300, $"Only {setAside} generated decisions were set aside.");
    }

    [Fact]
    public async Task ReportMilestoneAsync_GeneratedBodies_NoServerErrorAndEveryRaisedMilestoneRunsToItsEnd()
    {
        var harness = await RequestsApiHarness.StartAsync(azurite);
        var (requestId, request) = await harness.StoreAsync(RequestState.Approved);
        var evidence = Assert.IsType<UploadOutcome.Stored>(await harness.Documents.UploadAsync(
            harness.Landlord, requestId, new DocumentDescription(DocumentKind.WorksStartOrder, "os.pdf", DocumentTypes.Pdf), new MemoryStream("%PDF-1.4\n%%EOF\n"u8.ToArray()))).Document.DocumentId;
        var raised = 0;

        await GeneratedInputs.Milestones(evidence).SampleAsync(
            async body =>
            {
                var client = new RecordingDurableClient();
                var answer = RequestsApiHarness.StatusOf(await harness.Api.ReportMilestoneAsync(harness.Post($"/api/requests/{requestId}/milestones", body), requestId, client));

                // 409: a completion before the works started (the request is only approved).
                Assert.Contains(answer, new[] { 202, 400, 409, 413 });
                if (answer != 202)
                {
                    Assert.Empty(client.Raised);
                    return;
                }

                raised++;
                var milestone = Assert.IsType<RequestEvent>(Assert.Single(client.Raised).Payload).Milestone!;
                Assert.InRange(milestone.Date, Today, Today);
                var script = new RequestLifeScript(requestId, request).Run();
                script.Approve();
                script.Raise(Assert.IsType<RequestEvent>(Assert.Single(client.Raised).Payload));
                Assert.Contains(script.View.Status, new[] { RequestState.Disbursing, RequestState.Approved });
            },
            iter: 500,
            threads: 1,
            print: Shorten);

        output.WriteLine($"{raised} raised");
        Assert.True(raised > 50, $"Only {raised} generated milestones were raised.");
    }

    [Fact]
    public async Task AnswerAndWithdrawAsync_GeneratedBodies_NoServerErrorAndEveryRaisedTextIsBounded()
    {
        var harness = await RequestsApiHarness.StartAsync(azurite);
        var (asked, _) = await harness.StoreAsync(RequestState.InformationRequested);
        var (pending, _) = await harness.StoreAsync(RequestState.PendingCommittee);
        var raised = 0;

        await Gen.Select(Gen.Bool, GeneratedInputs.Texts("answer"), GeneratedInputs.Texts("reason")).SampleAsync(
            async (answering, answer, reason) =>
            {
                var client = new RecordingDurableClient();
                var result = answering
                    ? await harness.Api.AnswerAsync(harness.Post($"/api/requests/{asked}/information-answer", answer), asked, client)
                    : await harness.Api.WithdrawAsync(harness.Post($"/api/requests/{pending}/withdrawal", reason), pending, client);
                var status = RequestsApiHarness.StatusOf(result);

                Assert.Contains(status, new[] { 202, 400, 413 });
                if (status == 202)
                {
                    raised++;
                    var text = Assert.IsType<RequestEvent>(Assert.Single(client.Raised).Payload).Text;
                    Assert.True(TextRules.IsAcceptable(text, InputLimits.MaxTextLength, multiline: true), text);
                }
                else
                {
                    Assert.Empty(client.Raised);
                }
            },
            iter: 500,
            threads: 1);

        output.WriteLine($"{raised} raised");
        Assert.True(raised > 100, $"Only {raised} generated answers and withdrawals were raised.");
    }

    /// <summary>The request's life on a scripted context: approved (for a share of the amount), then both milestones on the day; it must end Closed.</summary>
    private static void RunToClosed(FinancingRequest request, decimal approvedShare)
    {
        var script = new RequestLifeScript(request.RequestId!, request).Run();
        var amount = Math.Max(0.01m, decimal.Round(request.RequestedTotal * approvedShare, 2, MidpointRounding.ToZero));
        script.Approve(amount);
        Assert.Equal(RequestState.Approved, script.View.Status);
        Milestones(script);
        Assert.Equal(RequestState.Closed, script.View.Status);
    }

    private static void Milestones(RequestLifeScript script)
    {
        script.ReportMilestone(MilestoneKind.WorksStarted, Today);
        script.ReportMilestone(MilestoneKind.Completion, Today);
    }

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";
}
