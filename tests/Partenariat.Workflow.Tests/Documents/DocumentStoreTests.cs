using System.Security.Cryptography;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Partenariat.Testing;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Documents;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Tests.Documents;

/// <summary>The document store on Azurite: streamed uploads in blocks, the cap, the type check, the hash.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DocumentStoreTests(AzuriteFixture azurite)
{
    private const string Landlord = "123456782";
    private static readonly DateTimeOffset UploadedAt = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task UploadAsync_SeveralBlocks_StoresIdenticalBytesWithTheirHash()
    {
        var (store, container) = await StoreAsync(maxBytes: 10 * 1024 * 1024);
        var bytes = SampleDocuments.Pdf(DocumentStore.BlockSize * 2 + 12_345);
        var requestId = NewRequestId();

        var outcome = await store.UploadAsync(Landlord, requestId, new DocumentDescription(DocumentKind.FinancingPlan, "plan de financement.pdf", DocumentTypes.Pdf), new MemoryStream(bytes));

        var stored = Assert.IsType<UploadOutcome.Stored>(outcome).Document;
        Assert.Equal(bytes.Length, stored.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
        Assert.Equal("plan de financement.pdf", stored.FileName);
        var opened = await store.OpenReadAsync(Landlord, requestId, stored.DocumentId);
        using var copy = new MemoryStream();
        await opened!.Value.Content.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal(UploadedAt, stored.UploadedAt);
        Assert.Equal(stored, Assert.Single(await store.ListAsync(Landlord, requestId)));
        Assert.Equal(3, (await container.GetBlockBlobClient($"{Landlord}/{requestId}/{stored.DocumentId}").GetBlockListAsync()).Value.CommittedBlocks.Count());
    }

    [Fact]
    public async Task UploadAsync_PastTheCapAfterSomeBlocks_StoresNothingAndDiscardsTheStagedBlocks()
    {
        var (store, container) = await StoreAsync(maxBytes: DocumentStore.BlockSize + 100);
        var requestId = NewRequestId();

        var outcome = await store.UploadAsync(Landlord, requestId, new DocumentDescription(DocumentKind.Other, null, DocumentTypes.Pdf), new MemoryStream(SampleDocuments.Pdf(DocumentStore.BlockSize * 2)));

        Assert.Equal(DocumentStore.BlockSize + 100, Assert.IsType<UploadOutcome.TooLarge>(outcome).MaxBytes);
        Assert.Empty(await store.ListAsync(Landlord, requestId));
        // Not even a blob of uncommitted blocks.
        Assert.Empty(await container.GetBlobsAsync(BlobTraits.None, BlobStates.Uncommitted, $"{Landlord}/{requestId}/", default).ToListAsync());
    }

    [Fact]
    public async Task UploadAsync_PastTheCapWithinTheFirstBlock_StoresNothing()
    {
        var (store, container) = await StoreAsync(maxBytes: 1000);
        var requestId = NewRequestId();

        var outcome = await store.UploadAsync(Landlord, requestId, new DocumentDescription(DocumentKind.Other, null, DocumentTypes.Pdf), new MemoryStream(SampleDocuments.Pdf(1001)));

        Assert.IsType<UploadOutcome.TooLarge>(outcome);
        Assert.Empty(await container.GetBlobsAsync(BlobTraits.None, BlobStates.Uncommitted, $"{Landlord}/{requestId}/", default).ToListAsync());
    }

    [Fact]
    public async Task UploadAsync_BytesOfAnotherType_SaysWhatTheyAreAndStoresNothing()
    {
        var (store, container) = await StoreAsync(maxBytes: 1000);
        var requestId = NewRequestId();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

        var outcome = await store.UploadAsync(Landlord, requestId, new DocumentDescription(DocumentKind.SitePlan, "plan.pdf", DocumentTypes.Pdf), new MemoryStream(png));

        Assert.Equal(new UploadOutcome.TypeMismatch(DocumentTypes.Pdf, DocumentTypes.Png), outcome);
        Assert.Empty(await container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{Landlord}/{requestId}/", default).ToListAsync());
    }

    [Fact]
    public async Task UploadAsync_EmptyBody_StoresNothing()
    {
        var (store, _) = await StoreAsync(maxBytes: 1000);

        var outcome = await store.UploadAsync(Landlord, NewRequestId(), new DocumentDescription(DocumentKind.Other, null, DocumentTypes.Png), new MemoryStream());

        Assert.IsType<UploadOutcome.Empty>(outcome);
    }

    [Fact]
    public async Task GetAsync_AnotherLandlordsOrMalformedId_IsNull()
    {
        var (store, _) = await StoreAsync(maxBytes: 1000);
        var requestId = NewRequestId();
        var stored = Assert.IsType<UploadOutcome.Stored>(await store.UploadAsync(Landlord, requestId, new DocumentDescription(DocumentKind.Other, null, DocumentTypes.Pdf), new MemoryStream(SampleDocuments.Pdf(50)))).Document;

        Assert.NotNull(await store.GetAsync(Landlord, requestId, stored.DocumentId));
        Assert.Null(await store.GetAsync("987654324", requestId, stored.DocumentId));
        Assert.Null(await store.GetAsync(Landlord, requestId, "../" + stored.DocumentId));
        Assert.Null(await store.OpenReadAsync(Landlord, NewRequestId(), stored.DocumentId));
    }

    [Fact]
    public async Task UploadAsync_AnswerLostAndWriteSentAgain_StoredOnce()
    {
        // Storage stored the blob but its answer was lost (it restarted): the storage client sends
        // the create-only write again, and storage answers 409 BlobAlreadyExists.
        var loses = new LoseFirstAnswer();
        var options = new BlobClientOptions();
        options.AddPolicy(loses, HttpPipelinePosition.PerRetry);
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        var (store, _) = await StoreAsync(maxBytes: 10 * 1024 * 1024, new BlobServiceClient(azurite.ConnectionString, options));
        var bytes = SampleDocuments.Pdf(2048);
        var requestId = NewRequestId();

        var outcome = await store.UploadAsync(Landlord, requestId, new DocumentDescription(DocumentKind.WorksStartOrder, "os.pdf", DocumentTypes.Pdf), new MemoryStream(bytes));

        Assert.Equal(1, loses.Lost);
        var stored = Assert.IsType<UploadOutcome.Stored>(outcome).Document;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
        Assert.Equal(stored, Assert.Single(await store.ListAsync(Landlord, requestId)));
    }

    [Theory]
    [InlineData("plan.pdf", "attachment; filename=\"plan.pdf\"")]
    [InlineData("plan d'ensemble é.pdf", "attachment; filename*=utf-8''plan%20d%27ensemble%20%C3%A9.pdf")]
    public void ContentDisposition_FileName_IsAnAttachmentHeader(string fileName, string expected) =>
        Assert.Equal(expected, DocumentStore.ContentDisposition(fileName), ignoreCase: true);

    private static string NewRequestId() => "fr-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private async Task<(DocumentStore Store, BlobContainerClient Container)> StoreAsync(long maxBytes, BlobServiceClient? client = null)
    {
        var blobs = client ?? new BlobServiceClient(azurite.ConnectionString);
        var container = blobs.GetBlobContainerClient(StorageNames.DocumentsContainer);
        await container.CreateIfNotExistsAsync();
        var store = new DocumentStore(blobs, Options.Create(new WorkflowOptions { MaxDocumentBytes = maxBytes }), new FakeTimeProvider(UploadedAt), NullLogger<DocumentStore>.Instance);
        return (store, container);
    }

    /// <summary>Lets the first blob write through to storage, then loses its answer (as a connection reset would).</summary>
    private sealed class LoseFirstAnswer : HttpPipelinePolicy
    {
        public int Lost { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The document store calls storage asynchronously.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (Lost == 0 && message.Request.Method == RequestMethod.Put && message.Response.Status == 201 && message.Request.Uri.Path.Contains("/doc-", StringComparison.Ordinal))
            {
                Lost++;
                throw new IOException("The answer was lost on the way.");
            }
        }
    }
}
