using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Partenariat.Testing;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;

namespace Partenariat.SelfContainedHost.Tests.Authentication;

/// <summary>Entra ID bearer tokens through the self-contained host's HTTP API, signed by a test issuer the host is given in place of the authority.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BearerTokenApiTests(AzuriteFixture azurite) : HostApiTest(azurite), IDisposable
{
    private const string Audience = "api://partenariat";

    private readonly TestTokenIssuer _issuer = new();

    public override Task InitializeAsync() => StartHostAsync(
        "jwt",
        new Dictionary<string, string?>
        {
            ["Authentication:Jwt:Authority"] = _issuer.Issuer,
            ["Authentication:Jwt:Audience"] = Audience,
        },
        services => services.AddSingleton<IJwtConfigurationSource>(_issuer));

    [Fact]
    public async Task Submit_LandlordToken_IsThatLandlordsAndHiddenFromAnother()
    {
        using var landlord = ClientWithToken(new() { ["siren"] = "123456782" });
        using var other = ClientWithToken(new() { ["siren"] = "987654324" });

        using var submitted = await landlord.PostAsJsonAsync("/api/requests", SampleRequests.Valid(), PartenariatJson.Options);
        var requestId = (await ReadAsync<FinancingRequestView>(submitted, HttpStatusCode.Accepted)).RequestId;
        using var own = await landlord.GetAsync(new Uri($"/api/requests/{requestId}", UriKind.Relative));
        using var foreign = await other.GetAsync(new Uri($"/api/requests/{requestId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task ListPending_ReviewerRoleToken_IsAReviewer()
    {
        using var reviewer = ClientWithToken(new() { ["roles"] = new[] { "Partenariat.Reviewer" } });

        using var response = await reviewer.GetAsync(new Uri("/api/committee/pending", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task List_TokenForAnotherAudience_Answers401()
    {
        using var client = ClientWithToken(new() { ["siren"] = "123456782" }, audience: "api://other");

        using var response = await client.GetAsync(new Uri("/api/requests", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task List_LandlordKeyBesideTokens_StillWorks()
    {
        using var response = await Client.GetAsync(new Uri("/api/requests", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose() => _issuer.Dispose();

    // A token valid by the host's own clock (the wall clock: the host runs for real).
    private HttpClient ClientWithToken(Dictionary<string, object> claims, string audience = Audience)
    {
        var client = ClientWithKey(apiKey: null);
        var token = _issuer.Token(Services.GetRequiredService<TimeProvider>().GetUtcNow(), audience, claims);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
