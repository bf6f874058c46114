using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Partenariat.Testing;
using Partenariat.Workflow.Documents;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Storage;

namespace Partenariat.SelfContainedHost.Tests.Documents;

/// <summary>
/// The supporting documents' API of the self-contained host on Azurite, through HTTP: what the
/// end-to-end suite does not cover (the upload's life on both hosts, the cap, the type check and
/// another landlord's request are there).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DocumentsApiTests(AzuriteFixture azurite) : HostApiTest(azurite)
{
    public override Task InitializeAsync() => StartHostAsync("doc");

    [Fact]
    public async Task Upload_FileNameInContentDisposition_IsKept()
    {
        var requestId = await SubmitAsync();
        using var content = new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = "façade.jpg" };

        using var created = await Client.PostAsync(new Uri($"/api/requests/{requestId}/documents?kind=SitePlan", UriKind.Relative), content);

        Assert.Equal("façade.jpg", (await ReadAsync<SupportingDocument>(created, HttpStatusCode.Created)).FileName);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task Upload_TypeNotAccepted_Answers415(string? contentType)
    {
        var requestId = await SubmitAsync();

        using var response = await UploadAsync(requestId, SampleDocuments.Pdf(100), contentType, "?kind=Other");

        var problem = await ReadAsync<JsonElement>(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("urn:partenariat:problems:unsupported-media-type", problem.GetProperty("type").GetString());
        await AssertNothingStoredAsync(requestId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?kind=Photo")]
    [InlineData("?kind=3")]
    public async Task Upload_MissingOrUnknownKind_Answers400(string query)
    {
        var requestId = await SubmitAsync();

        using var response = await UploadAsync(requestId, SampleDocuments.Pdf(100), "application/pdf", query);

        var problem = await ReadAsync<JsonElement>(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _), problem.ToString());
        await AssertNothingStoredAsync(requestId);
    }

    [Fact]
    public async Task Download_AnotherLandlordsDocument_Answers404()
    {
        var requestId = await SubmitAsync();
        using var created = await UploadAsync(requestId, SampleDocuments.Pdf(100), "application/pdf", "?kind=Other");
        await ReadAsync<SupportingDocument>(created, HttpStatusCode.Created);
        using var intruder = ClientWithKey(OtherLandlordKey);

        using var response = await intruder.GetAsync(created.Headers.Location);
        using var unknown = await Client.GetAsync(new Uri($"/api/requests/{requestId}/documents/doc-000000000000000000000000", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("urn:partenariat:problems:document-not-found", (await ReadAsync<JsonElement>(unknown, HttpStatusCode.NotFound)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Upload_WithoutKey_Answers401()
    {
        using var anonymous = ClientWithKey(apiKey: null);
        using var content = new ByteArrayContent(SampleDocuments.Pdf(100));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");

        using var response = await anonymous.PostAsync(new Uri("/api/requests/fr-0000000000000000/documents?kind=Other", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<string> SubmitAsync() => (await SubmitAsync(SampleRequests.Valid())).RequestId;

    private async Task<HttpResponseMessage> UploadAsync(string requestId, byte[] bytes, string? contentType, string query)
    {
        using var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        return await Client.PostAsync(new Uri($"/api/requests/{requestId}/documents{query}", UriKind.Relative), content);
    }

    private async Task AssertNothingStoredAsync(string requestId)
    {
        var container = new BlobServiceClient(StorageConnectionString).GetBlobContainerClient(StorageNames.DocumentsContainer);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.Uncommitted, $"{Landlord}/{requestId}/", default))
        {
            Assert.Fail($"Blob {blob.Name} was stored.");
        }

        Assert.Empty((await Client.GetFromJsonAsync<List<SupportingDocument>>($"/api/requests/{requestId}/documents", PartenariatJson.Options))!);
    }
}
