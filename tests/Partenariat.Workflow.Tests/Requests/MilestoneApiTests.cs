using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Documents;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Tests.Requests.Orchestration;

namespace Partenariat.Workflow.Tests.Requests;

/// <summary>A milestone's report through the landlords' API: its evidence checked on the request's view, on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MilestoneApiTests(AzuriteFixture azurite)
{
    private const string Evidence = "doc-0123456789abcdef01234567";

    [Fact]
    public async Task ReportMilestoneAsync_EvidenceTheViewLists_RaisedOnTheViewsWord()
    {
        var harness = await RequestsApiHarness.StartAsync(azurite);
        // Listed on the view with no blob behind it: only the view can vouch for it.
        var (requestId, _) = await harness.StoreAsync(RequestState.Approved, [new RequestDocument(Evidence, DocumentKind.WorksStartOrder, 1_000)]);
        var client = new RecordingDurableClient();

        var answer = await harness.Api.ReportMilestoneAsync(harness.Post($"/api/requests/{requestId}/milestones", Body("WorksStarted", Evidence)), requestId, client);

        Assert.Equal(StatusCodes.Status202Accepted, RequestsApiHarness.StatusOf(answer));
        var milestone = Assert.IsType<RequestEvent>(Assert.Single(client.Raised).Payload).Milestone!;
        Assert.Equal((MilestoneKind.WorksStarted, Evidence), (milestone.Kind, milestone.EvidenceDocumentId));
    }

    [Theory]
    [InlineData("WorksStarted", DocumentKind.SitePlan, "WorksStartOrder")]
    [InlineData("WorksStarted", DocumentKind.CompletionDeclaration, "WorksStartOrder")]
    [InlineData("Completion", DocumentKind.WorksStartOrder, "CompletionDeclaration")]
    public async Task ReportMilestoneAsync_EvidenceOfAnotherKind_Answers400NamingTheKindItNeedsAndRaisesNothing(string kind, DocumentKind listed, string needed)
    {
        var harness = await RequestsApiHarness.StartAsync(azurite);
        var (requestId, _) = await harness.StoreAsync(RequestState.Disbursing, [new RequestDocument(Evidence, listed, 1_000)]);
        var client = new RecordingDurableClient();

        var answer = await harness.Api.ReportMilestoneAsync(harness.Post($"/api/requests/{requestId}/milestones", Body(kind, Evidence)), requestId, client);

        var problem = Assert.IsType<HttpValidationProblemDetails>(Assert.IsType<ProblemHttpResult>(answer).ProblemDetails);
        var message = Assert.Single(problem.Errors["evidenceDocumentId"]);
        Assert.Contains($"is a {listed}, and {kind} needs a {needed}", message, StringComparison.Ordinal);
        Assert.Contains($"documents?kind={needed}", message, StringComparison.Ordinal);
        Assert.Empty(client.Raised);
    }

    [Fact]
    public async Task ReportMilestoneAsync_EvidenceNeitherListedNorStored_Answers400AndRaisesNothing()
    {
        var harness = await RequestsApiHarness.StartAsync(azurite);
        var (requestId, _) = await harness.StoreAsync(RequestState.Approved);
        var client = new RecordingDurableClient();

        var answer = await harness.Api.ReportMilestoneAsync(harness.Post($"/api/requests/{requestId}/milestones", Body("WorksStarted", Evidence)), requestId, client);

        var problem = Assert.IsType<HttpValidationProblemDetails>(Assert.IsType<ProblemHttpResult>(answer).ProblemDetails);
        Assert.StartsWith($"Request '{requestId}' has no document '{Evidence}'", Assert.Single(problem.Errors["evidenceDocumentId"]), StringComparison.Ordinal);
        Assert.Empty(client.Raised);
    }

    private static string Body(string kind, string evidence) =>
        JsonSerializer.Serialize(new { kind, date = RequestLifeScript.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), evidenceDocumentId = evidence });
}
