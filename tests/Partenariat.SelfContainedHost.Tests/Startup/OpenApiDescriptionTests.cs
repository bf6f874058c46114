using System.Text.Json;
using System.Text.RegularExpressions;
using Partenariat.Testing;

namespace Partenariat.SelfContainedHost.Tests.Startup;

/// <summary>
/// The OpenAPI document as the running host serves it (its own process, real Kestrel): the ways to
/// authenticate and which operation takes which, the Idempotency-Key header, enums by name, each
/// operation's errors as problem details, the reports' routes.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class OpenApiDescriptionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // What each operation answers besides success, read from its handler (Partenariat.Workflow's
    // *Api classes): 401 without a key, 403 with another role's, 404 for what the caller has not,
    // 400 for a body or query to fix, 409 when the request's state forbids it, 413/415 for uploads.
    public static TheoryData<string, string, int[]> Errors => new()
    {
        { "post", "/api/requests", [400, 401, 403, 409, 413] },
        { "get", "/api/requests", [400, 401, 403] },
        { "get", "/api/requests/{requestId}", [401, 403, 404] },
        { "post", "/api/requests/{requestId}/information-answer", [400, 401, 403, 404, 409, 413] },
        { "post", "/api/requests/{requestId}/withdrawal", [400, 401, 403, 404, 409, 413] },
        { "post", "/api/requests/{requestId}/milestones", [400, 401, 403, 404, 409, 413] },
        { "post", "/api/requests/{requestId}/documents", [400, 401, 403, 404, 409, 413, 415] },
        { "get", "/api/requests/{requestId}/documents", [401, 403, 404] },
        { "get", "/api/requests/{requestId}/documents/{documentId}", [401, 403, 404] },
        { "get", "/api/envelopes", [401] },
        { "get", "/api/reservation-rights", [400, 401] },
        { "get", "/api/reports/{conventionId}", [400, 401, 404] },
        { "get", "/api/reports/{conventionId}/csv/{table}", [400, 401, 404] },
        { "get", "/api/reports/{conventionId}/xlsx", [400, 401, 404] },
        { "get", "/api/reports/{conventionId}/charts/{chart}", [400, 401, 404] },
        { "post", "/api/reports/projection/rebuild", [401, 403] },
        { "get", "/api/audit/export", [400, 401, 403, 404] },
        { "get", "/api/committee/pending", [401, 403] },
        { "post", "/api/committee/decisions", [400, 401, 403, 404, 409, 413] },
        { "post", "/api/requests/{requestId}/cancellation", [400, 401, 403, 404, 409, 413] },
        { "delete", "/api/committee/poison-decisions/{messageId}", [401, 403, 404] },
    };

    // One host process serves the document to every test of the class (it is read-only).
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static JsonElement? s_document;

    private JsonElement _root;

    private JsonElement Paths => _root.GetProperty("paths");

    public async Task InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            s_document ??= await FetchAsync(azurite.ConnectionString);
            _root = s_document.Value;
        }
        finally
        {
            Gate.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<JsonElement> FetchAsync(string storage)
    {
        await using var host = SelfContainedHostProcess.Start(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storage, ["DOTNET_ENVIRONMENT"] = "Development" });
        var line = await host.WaitForLineAsync(l => l.Contains("Partenariat is listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        using var client = new HttpClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(OpenApiPattern().Match(line).Groups["openapi"].Value)));
        return document.RootElement.Clone();
    }

    [Fact]
    public void OpenApi_SecuritySchemes_DeclareTheKeyHeaderAndTheBearerToken()
    {
        var schemes = _root.GetProperty("components").GetProperty("securitySchemes");

        var apiKey = schemes.GetProperty("ApiKey");
        Assert.Equal("apiKey", apiKey.GetProperty("type").GetString());
        Assert.Equal("header", apiKey.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", apiKey.GetProperty("name").GetString());
        var bearer = schemes.GetProperty("Bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.Equal("JWT", bearer.GetProperty("bearerFormat").GetString());
        Assert.Equal("x-functions-key", schemes.GetProperty("FunctionKey").GetProperty("name").GetString());
    }

    [Fact]
    public void OpenApi_Operations_SayWhichSchemeTheyTake()
    {
        Assert.Equal(["ApiKey", "Bearer"], Schemes(Operation("get", "/api/reports/{conventionId}")));
        Assert.Equal(["ApiKey", "Bearer"], Schemes(Operation("post", "/api/requests")));
        Assert.Equal(["FunctionKey", "FunctionCode"], Schemes(Operation("post", "/api/diagnostics/{orchestrator}")));
        Assert.False(Operation("get", "/api/health").TryGetProperty("security", out _));
    }

    [Fact]
    public void OpenApi_Submission_DeclaresTheOptionalIdempotencyKeyHeader()
    {
        var header = Operation("post", "/api/requests").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "Idempotency-Key");

        Assert.Equal("header", header.GetProperty("in").GetString());
        Assert.False(header.TryGetProperty("required", out var required) && required.GetBoolean());
        Assert.Contains("same body", header.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("409", header.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OpenApi_Enums_AreTheirNames()
    {
        var schemas = _root.GetProperty("components").GetProperty("schemas");

        var states = schemas.GetProperty("RequestState").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("PendingCommittee", states);
        Assert.Contains("Approved", states);
        Assert.Contains("Plai", schemas.GetProperty("DwellingProduct").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void OpenApi_Operation_DeclaresEachErrorItAnswersAsProblemDetails(string method, string path, int[] statuses)
    {
        var responses = Operation(method, path).GetProperty("responses");

        var errors = responses.EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).Where(s => s >= 400).Order().ToArray();
        Assert.Equal(statuses, errors);
        foreach (var status in statuses)
        {
            var schema = responses.GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString();
            Assert.Matches("^#/components/schemas/(Http)?(Validation)?ProblemDetails$", schema);
        }
    }

    [Fact]
    public void OpenApi_ReportRoutes_DeclareTheirQueryAndWhatTheyAnswer()
    {
        var chart = Operation("get", "/api/reports/{conventionId}/charts/{chart}");
        var parameters = chart.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p);

        Assert.Equal("query", parameters["asOf"].GetProperty("in").GetString());
        Assert.Equal("date", parameters["asOf"].GetProperty("schema").GetProperty("format").GetString());
        Assert.Equal("query", parameters["landlordId"].GetProperty("in").GetString());
        Assert.Equal(["svg", "png"], parameters["format"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["image/svg+xml", "image/png"], chart.GetProperty("responses").GetProperty("200").GetProperty("content").EnumerateObject().Select(c => c.Name));
        Assert.True(Operation("get", "/api/reports/{conventionId}/xlsx").GetProperty("responses").GetProperty("200").GetProperty("content")
            .TryGetProperty("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", out _));
        Assert.Contains(Operation("get", "/api/reports/{conventionId}/csv/{table}").GetProperty("responses").GetProperty("200").GetProperty("content").EnumerateObject(),
            c => c.Name.StartsWith("text/csv", StringComparison.Ordinal));
        Assert.Equal("SteeringReport", Operation("get", "/api/reports/{conventionId}").GetProperty("responses").GetProperty("200").GetProperty("content")
            .GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!.Split('/')[^1]);
    }

    [Theory]
    [InlineData("get", "/api/requests", "status,pageSize,continuationToken", "")]
    [InlineData("post", "/api/requests/{requestId}/documents", "kind,fileName,milestone,milestoneDate", "kind")]
    [InlineData("get", "/api/reservation-rights", "requestId,landlordId", "")]
    [InlineData("get", "/api/committee/poison-decisions", "top", "")]
    [InlineData("get", "/api/audit/export", "conventionId", "conventionId")]
    public void OpenApi_QueryReadByTheHandler_IsDeclared(string method, string path, string names, string required)
    {
        var query = Operation(method, path).GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "query")
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.TryGetProperty("required", out var r) && r.GetBoolean());

        Assert.Equal(names.Split(','), query.Keys);
        Assert.Equal(required.Split(',', StringSplitOptions.RemoveEmptyEntries), query.Where(p => p.Value).Select(p => p.Key));
    }

    [Fact]
    public void OpenApi_StatusAndKindQueries_ListTheirValues()
    {
        static IEnumerable<string?> Values(JsonElement operation, string name) => operation.GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == name).GetProperty("schema").GetProperty("enum").EnumerateArray().Select(e => e.GetString());

        Assert.Equal(Enum.GetNames<Domain.Requests.RequestState>(), Values(Operation("get", "/api/requests"), "status"));
        Assert.Equal(Enum.GetNames<Workflow.Documents.DocumentKind>(), Values(Operation("post", "/api/requests/{requestId}/documents"), "kind"));
    }

    [Theory]
    [InlineData("/api/reports/{conventionId}", "GetReport")]
    [InlineData("/api/reports/{conventionId}/csv/{table}", "GetReportTable")]
    [InlineData("/api/reports/{conventionId}/xlsx", "GetReportWorkbook")]
    [InlineData("/api/reports/{conventionId}/charts/{chart}", "GetReportChart")]
    [InlineData("/api/audit/export", "ExportAudit")]
    public void OpenApi_ReportRoutes_AreNamedAndSummarized(string path, string operationId)
    {
        var get = Operation("get", path);

        Assert.Equal(operationId, get.GetProperty("operationId").GetString());
        Assert.False(string.IsNullOrWhiteSpace(get.GetProperty("summary").GetString()));
    }

    [Fact]
    public void OpenApi_EveryKeyedOperation_Answers401AsProblemDetails()
    {
        var keyed = Paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Name: $"{o.Name} {p.Name}", Operation: o.Value)))
            .Where(o => o.Operation.TryGetProperty("security", out var security) && Schemes(o.Operation).Contains("ApiKey"))
            .ToList();

        Assert.True(keyed.Count > 20, $"{keyed.Count} operations take the API key");
        Assert.All(keyed, o => Assert.True(
            o.Operation.GetProperty("responses").TryGetProperty("401", out var unauthorized) && unauthorized.GetProperty("content").TryGetProperty("application/problem+json", out _),
            $"{o.Name} does not declare its 401"));
    }

    private JsonElement Operation(string method, string path) => Paths.GetProperty(path).GetProperty(method);

    private static string[] Schemes(JsonElement operation) =>
        [.. operation.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name))];

    [GeneratedRegex(@"OpenAPI: (?<openapi>\S+)")]
    private static partial Regex OpenApiPattern();
}
