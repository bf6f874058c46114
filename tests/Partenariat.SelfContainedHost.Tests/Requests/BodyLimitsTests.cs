using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Partenariat.Testing;

namespace Partenariat.SelfContainedHost.Tests.Requests;

/// <summary>The self-contained host's body caps: each route's own, set as its endpoint's request size limit, and the settings that make them.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BodyLimitsTests(AzuriteFixture azurite)
{
    private const string LandlordKey = "local-landlord-123456782-key";

    [Theory]
    [InlineData("POST", "api/requests", 64 * 1024)]
    [InlineData("POST", "api/requests/{requestId}/information-answer", 16 * 1024)]
    [InlineData("POST", "api/requests/{requestId}/withdrawal", 16 * 1024)]
    [InlineData("POST", "api/requests/{requestId}/milestones", 16 * 1024)]
    [InlineData("POST", "api/requests/{requestId}/cancellation", 16 * 1024)]
    [InlineData("POST", "api/requests/{requestId}/documents", (20 * 1024 * 1024) + 1)]
    public async Task MapPartenariatHost_EachRouteWithABody_CarriesItsCap(string method, string route, long expected)
    {
        await using var factory = HostFactory.OnStorage(azurite.ConnectionString, "cap");
        _ = factory.Server;

        var endpoint = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText?.Trim('/') == route && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method) == true);

        Assert.Equal(expected, endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize);
    }

    [Fact]
    public async Task Submit_FiveMegabytesWithTwoHundredThousandSources_Answers413AndStoresNothing()
    {
        await using var factory = HostFactory.OnStorage(azurite.ConnectionString, "cap");
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", LandlordKey);
        var before = await CountAsync(client);
        var plan = string.Join(",", Enumerable.Repeat("""{"name":"Prêt","amount":10}""", 200_000));
        var body = SampleRequests.Valid() is var sample ? JsonSerializer.Serialize(sample, Workflow.Http.PartenariatJson.Options).Replace("\"financingPlan\":[", $"\"financingPlan\":[{plan},", StringComparison.Ordinal) : null;

        using var response = await client.PostAsync(new Uri("/api/requests", UriKind.Relative), new StringContent(body!, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("urn:partenariat:problems:body-too-large", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(64 * 1024, problem.RootElement.GetProperty("maxBytes").GetInt32());
        Assert.Equal(before, await CountAsync(client));
    }

    [Theory]
    [InlineData("Partenariat:Input:MaxDwellings", "0", "MaxDwellings")]
    [InlineData("Partenariat:Input:MaxRequestBodyBytes", "100", "MaxRequestBodyBytes")]
    [InlineData("Partenariat:Input:IdempotencyKeyLifetime", "00:00:01", "IdempotencyKeyLifetime")]
    [InlineData("Partenariat:Workflow:MaxDocumentsPerRequest", "0", "MaxDocumentsPerRequest")]
    public async Task AddPartenariatHost_OutOfRangeInputSetting_FailsToStartNamingIt(string key, string value, string named)
    {
        await using var factory = HostFactory.OnStorage(azurite.ConnectionString, "cap", new Dictionary<string, string?> { [key] = value });

        var exception = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(named, exception.Message, StringComparison.Ordinal);
    }

    private static async Task<int> CountAsync(HttpClient client)
    {
        using var page = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/requests?pageSize=100", UriKind.Relative)));
        return page.RootElement.GetProperty("items").GetArrayLength();
    }
}
