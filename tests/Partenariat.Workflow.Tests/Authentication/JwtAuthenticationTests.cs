using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Tests.Authentication;

/// <summary>Bearer tokens, offline: signed with a test RSA key that the validator is given directly.</summary>
public sealed class JwtAuthenticationTests : IDisposable
{
    private const string Authority = "https://login.example.test/tenant/v2.0";
    private const string Audience = "api://partenariat";
    private const string Siren = "123456782";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));

    public JwtAuthenticationTests() => _key = new RsaSecurityKey(_rsa) { KeyId = "test-key" };

    [Fact]
    public async Task AuthenticateAsync_ValidTokenWithSiren_IsThatLandlord()
    {
        var caller = await Authentication().AuthenticateAsync(Request(Token()));

        Assert.Equal(new Caller(CallerRole.Landlord, Siren), caller);
    }

    [Fact]
    public async Task AuthenticateAsync_ConfiguredLandlordClaim_IsRead()
    {
        var authentication = Authentication(new() { ["Authentication:Jwt:LandlordClaim"] = "extension_siren" });

        var caller = await authentication.AuthenticateAsync(Request(Token(claims: new() { ["extension_siren"] = "987654324" })));

        Assert.Equal(new Caller(CallerRole.Landlord, "987654324"), caller);
    }

    [Theory]
    [InlineData("Partenariat.Reviewer", CallerRole.Reviewer)]
    [InlineData("Partenariat.Operator", CallerRole.Operator)]
    [InlineData("Partenariat.Steering", CallerRole.Steering)]
    public async Task AuthenticateAsync_AppRole_IsThatRole(string role, CallerRole expected)
    {
        var caller = await Authentication().AuthenticateAsync(Request(Token(claims: new() { ["roles"] = new[] { role } }, siren: null)));

        Assert.Equal(expected, caller?.Role);
    }

    [Fact]
    public async Task AuthenticateAsync_ExpiredToken_IsNobody()
    {
        var token = Token();
        _time.Advance(TimeSpan.FromHours(2));

        Assert.Null(await Authentication().AuthenticateAsync(Request(token)));
    }

    [Fact]
    public async Task AuthenticateAsync_WrongAudience_IsNobody() =>
        Assert.Null(await Authentication().AuthenticateAsync(Request(Token(audience: "api://someone-else"))));

    [Fact]
    public async Task AuthenticateAsync_WrongIssuer_IsNobody() =>
        Assert.Null(await Authentication().AuthenticateAsync(Request(Token(issuer: "https://login.example.test/other/v2.0"))));

    [Fact]
    public async Task AuthenticateAsync_MissingLandlordClaim_IsNobody() =>
        Assert.Null(await Authentication().AuthenticateAsync(Request(Token(siren: null))));

    [Fact]
    public async Task AuthenticateAsync_SignedByAnotherKey_IsNobody()
    {
        using var other = RSA.Create(2048);

        Assert.Null(await Authentication().AuthenticateAsync(Request(Token(key: new RsaSecurityKey(other) { KeyId = "test-key" }))));
    }

    [Fact]
    public async Task AuthenticateAsync_JwtNotConfigured_IgnoresBearerTokens()
    {
        var authentication = new CallerAuthentication(new ConfigurationBuilder().Build(), _time, jwtSource: new FixedSource(Authority, _key));

        Assert.False(authentication.AcceptsBearerTokens);
        Assert.Null(await authentication.AuthenticateAsync(Request(Token())));
    }

    [Fact]
    public async Task AuthenticateAsync_ApiKeyBesideJwt_StillWorks()
    {
        var authentication = Authentication(new() { ["Authentication:ApiKeys:987654324"] = "key-987654324" });
        var http = new DefaultHttpContext().Request;
        http.Headers[CallerAuthentication.HeaderName] = "key-987654324";

        Assert.Equal(new Caller(CallerRole.Landlord, "987654324"), await authentication.AuthenticateAsync(http));
        Assert.Equal(new Caller(CallerRole.Landlord, "987654324"), authentication.Authenticate(http));
    }

    [Fact]
    public void Authenticate_ValidToken_IsThatLandlordToo() =>
        Assert.Equal(new Caller(CallerRole.Landlord, Siren), Authentication().Authenticate(Request(Token())));

    public void Dispose() => _rsa.Dispose();

    private CallerAuthentication Authentication(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Authentication:Jwt:Authority"] = Authority,
            ["Authentication:Jwt:Audience"] = Audience,
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return new CallerAuthentication(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), _time, jwtSource: new FixedSource(Authority, _key));
    }

    private string Token(string issuer = Authority, string audience = Audience, string? siren = Siren, Dictionary<string, object>? claims = null, SecurityKey? key = null)
    {
        var all = new Dictionary<string, object>(claims ?? []) { ["sub"] = "user-1" };
        if (siren is not null)
        {
            all["siren"] = siren;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = all,
            SigningCredentials = new SigningCredentials(key ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static HttpRequest Request(string token)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers.Authorization = "Bearer " + token;
        return request;
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private sealed class FixedSource(string issuer, SecurityKey key) : IJwtConfigurationSource
    {
        public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancellationToken = default)
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = issuer };
            configuration.SigningKeys.Add(key);
            return Task.FromResult(configuration);
        }

        public void RequestRefresh()
        {
        }
    }
}
