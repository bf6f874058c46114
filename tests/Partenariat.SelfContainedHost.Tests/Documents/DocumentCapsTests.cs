using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Documents;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;

namespace Partenariat.SelfContainedHost.Tests.Documents;

/// <summary>What a request's documents may take: a count, a total, and only while the request's life goes on.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DocumentCapsTests(AzuriteFixture azurite) : LandlordHostTest(azurite, "caps", new Dictionary<string, string?>
{
    ["Partenariat:Workflow:MaxDocumentsPerRequest"] = "2",
    ["Partenariat:Workflow:MaxDocumentBytesPerRequest"] = "1000",
})
{
    [Fact]
    public async Task Upload_PastTheRequestsDocumentCount_Answers409AndStoresNothing()
    {
        var requestId = await StoreAsync(RequestState.PendingCommittee);
        using var first = await UploadAsync(requestId, 100);
        using var second = await UploadAsync(requestId, 100);

        using var third = await UploadAsync(requestId, 100);

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Conflict], new[] { first.StatusCode, second.StatusCode, third.StatusCode });
        Assert.Equal("urn:partenariat:problems:too-many-documents", await TypeAsync(third));
        Assert.Equal(2, (await ListAsync(requestId)).Count);
    }

    [Fact]
    public async Task Upload_PastTheRequestsTotalBytes_Answers413WithTheRoomLeft()
    {
        var requestId = await StoreAsync(RequestState.PendingCommittee);
        using var first = await UploadAsync(requestId, 700);

        using var second = await UploadAsync(requestId, 301);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.RequestEntityTooLarge), (first.StatusCode, second.StatusCode));
        using var problem = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal("urn:partenariat:problems:documents-total-too-large", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(300, problem.RootElement.GetProperty("maxBytes").GetInt64());
        Assert.Single(await ListAsync(requestId));
    }

    [Fact]
    public async Task Upload_ConcurrentPastTheCount_KeepsNoMoreThanTheCap()
    {
        var requestId = await StoreAsync(RequestState.PendingCommittee);

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => UploadAsync(requestId, 50)));
        var created = answers.Count(a => a.StatusCode == HttpStatusCode.Created);
        var kept = (await ListAsync(requestId)).Count;
        // What the race left room for, taken one at a time: the request ends with exactly the cap.
        for (var filled = kept; filled < 2; filled++)
        {
            using var more = await UploadAsync(requestId, 50);
            Assert.Equal(HttpStatusCode.Created, more.StatusCode);
        }

        using var past = await UploadAsync(requestId, 50);

        Assert.Equal(5, created + answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(created, kept);
        Assert.InRange(kept, 0, 2);
        Assert.Equal(HttpStatusCode.Conflict, past.StatusCode);
        Assert.Equal(2, (await ListAsync(requestId)).Count);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task Upload_ToARequestWhoseViewListsItsDocuments_CountsTheListAndListsTheUpload()
    {
        // Listed on the view, with no blob behind them: the view is what the caps count.
        var requestId = await StoreAsync(RequestState.PendingCommittee, [new RequestDocument("doc-listed", DocumentKind.Other, 600)]);

        using var tooLarge = await UploadAsync(requestId, 401);
        using var stored = await UploadAsync(requestId, 400);
        using var tooMany = await UploadAsync(requestId, 10);

        Assert.Equal(
            (HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.Created, HttpStatusCode.Conflict),
            (tooLarge.StatusCode, stored.StatusCode, tooMany.StatusCode));
        var document = (await stored.Content.ReadFromJsonAsync<SupportingDocument>(PartenariatJson.Options))!;
        var view = await Store.GetWithTimelineAsync(Landlord, requestId);
        Assert.Equal(["doc-listed", document.DocumentId], view!.Documents!.Select(d => d.DocumentId));
        Assert.Equal((DocumentKind.Other, 400L), (view.Documents![1].Kind, view.Documents[1].Size));
        Assert.Contains(view.Timeline, e => e.Action == TimelineAction.DocumentUploaded && e.Details!.Contains(document.DocumentId, StringComparison.Ordinal));
        Assert.Equal([document.DocumentId], (await ListAsync(requestId)).Select(d => d.DocumentId));
    }

    [Fact]
    public async Task Upload_ToAViewStoredBeforeViewsListedDocuments_ListsTheStoredBlobsWithIt()
    {
        var requestId = await StoreAsync(RequestState.PendingCommittee);
        using var first = await UploadAsync(requestId, 100);
        var earlier = (await first.Content.ReadFromJsonAsync<SupportingDocument>(PartenariatJson.Options))!;
        Assert.True(await Store.ChangeAsync(Landlord, requestId, view => (view with { Documents = null }, true)));

        using var second = await UploadAsync(requestId, 100);

        var later = (await second.Content.ReadFromJsonAsync<SupportingDocument>(PartenariatJson.Options))!;
        var view = await Store.GetAsync(Landlord, requestId);
        Assert.Equal([earlier.DocumentId, later.DocumentId], view!.Documents!.Select(d => d.DocumentId));
    }

    [Theory]
    [InlineData(RequestState.Withdrawn)]
    [InlineData(RequestState.Closed)]
    [InlineData(RequestState.Rejected)]
    public async Task Upload_ToARequestWhoseLifeHasEnded_Answers409AndStoresNothing(RequestState status)
    {
        var requestId = await StoreAsync(status);

        using var response = await UploadAsync(requestId, 100);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("urn:partenariat:problems:invalid-state", await TypeAsync(response));
        Assert.Empty(await ListAsync(requestId));
    }

    private FinancingRequestStore Store => new(new TableServiceClient(StorageConnectionString));

    // Documents null: a view as stored before views listed their documents.
    private async Task<string> StoreAsync(RequestState status, IReadOnlyList<RequestDocument>? documents = null)
    {
        var store = Store;
        await store.CreateIfNotExistsAsync();
        var requestId = RequestIds.New(Landlord);
        Assert.True(await store.TryAddAsync(SampleViews.Of(Landlord, requestId, status, SampleRequests.Valid()) with { Documents = documents }));
        return requestId;
    }

    private async Task<HttpResponseMessage> UploadAsync(string requestId, int size)
    {
        var bytes = new byte[size];
        "%PDF-"u8.CopyTo(bytes);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(DocumentTypes.Pdf);
        return await Client.PostAsync(new Uri($"/api/requests/{requestId}/documents?kind=Other", UriKind.Relative), content);
    }

    private async Task<List<SupportingDocument>> ListAsync(string requestId) =>
        (await Client.GetFromJsonAsync<List<SupportingDocument>>($"/api/requests/{requestId}/documents", PartenariatJson.Options))!;

    private static async Task<string?> TypeAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("type").GetString();
    }
}
