using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Partenariat.EndToEnd.Tests.Hosts;
using Partenariat.Testing;

namespace Partenariat.EndToEnd.Tests.Documents;

/// <summary>
/// Supporting documents through HTTP on either host, with the default cap (20 MiB): large bodies
/// stream through both (the Functions host proxies them to its worker), what is refused is not stored.
/// </summary>
public abstract class DocumentTests(HostFixture fixture) : RequestsApiTest(fixture)
{
    private const int MaxBytes = 20 * 1024 * 1024;

    [SkippableFact]
    public async Task Upload_LargePdf_IsListedRecordedAndDownloadsIdenticalWithItsHash()
    {
        var requestId = await SubmitAsync();
        var bytes = SampleDocuments.Pdf(9 * 1024 * 1024 + 17);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));

        using var created = await UploadAsync(requestId, bytes, "application/pdf", "?kind=FinancingPlan&fileName=plan%20de%20financement.pdf");
        await ExpectAsync(HttpStatusCode.Created, created);
        var document = await ReadJsonAsync(created);
        var documentId = document.GetProperty("documentId").GetString();
        using var download = await SendAsync(HttpMethod.Get, created.Headers.Location!.OriginalString.TrimStart('/'), LandlordKey);
        using var list = await SendAsync(HttpMethod.Get, $"api/requests/{requestId}/documents", LandlordKey);
        var request = await GetRequestAsync(requestId);

        Assert.Equal($"/api/requests/{requestId}/documents/{documentId}", created.Headers.Location.OriginalString);
        Assert.Equal((sha256, bytes.Length, "FinancingPlan", "plan de financement.pdf"), (document.GetProperty("sha256").GetString(), document.GetProperty("size").GetInt64(), document.GetProperty("kind").GetString(), document.GetProperty("fileName").GetString()));
        await ExpectAsync(HttpStatusCode.OK, download);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("plan de financement.pdf", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(bytes))}:", string.Join(",", download.Headers.GetValues("Repr-Digest")));
        Assert.Equal(documentId, Assert.Single((await ReadJsonAsync(list)).EnumerateArray()).GetProperty("documentId").GetString());
        var entry = Assert.Single(request.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("action").GetString() == "DocumentUploaded");
        Assert.Equal("123456782", entry.GetProperty("actor").GetString());
        Assert.Contains(sha256, entry.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Upload_LargerThanTheCap_Answers413AndStoresNothing()
    {
        var requestId = await SubmitAsync();

        using var response = await UploadAsync(requestId, SampleDocuments.Pdf(MaxBytes + 1), "application/pdf", "?kind=Other");

        await ExpectAsync(HttpStatusCode.RequestEntityTooLarge, response);
        var problem = await ReadJsonAsync(response);
        Assert.Equal("urn:partenariat:problems:document-too-large", problem.GetProperty("type").GetString());
        Assert.Contains($"{MaxBytes} bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNoDocumentsAsync(requestId);
    }

    [SkippableFact]
    public async Task Upload_LargerThanTheCapChunked_Answers413AndStoresNothing()
    {
        var requestId = await SubmitAsync();
        using var content = new StreamContent(new UnknownLengthStream(SampleDocuments.Pdf(MaxBytes + 1024)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Host.BaseAddress, $"api/requests/{requestId}/documents?kind=Other")) { Content = content };
        request.Headers.Add("X-Api-Key", LandlordKey);

        using var response = await Client.SendAsync(request);

        await ExpectAsync(HttpStatusCode.RequestEntityTooLarge, response);
        await AssertNoDocumentsAsync(requestId);
    }

    [SkippableFact]
    public async Task Upload_BytesNotOfTheDeclaredType_Answers415AndStoresNothing()
    {
        var requestId = await SubmitAsync();

        using var response = await UploadAsync(requestId, [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], "image/png", "?kind=SitePlan");

        await ExpectAsync(HttpStatusCode.UnsupportedMediaType, response);
        var problem = await ReadJsonAsync(response);
        Assert.Equal("urn:partenariat:problems:content-type-mismatch", problem.GetProperty("type").GetString());
        Assert.Contains("image/jpeg", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNoDocumentsAsync(requestId);
    }

    [SkippableFact]
    public async Task Upload_AnotherLandlordsRequest_Answers404AndStoresNothing()
    {
        var requestId = await SubmitAsync();

        using var response = await UploadAsync(requestId, SampleDocuments.Pdf(100), "application/pdf", "?kind=Other", OtherLandlordKey);
        using var list = await SendAsync(HttpMethod.Get, $"api/requests/{requestId}/documents", OtherLandlordKey);

        await ExpectAsync(HttpStatusCode.NotFound, response);
        Assert.Equal("urn:partenariat:problems:request-not-found", (await ReadJsonAsync(response)).GetProperty("type").GetString());
        await ExpectAsync(HttpStatusCode.NotFound, list);
        await AssertNoDocumentsAsync(requestId);
    }

    [SkippableFact]
    public async Task ReportMilestone_UnknownEvidenceDocument_Answers400()
    {
        var requestId = await SubmitAsync();

        using var response = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/milestones", LandlordKey,
            $$"""{"kind":"WorksStarted","date":"{{SampleRequests.Today}}","evidenceDocumentId":"doc-000000000000000000000000"}""");

        await ExpectAsync(HttpStatusCode.BadRequest, response);
        Assert.True((await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("evidenceDocumentId", out _));
    }

    [SkippableFact]
    public async Task ReportMilestone_EvidenceOfAnotherKind_Answers400NamingTheKindNeeded()
    {
        var requestId = await SubmitAsync();
        var sitePlan = await UploadEvidenceAsync(requestId, "SitePlan");

        using var response = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/milestones", LandlordKey,
            $$"""{"kind":"WorksStarted","date":"{{SampleRequests.Today}}","evidenceDocumentId":"{{sitePlan}}"}""");

        await ExpectAsync(HttpStatusCode.BadRequest, response);
        var message = (await ReadJsonAsync(response)).GetProperty("errors").GetProperty("evidenceDocumentId")[0].GetString();
        Assert.Contains("is a SitePlan, and WorksStarted needs a WorksStartOrder", message, StringComparison.Ordinal);
    }

    private async Task AssertNoDocumentsAsync(string requestId)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/requests/{requestId}/documents", LandlordKey);
        await ExpectAsync(HttpStatusCode.OK, response);
        Assert.Empty((await ReadJsonAsync(response)).EnumerateArray());
    }

    /// <summary>A stream whose length is unknown, so the body goes chunked, without Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

[Collection(SelfContainedHostCollection.Name)]
public sealed class SelfContainedHostDocumentTests(SelfContainedHostFixture fixture) : DocumentTests(fixture);

[Collection(FunctionsHostCollection.Name)]
public sealed class FunctionsHostDocumentTests(FunctionsHostFixture fixture) : DocumentTests(fixture);
