using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Partenariat.SelfContainedHost.Tests.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Documents;
using Partenariat.Workflow.Storage;

namespace Partenariat.SelfContainedHost.Tests.Documents;

/// <summary>The supporting documents' API of the self-contained host on Azurite, through HTTP.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DocumentsApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Landlord = "123456782";
    private const string LandlordKey = "local-landlord-123456782-key";
    private const string OtherLandlordKey = "local-landlord-987654324-key";
    private const long MaxBytes = 256 * 1024;

    private HostFactory? _factory;
    private HttpClient? _client;

    private HttpClient Client => _client!;

    public Task InitializeAsync()
    {
        _factory = HostFactory.OnStorage(azurite.ConnectionString, "doc", new Dictionary<string, string?>
        {
            ["Partenariat:Workflow:MaxDocumentBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
    public async Task Upload_Pdf_IsListedAndDownloadsIdenticalWithItsHash()
    {
        var requestId = await SubmitAsync();
        var bytes = Pdf(100_000);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));

        using var created = await UploadAsync(requestId, bytes, "application/pdf", "?kind=FinancingPlan&fileName=plan%20de%20financement.pdf");
        var document = await ReadAsync<SupportingDocument>(created, HttpStatusCode.Created);
        var list = await Client.GetFromJsonAsync<List<SupportingDocument>>($"/api/requests/{requestId}/documents", PartenariatJson.Options);
        using var download = await Client.GetAsync(created.Headers.Location);

        Assert.Equal($"/api/requests/{requestId}/documents/{document.DocumentId}", created.Headers.Location?.OriginalString);
        Assert.Equal((DocumentKind.FinancingPlan, "plan de financement.pdf", "application/pdf", 100_000L, sha256), (document.Kind, document.FileName, document.ContentType, document.Size, document.Sha256));
        Assert.Equal(document.DocumentId, Assert.Single(list!).DocumentId);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("plan de financement.pdf", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(bytes))}:", string.Join(",", download.Headers.GetValues("Repr-Digest")));
        var view = await Client.GetFromJsonAsync<FinancingRequestView>($"/api/requests/{requestId}", PartenariatJson.Options);
        var entry = Assert.Single(view!.Timeline, e => e.Action == TimelineAction.DocumentUploaded);
        Assert.Equal(Landlord, entry.Actor);
        Assert.Contains(sha256, entry.Details, StringComparison.Ordinal);
    }

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

    [Fact]
    public async Task Upload_LargerThanTheCap_Answers413AndStoresNothing()
    {
        var requestId = await SubmitAsync();

        using var response = await UploadAsync(requestId, Pdf((int)MaxBytes + 1), "application/pdf", "?kind=Other");

        var problem = await ReadAsync<JsonElement>(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("urn:partenariat:problems:document-too-large", problem.GetProperty("type").GetString());
        Assert.Contains($"{MaxBytes} bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(requestId);
    }

    [Fact]
    public async Task Upload_LargerThanTheCapWithoutContentLength_Answers413AndStoresNothing()
    {
        var requestId = await SubmitAsync();
        using var content = new StreamContent(new NoLengthStream(Pdf((int)MaxBytes * 2)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");

        using var response = await Client.PostAsync(new Uri($"/api/requests/{requestId}/documents?kind=Other", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingStoredAsync(requestId);
    }

    [Fact]
    public async Task Upload_BytesNotOfTheDeclaredType_Answers415SayingWhatToFix()
    {
        var requestId = await SubmitAsync();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

        using var response = await UploadAsync(requestId, png, "application/pdf", "?kind=BuildingPermit");

        var problem = await ReadAsync<JsonElement>(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("urn:partenariat:problems:content-type-mismatch", problem.GetProperty("type").GetString());
        Assert.Contains("image/png", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(requestId);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task Upload_TypeNotAccepted_Answers415(string? contentType)
    {
        var requestId = await SubmitAsync();

        using var response = await UploadAsync(requestId, Pdf(100), contentType, "?kind=Other");

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

        using var response = await UploadAsync(requestId, Pdf(100), "application/pdf", query);

        var problem = await ReadAsync<JsonElement>(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _), problem.ToString());
    }

    [Fact]
    public async Task Upload_AnotherLandlordsRequest_Answers404AndStoresNothing()
    {
        var requestId = await SubmitAsync();
        using var intruder = _factory!.CreateClient();
        intruder.DefaultRequestHeaders.Add("X-Api-Key", OtherLandlordKey);
        using var content = new ByteArrayContent(Pdf(100));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");

        using var upload = await intruder.PostAsync(new Uri($"/api/requests/{requestId}/documents?kind=Other", UriKind.Relative), content);
        using var list = await intruder.GetAsync(new Uri($"/api/requests/{requestId}/documents", UriKind.Relative));

        Assert.Equal("urn:partenariat:problems:request-not-found", (await ReadAsync<JsonElement>(upload, HttpStatusCode.NotFound)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        await AssertNothingStoredAsync(requestId);
    }

    [Fact]
    public async Task Download_AnotherLandlordsDocument_Answers404()
    {
        var requestId = await SubmitAsync();
        using var created = await UploadAsync(requestId, Pdf(100), "application/pdf", "?kind=Other");
        var document = await ReadAsync<SupportingDocument>(created, HttpStatusCode.Created);
        using var intruder = _factory!.CreateClient();
        intruder.DefaultRequestHeaders.Add("X-Api-Key", OtherLandlordKey);

        using var response = await intruder.GetAsync(created.Headers.Location);
        using var unknown = await Client.GetAsync(new Uri($"/api/requests/{requestId}/documents/doc-000000000000000000000000", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("urn:partenariat:problems:document-not-found", (await ReadAsync<JsonElement>(unknown, HttpStatusCode.NotFound)).GetProperty("type").GetString());
        Assert.NotNull(document.DocumentId);
    }

    [Fact]
    public async Task Upload_WithoutKey_Answers401()
    {
        using var anonymous = _factory!.CreateClient();
        using var content = new ByteArrayContent(Pdf(100));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");

        using var response = await anonymous.PostAsync(new Uri("/api/requests/fr-0000000000000000/documents?kind=Other", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ReportMilestone_UnknownEvidenceDocument_Answers400()
    {
        var requestId = await SubmitAsync();

        using var response = await Client.PostAsJsonAsync($"/api/requests/{requestId}/milestones", new { kind = "WorksStarted", date = SampleRequests.Today, evidenceDocumentId = "doc-000000000000000000000000" }, PartenariatJson.Options);

        var problem = await ReadAsync<JsonElement>(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("evidenceDocumentId", out _), problem.ToString());
    }

    /// <summary>Uploads a small PDF as evidence of <paramref name="kind"/>; returns its document id.</summary>
    internal static async Task<string> UploadEvidenceAsync(HttpClient client, string requestId, string kind)
    {
        using var content = new ByteArrayContent(Pdf(1000));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var response = await client.PostAsync(new Uri($"/api/requests/{requestId}/documents?kind={kind}", UriKind.Relative), content);
        return (await ReadAsync<SupportingDocument>(response, HttpStatusCode.Created)).DocumentId;
    }

    internal static byte[] Pdf(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        "%PDF-1.7\n"u8[..Math.Min(size, 9)].CopyTo(bytes);
        return bytes;
    }

    private async Task<string> SubmitAsync()
    {
        using var response = await Client.PostAsJsonAsync("/api/requests", FinancingRequestsApiTests.ValidRequest(), PartenariatJson.Options);
        return (await ReadAsync<FinancingRequestView>(response, HttpStatusCode.Accepted)).RequestId;
    }

    private async Task<HttpResponseMessage> UploadAsync(string requestId, byte[] bytes, string? contentType, string query)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        return await Client.PostAsync(new Uri($"/api/requests/{requestId}/documents{query}", UriKind.Relative), content);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, PartenariatJson.Options)!;
    }

    private async Task AssertNothingStoredAsync(string requestId)
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(StorageNames.DocumentsContainer);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{Landlord}/{requestId}/", default))
        {
            Assert.Fail($"Blob {blob.Name} was stored.");
        }

        var list = await Client.GetFromJsonAsync<List<SupportingDocument>>($"/api/requests/{requestId}/documents", PartenariatJson.Options);
        Assert.Empty(list!);
    }

    /// <summary>A stream whose length is unknown, so the body goes chunked with no Content-Length.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
