using System.Text.Json;
using Azure.Storage.Queues;
using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;
using Partenariat.Testing;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Tests.Requests.Orchestration;

namespace Partenariat.Workflow.Tests.Committee;

/// <summary>
/// The decision the committee's queue handler checks is the decision the orchestration applies:
/// generated decision messages go through the real handler (on Azurite), and each one it raises is
/// fed to the request's orchestration, which must apply it exactly, never refuse it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CommitteeDecisionParityTests(AzuriteFixture azurite)
{
    private const string RequestId = "fr-123456782-0000000000decade";

    [Fact]
    public async Task HandleAsync_AnyDecisionTheHandlerRaises_TheOrchestrationAppliesExactly()
    {
        var storage = await AppStorage.CreateAsync(azurite.ConnectionString);
        var request = new RequestLifeScript(RequestId).Request;
        // Stored as the orchestration leaves it: before the committee, in round 1.
        await storage.AddAsync(SampleViews.Of(RequestLifeScript.LandlordId, RequestId, RequestState.PendingCommittee, request, submittedAt: RequestLifeScript.Start) with { Round = 1 });
        // The handler reads its clock a day after the submission; the orchestration applies the decision a day later still.
        var handlerClock = new FakeTimeProvider(RequestLifeScript.Start.AddDays(1));
        var handler = new CommitteeDecisionHandler(storage.Requests, storage.Queues, handlerClock);
        var (raised, refused) = (0, 0);

        await Messages().SampleAsync(
            async message =>
            {
                var client = new RecordingDurableClient();
                var handling = await handler.HandleAsync(JsonSerializer.Serialize(message, PartenariatJson.Options), client);
                if (!handling.Applied)
                {
                    Assert.Empty(client.Raised);
                    refused++;
                    return;
                }

                raised++;
                var sent = Assert.IsType<RequestEvent>(Assert.Single(client.Raised).Payload);
                var script = new RequestLifeScript(RequestId).Run();
                script.AdvanceTo(RequestLifeScript.Start.AddDays(2));
                script.Raise(sent);

                var checkedDecision = CommitteeDecisions.Complete(message, request, DateOnly.FromDateTime(handlerClock.GetUtcNow().UtcDateTime));
                Assert.DoesNotContain(TimelineAction.DecisionRefused, script.Actions);
                switch (message.Outcome)
                {
                    case CommitteeOutcome.InformationRequested:
                        Assert.Equal((RequestState.InformationRequested, message.Question), (script.View.Status, script.View.InformationRequest?.Question));
                        break;
                    default:
                        var expected = CommitteeDecisions.ToGrantDecision(checkedDecision, request, DateOnly.FromDateTime(handlerClock.GetUtcNow().UtcDateTime)).Value!;
                        Assert.Equal(DecisionView.From(expected) with { Conditions = [] }, script.View.Decision! with { Conditions = [] });
                        Assert.Equal(expected.Conditions, script.View.Decision!.Conditions);
                        Assert.Equal(expected.Rights?.Count, script.View.ReservationRights?.Count);
                        Assert.Equal(message.Outcome == CommitteeOutcome.Approved ? RequestState.Approved : RequestState.Rejected, script.View.Status);
                        break;
                }
            },
            iter: 300,
            threads: 1);

        // The refused ones went to the shared poison queue: leave it as the other tests expect it.
        await storage.Queues.GetQueueClient(Workflow.Storage.StorageNames.CommitteeDecisionsPoisonQueue).ClearMessagesAsync();

        // Both sides of the property were exercised.
        Assert.True(raised > 30, $"Only {raised} generated decisions were raised.");
        Assert.True(refused > 30, $"Only {refused} generated decisions were refused.");
    }

    private static Gen<CommitteeDecisionMessage> Messages()
    {
        var submitted = DateOnly.FromDateTime(RequestLifeScript.Start);
        // Mostly decisions a reviewer would post, with every kind of mistake among them.
        var amounts = Gen.Frequency(
            (6, Gen.Int[1, 50_000].Select(i => i * 10m)),
            (1, Gen.Int[-10, 650_000].Select(i => i * 1.5m)),
            (1, Gen.OneOf(500_000m, 500_000.01m, 0m, 0.005m)));
        var rights = Gen.Select(
            Gen.Frequency((6, Gen.Int[1, 10]), (1, Gen.Int[-1, 40])), Gen.Enum<ReservationRightKind>(), Gen.Frequency((6, Gen.Int[1, 60]), (1, Gen.Int[0, 70])),
            (count, kind, years) => new RightsTerms(count, kind, years));
        var texts = Gen.Frequency((6, Gen.Const<string?>("Motif détaillé.")), (1, Gen.OneOf<string?>(null, "", "  ")));
        var reviewers = Gen.Frequency((8, Gen.Const<string?>("Mme Martin")), (1, Gen.OneOf<string?>(null, "")));
        var conditions = Gen.Frequency((6, Gen.Const((IReadOnlyList<string>?)null)), (1, Gen.OneOf<IReadOnlyList<string>?>([], ["Garantie d'emprunt"], [" "])));
        return Gen.Select(
            Gen.Enum<CommitteeOutcome>().Nullable(0.05),
            amounts.Nullable(0.4),
            rights.Null(0.5),
            Gen.Select(texts, texts),
            reviewers,
            Gen.Int[-3, 3].Select(d => submitted.AddDays(d)).Nullable(0.5),
            conditions,
            (outcome, amount, terms, reasonAndQuestion, reviewer, decidedOn, conditions) => new CommitteeDecisionMessage
            {
                RequestId = RequestId,
                DecisionId = Guid.NewGuid().ToString(),
                Round = 1,
                Outcome = outcome,
                ApprovedAmount = amount,
                Rights = terms,
                Reason = reasonAndQuestion.Item1,
                Question = reasonAndQuestion.Item2,
                Reviewer = reviewer,
                DecidedOn = decidedOn,
                Conditions = conditions,
            });
    }
}
