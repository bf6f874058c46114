using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Partenariat.SelfContainedHost.Tests.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;

namespace Partenariat.SelfContainedHost.Tests.Authentication;

/// <summary>Entra ID bearer tokens through the self-contained host's HTTP API, signed by a test key the host is given in place of the authority's.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BearerTokenApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Issuer = "https://login.example.test/tenant/v2.0";
    private const string Audience = "api://partenariat";

    private readonly RSA _rsa = RSA.Create(2048);
    private HostFactory? _factory;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>? _host;

    public Task InitializeAsync()
    {
        _factory = HostFactory.OnStorage(azurite.ConnectionString, "jwt", new Dictionary<string, string?>
        {
            ["Authentication:Jwt:Authority"] = Issuer,
            ["Authentication:Jwt:Audience"] = Audience,
        });
        var key = new RsaSecurityKey(_rsa) { KeyId = "test" };
        _host = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IJwtConfigurationSource>(new FixedSource(key))));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _rsa.Dispose();
    }

    [Fact]
    public async Task Submit_LandlordToken_IsThatLandlordsAndHiddenFromAnother()
    {
        using var landlord = Client(Token(new() { ["siren"] = "123456782" }));
        using var other = Client(Token(new() { ["siren"] = "987654324" }));

        using var submitted = await landlord.PostAsJsonAsync("/api/requests", FinancingRequestsApiTests.ValidRequest(), PartenariatJson.Options);
        var requestId = (await submitted.Content.ReadFromJsonAsync<FinancingRequestView>(PartenariatJson.Options))!.RequestId;
        using var own = await landlord.GetAsync(new Uri($"/api/requests/{requestId}", UriKind.Relative));
        using var foreign = await other.GetAsync(new Uri($"/api/requests/{requestId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task ListPending_ReviewerRoleToken_IsAReviewer()
    {
        using var reviewer = Client(Token(new() { ["roles"] = new[] { "Partenariat.Reviewer" } }));

        using var response = await reviewer.GetAsync(new Uri("/api/committee/pending", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task List_TokenForAnotherAudience_Answers401()
    {
        using var client = Client(Token(new() { ["siren"] = "123456782" }, audience: "api://other"));

        using var response = await client.GetAsync(new Uri("/api/requests", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task List_LandlordKeyBesideTokens_StillWorks()
    {
        using var client = _host!.CreateClient();
        client.DefaultRequestHeaders.Add(CallerAuthentication.HeaderName, "local-landlord-123456782-key");

        using var response = await client.GetAsync(new Uri("/api/requests", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private HttpClient Client(string token)
    {
        var client = _host!.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private string Token(Dictionary<string, object> claims, string audience = Audience) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = "test" }, SecurityAlgorithms.RsaSha256),
        });

    private sealed class FixedSource(SecurityKey key) : IJwtConfigurationSource
    {
        public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancellationToken = default)
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
            configuration.SigningKeys.Add(key);
            return Task.FromResult(configuration);
        }

        public void RequestRefresh()
        {
        }
    }
}
