using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Documents;

namespace Partenariat.Functions.Tests;

/// <summary>The documents' functions called directly, as the worker would: each reaches the shared API.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DocumentFunctionsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Landlord = "123456782";
    private const string Key = "landlord-key";
    private static readonly DateTimeOffset UploadedAt = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private AppStorage _storage = null!;
    private DocumentFunctions _functions = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Authentication:ApiKeys:{Landlord}"] = Key,
        }).Build();
        _storage = await AppStorage.CreateAsync(azurite.ConnectionString);
        var options = Options.Create(new WorkflowOptions());
        var store = new DocumentStore(_storage.Blobs, options, new FakeTimeProvider(UploadedAt), NullLogger<DocumentStore>.Instance);
        _functions = new DocumentFunctions(new DocumentApi(new CallerAuthentication(configuration), _storage.Requests, store, options, new FakeTimeProvider(UploadedAt)));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task UploadListDownload_CalledDirectly_ReachTheSharedApi()
    {
        var requestId = await StoreRequestAsync();
        var bytes = SampleDocuments.Pdf(5000);

        var created = Assert.IsType<ApiResults.JsonResult<SupportingDocument>>(await _functions.UploadAsync(Http(bytes, "?kind=StateApproval"), requestId, new RecordingDurableClient(), CancellationToken.None));
        var listed = Assert.IsType<ApiResults.JsonResult<IReadOnlyList<SupportingDocument>>>(await _functions.ListAsync(Http(), requestId, CancellationToken.None));
        var download = Assert.IsType<FileStreamHttpResult>(await _functions.DownloadAsync(Http(), requestId, created.Value!.DocumentId, CancellationToken.None));

        Assert.Equal(StatusCodes.Status201Created, created.StatusCode);
        Assert.Equal((Convert.ToHexStringLower(SHA256.HashData(bytes)), UploadedAt), (created.Value.Sha256, created.Value.UploadedAt));
        Assert.Equal(created.Value.DocumentId, Assert.Single(listed.Value!).DocumentId);
        using var copy = new MemoryStream();
        await download.FileStream.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task UploadAsync_UnknownRequest_Answers404()
    {
        var result = Assert.IsType<ProblemHttpResult>(await _functions.UploadAsync(Http([0x25, 0x50, 0x44, 0x46, 0x2D], "?kind=Other"), "fr-unknown", new RecordingDurableClient(), CancellationToken.None));

        Assert.Equal(StatusCodes.Status404NotFound, result.StatusCode);
    }

    private static HttpRequest Http(byte[]? body = null, string query = "")
    {
        var request = body is null ? TestRequests.With(Key, query) : TestRequests.WithBody(Key, body, "application/pdf", query);
        request.Path = "/api/requests/x/documents";
        return request;
    }

    private Task<string> StoreRequestAsync() =>
        _storage.AddAsync(SampleViews.Of(Landlord, RequestIds.New(Landlord), request: new FinancingRequest { ConventionId = "dijon-2020-2022", EnvelopeLineId = "housing-production" }));
}
