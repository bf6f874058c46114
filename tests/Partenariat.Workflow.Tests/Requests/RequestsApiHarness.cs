using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Partenariat.Domain.Landlords;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Documents;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;
using Partenariat.Workflow.Tests.Requests.Orchestration;

namespace Partenariat.Workflow.Tests.Requests;

/// <summary>
/// The landlords' API and the committee's handler as both hosts build them, on Azurite, for a
/// landlord of the test's own (a fresh SIREN: its partition holds only what the test stores), on
/// the demonstration period, with the clock at <see cref="RequestLifeScript.Start"/> and a durable
/// client that records what would start or be raised.
/// </summary>
internal sealed class RequestsApiHarness
{
    private const string Key = "harness-landlord-key";

    private RequestsApiHarness(string connectionString, string landlord)
    {
        Landlord = landlord;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(SampleConventions.Settings(SampleRequests.DemoConventionId, "housing-production", 15_000_000m))
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"Authentication:ApiKeys:{landlord}"] = Key })
            .Build();
        var tables = new TableServiceClient(connectionString);
        var workflow = Options.Create(new WorkflowOptions());
        var input = Options.Create(new InputOptions());
        Requests = new FinancingRequestStore(tables);
        Documents = new DocumentStore(new BlobServiceClient(connectionString), workflow, Clock, NullLogger<DocumentStore>.Instance);
        Conventions = ConventionDirectory.FromConfiguration(configuration);
        Queues = new QueueServiceClient(connectionString);
        Service = new FinancingRequestService(Requests, new IdempotencyStore(tables), Conventions, workflow, input, Clock);
        Api = new FinancingRequestApi(new CallerAuthentication(configuration), Service, Requests, new MilestoneEvidence(Documents), input, Clock);
        Handler = new CommitteeDecisionHandler(Requests, Queues, Clock);
        DocumentsApi = new DocumentApi(new CallerAuthentication(configuration), Requests, Documents, workflow, Clock);
    }

    public string Landlord { get; }

    public FakeTimeProvider Clock { get; } = new(RequestLifeScript.Start);

    public FinancingRequestStore Requests { get; }

    public DocumentStore Documents { get; }

    public ConventionDirectory Conventions { get; }

    public QueueServiceClient Queues { get; }

    public FinancingRequestService Service { get; }

    public FinancingRequestApi Api { get; }

    public CommitteeDecisionHandler Handler { get; }

    public DocumentApi DocumentsApi { get; }

    /// <summary>The harness on <paramref name="azurite"/>'s storage, its tables, container and queues created.</summary>
    public static async Task<RequestsApiHarness> StartAsync(AzuriteFixture azurite)
    {
        var harness = new RequestsApiHarness(azurite.ConnectionString, NewSiren());
        await harness.Requests.CreateIfNotExistsAsync();
        await new IdempotencyStore(new TableServiceClient(azurite.ConnectionString)).CreateIfNotExistsAsync();
        await new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(StorageNames.DocumentsContainer).CreateIfNotExistsAsync();
        await harness.Queues.GetQueueClient(StorageNames.CommitteeDecisionsPoisonQueue).CreateIfNotExistsAsync();
        return harness;
    }

    /// <summary>A request of the harness's landlord stored in <paramref name="status"/>, submitted at the harness's start, its view listing <paramref name="documents"/>.</summary>
    public async Task<(string RequestId, FinancingRequest Request)> StoreAsync(RequestState status, IReadOnlyList<RequestDocument>? documents = null)
    {
        var requestId = RequestIds.New(Landlord);
        var request = SampleRequests.Valid() with { RequestId = requestId, SubmittedAt = RequestLifeScript.Start };
        var view = SampleViews.Of(Landlord, requestId, status, request, submittedAt: RequestLifeScript.Start) with { Documents = documents ?? [] };
        Assert.True(await Requests.TryAddAsync(view));
        return (requestId, request);
    }

    /// <summary>A POST of <paramref name="body"/> by the harness's landlord (with <paramref name="idempotencyKey"/> when given).</summary>
    public HttpRequest Post(string path, byte[] body, string? idempotencyKey = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = path;
        context.Request.Headers[CallerAuthentication.HeaderName] = Key;
        if (idempotencyKey is not null)
        {
            context.Request.Headers[FinancingRequestApi.IdempotencyKeyHeader] = idempotencyKey;
        }

        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(body);
        return context.Request;
    }

    /// <summary>An upload by the harness's landlord of a PDF of <paramref name="bytes"/> bytes to <paramref name="pathAndQuery"/>.</summary>
    public HttpRequest Upload(string pathAndQuery, int bytes = 2_000)
    {
        var request = Post(pathAndQuery.Split('?')[0], SampleDocuments.Pdf(bytes));
        request.QueryString = new QueryString(pathAndQuery.Contains('?', StringComparison.Ordinal) ? pathAndQuery[pathAndQuery.IndexOf('?', StringComparison.Ordinal)..] : string.Empty);
        request.ContentType = "application/pdf";
        request.ContentLength = request.Body.Length;
        return request;
    }

    /// <summary>A POST of <paramref name="json"/>.</summary>
    public HttpRequest Post(string path, string json, string? idempotencyKey = null) => Post(path, Encoding.UTF8.GetBytes(json), idempotencyKey);

    /// <summary>How many requests the harness's landlord has stored.</summary>
    public async Task<int> CountStoredAsync()
    {
        var count = 0;
        string? token = null;
        do
        {
            var (items, next) = await Requests.ListAsync(Landlord, null, 100, token);
            count += items.Count;
            token = next;
        }
        while (token is not null);
        return count;
    }

    /// <summary>The status code of an API answer (a JSON answer without one is a 200).</summary>
    public static int StatusOf(IResult result) => Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode ?? StatusCodes.Status200OK;

    /// <summary>A SIREN of 9 digits with a valid check digit, drawn at random.</summary>
    private static string NewSiren()
    {
        var digits = "9" + Random.Shared.Next(0, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        for (var check = 0; check < 10; check++)
        {
            if (Siren.TryParse(digits + check, out _))
            {
                return digits + check;
            }
        }

        throw new InvalidOperationException("No check digit fits.");
    }
}
