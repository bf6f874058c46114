using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Documents;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Tests.Requests;
using Partenariat.Workflow.Tests.Requests.Orchestration;

namespace Partenariat.Workflow.Tests.Documents;

/// <summary>A milestone's evidence uploaded with the milestone it proves (one call), on Azurite: checked before anything is stored.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EvidenceUploadTests(AzuriteFixture azurite)
{
    private static readonly string Today = RequestLifeScript.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task UploadAsync_EvidenceWithItsMilestone_ListsTheDocumentAndRaisesTheMilestoneOnIt()
    {
        var harness = await RequestsApiHarness.StartAsync(azurite);
        var (requestId, _) = await harness.StoreAsync(RequestState.Approved);
        var client = new RecordingDurableClient();

        var answer = await harness.DocumentsApi.UploadAsync(
            harness.Upload($"/api/requests/{requestId}/documents?kind=WorksStartOrder&fileName=os.pdf&milestone=WorksStarted&milestoneDate={Today}"), requestId, client);

        var created = Assert.IsType<ApiResults.JsonResult<SupportingDocument>>(answer);
        Assert.Equal(StatusCodes.Status201Created, created.StatusCode);
        var raised = Assert.Single(client.Raised);
        Assert.Equal(requestId, raised.InstanceId);
        var milestone = Assert.IsType<RequestEvent>(raised.Payload).Milestone!;
        Assert.Equal((MilestoneKind.WorksStarted, DateOnly.FromDateTime(RequestLifeScript.Start), created.Value!.DocumentId), (milestone.Kind, milestone.Date, milestone.EvidenceDocumentId));
        var view = (await harness.Requests.GetAsync(harness.Landlord, requestId))!;
        Assert.Equal((created.Value.DocumentId, DocumentKind.WorksStartOrder), (Assert.Single(view.Documents!).DocumentId, view.Documents![0].Kind));
    }

    [Fact]
    public async Task UploadAsync_MilestoneWithAnotherKindOfDocument_Answers400NamingTheKindNeededAndStoresNothing()
    {
        var harness = await RequestsApiHarness.StartAsync(azurite);
        var (requestId, _) = await harness.StoreAsync(RequestState.Disbursing);
        var client = new RecordingDurableClient();

        var answer = await harness.DocumentsApi.UploadAsync(
            harness.Upload($"/api/requests/{requestId}/documents?kind=SitePlan&milestone=Completion&milestoneDate={Today}"), requestId, client);

        var problem = Assert.IsType<HttpValidationProblemDetails>(Assert.IsType<ProblemHttpResult>(answer).ProblemDetails);
        Assert.Contains("proven by a CompletionDeclaration, not a SitePlan: upload it with ?kind=CompletionDeclaration", Assert.Single(problem.Errors["kind"]), StringComparison.Ordinal);
        await AssertNothingStoredAsync(harness, requestId, client);
    }

    [Theory]
    [InlineData("milestone=Started&milestoneDate={today}", "milestone", "'Started' is not a milestone: use one of WorksStarted, Completion")]
    [InlineData("milestone=1&milestoneDate={today}", "milestone", "'1' is not a milestone")]
    [InlineData("milestone=WorksStarted", "milestoneDate", "Give the milestone's date")]
    [InlineData("milestoneDate={today}", "milestone", "Give the milestone")]
    [InlineData("milestone=WorksStarted&milestoneDate=01/06/2026", "milestoneDate", "'01/06/2026' is not a date: give the milestone's date as yyyy-mm-dd")]
    [InlineData("milestone=WorksStarted&milestoneDate={tomorrow}", "milestoneDate", "is after today")]
    [InlineData("milestone=WorksStarted&milestoneDate={yesterday}", "milestoneDate", "is before the request was submitted")]
    public async Task UploadAsync_MilestoneAtFault_Answers400NamingTheFieldAndStoresNothing(string query, string field, string message)
    {
        var harness = await RequestsApiHarness.StartAsync(azurite);
        var (requestId, _) = await harness.StoreAsync(RequestState.Approved);
        var client = new RecordingDurableClient();
        var day = DateOnly.FromDateTime(RequestLifeScript.Start);
        query = query.Replace("{today}", Today, StringComparison.Ordinal)
            .Replace("{tomorrow}", day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{yesterday}", day.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var answer = await harness.DocumentsApi.UploadAsync(harness.Upload($"/api/requests/{requestId}/documents?kind=WorksStartOrder&{query}"), requestId, client);

        var problem = Assert.IsType<HttpValidationProblemDetails>(Assert.IsType<ProblemHttpResult>(answer).ProblemDetails);
        Assert.Contains(message, Assert.Single(problem.Errors[field]), StringComparison.Ordinal);
        await AssertNothingStoredAsync(harness, requestId, client);
    }

    [Fact]
    public async Task UploadAsync_MilestoneTheRequestDoesNotTakeNow_Answers409AndStoresNothing()
    {
        var harness = await RequestsApiHarness.StartAsync(azurite);
        var (requestId, _) = await harness.StoreAsync(RequestState.PendingCommittee);
        var client = new RecordingDurableClient();

        var answer = await harness.DocumentsApi.UploadAsync(
            harness.Upload($"/api/requests/{requestId}/documents?kind=WorksStartOrder&milestone=WorksStarted&milestoneDate={Today}"), requestId, client);

        Assert.Equal(StatusCodes.Status409Conflict, RequestsApiHarness.StatusOf(answer));
        await AssertNothingStoredAsync(harness, requestId, client);
    }

    private static async Task AssertNothingStoredAsync(RequestsApiHarness harness, string requestId, RecordingDurableClient client)
    {
        Assert.Empty(client.Raised);
        Assert.Empty(await harness.Documents.ListAsync(harness.Landlord, requestId));
        Assert.Empty((await harness.Requests.GetAsync(harness.Landlord, requestId))!.Documents ?? []);
    }
}
