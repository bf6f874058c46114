using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Documents;
using Partenariat.Workflow.Storage;

namespace Partenariat.Functions.Tests;

/// <summary>The documents' functions called directly, as the worker would: each reaches the shared API.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DocumentFunctionsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Landlord = "123456782";
    private const string Key = "landlord-key";

    private readonly FinancingRequestStore _requests = new(new TableServiceClient(azurite.ConnectionString));
    private DocumentFunctions _functions = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Authentication:ApiKeys:{Landlord}"] = Key,
        }).Build();
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        await blobs.GetBlobContainerClient(StorageNames.DocumentsContainer).CreateIfNotExistsAsync();
        await _requests.CreateIfNotExistsAsync();
        var options = Options.Create(new WorkflowOptions());
        var store = new DocumentStore(blobs, options, TimeProvider.System, NullLogger<DocumentStore>.Instance);
        _functions = new DocumentFunctions(new DocumentApi(new CallerAuthentication(configuration), _requests, store, options));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task UploadListDownload_CalledDirectly_ReachTheSharedApi()
    {
        var requestId = await StoreRequestAsync();
        var bytes = RandomNumberGenerator.GetBytes(5000);
        "%PDF-"u8.CopyTo(bytes);

        var created = Assert.IsType<ApiResults.JsonResult<SupportingDocument>>(await _functions.UploadAsync(Http(bytes, "?kind=StateApproval"), requestId, CancellationToken.None));
        var listed = Assert.IsType<ApiResults.JsonResult<IReadOnlyList<SupportingDocument>>>(await _functions.ListAsync(Http(), requestId, CancellationToken.None));
        var download = Assert.IsType<FileStreamHttpResult>(await _functions.DownloadAsync(Http(), requestId, created.Value!.DocumentId, CancellationToken.None));

        Assert.Equal(StatusCodes.Status201Created, created.StatusCode);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), created.Value.Sha256);
        Assert.Equal(created.Value.DocumentId, Assert.Single(listed.Value!).DocumentId);
        using var copy = new MemoryStream();
        await download.FileStream.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task UploadAsync_UnknownRequest_Answers404()
    {
        var result = Assert.IsType<ProblemHttpResult>(await _functions.UploadAsync(Http([0x25, 0x50, 0x44, 0x46, 0x2D], "?kind=Other"), "fr-unknown", CancellationToken.None));

        Assert.Equal(StatusCodes.Status404NotFound, result.StatusCode);
    }

    private static HttpRequest Http(byte[]? body = null, string query = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[CallerAuthentication.HeaderName] = Key;
        context.Request.QueryString = new QueryString(query.Length == 0 ? null : query);
        context.Request.Path = "/api/requests/x/documents";
        if (body is not null)
        {
            context.Request.ContentType = "application/pdf";
            context.Request.ContentLength = body.Length;
            context.Request.Body = new MemoryStream(body);
        }

        return context.Request;
    }

    private async Task<string> StoreRequestAsync()
    {
        var requestId = "fr-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        Assert.True(await _requests.TryAddAsync(SampleViews.Of(Landlord, requestId, request: new FinancingRequest { ConventionId = "dijon-2020-2022", EnvelopeLineId = "housing-production" })));
        return requestId;
    }
}
