using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Partenariat.Testing;
using Partenariat.Workflow.Authentication;

namespace Partenariat.Workflow.Tests.Authentication;

/// <summary>Bearer tokens, offline: signed with a test RSA key that the validator is given directly.</summary>
public sealed class JwtAuthenticationTests : IDisposable
{
    private const string Authority = TestTokenIssuer.DefaultIssuer;
    private const string Audience = "api://partenariat";
    private const string Siren = "123456782";

    private readonly TestTokenIssuer _issuer = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AuthenticateAsync_ValidTokenWithSiren_IsThatLandlord()
    {
        var caller = await Authentication().AuthenticateAsync(TestRequests.WithBearer(Token()));

        Assert.Equal(new Caller(CallerRole.Landlord, Siren), caller);
    }

    [Fact]
    public async Task AuthenticateAsync_ConfiguredLandlordClaim_IsRead()
    {
        var authentication = Authentication(new() { ["Authentication:Jwt:LandlordClaim"] = "extension_siren" });

        var caller = await authentication.AuthenticateAsync(TestRequests.WithBearer(Token(claims: new() { ["extension_siren"] = "987654324" })));

        Assert.Equal(new Caller(CallerRole.Landlord, "987654324"), caller);
    }

    [Theory]
    [InlineData("Partenariat.Reviewer", CallerRole.Reviewer)]
    [InlineData("Partenariat.Operator", CallerRole.Operator)]
    [InlineData("Partenariat.Steering", CallerRole.Steering)]
    public async Task AuthenticateAsync_AppRole_IsThatRole(string role, CallerRole expected)
    {
        var caller = await Authentication().AuthenticateAsync(TestRequests.WithBearer(Token(claims: new() { ["roles"] = new[] { role } }, siren: null)));

        Assert.Equal(expected, caller?.Role);
    }

    [Fact]
    public async Task AuthenticateAsync_ExpiredToken_IsNobody()
    {
        var token = Token();
        _time.Advance(TimeSpan.FromHours(2));

        Assert.Null(await Authentication().AuthenticateAsync(TestRequests.WithBearer(token)));
    }

    [Fact]
    public async Task AuthenticateAsync_WrongAudience_IsNobody() =>
        Assert.Null(await Authentication().AuthenticateAsync(TestRequests.WithBearer(Token(audience: "api://someone-else"))));

    [Fact]
    public async Task AuthenticateAsync_WrongIssuer_IsNobody() =>
        Assert.Null(await Authentication().AuthenticateAsync(TestRequests.WithBearer(Token(issuer: "https://login.example.test/other/v2.0"))));

    [Fact]
    public async Task AuthenticateAsync_MissingLandlordClaim_IsNobody() =>
        Assert.Null(await Authentication().AuthenticateAsync(TestRequests.WithBearer(Token(siren: null))));

    [Fact]
    public async Task AuthenticateAsync_SignedByAnotherKey_IsNobody()
    {
        using var other = RSA.Create(2048);

        Assert.Null(await Authentication().AuthenticateAsync(TestRequests.WithBearer(Token(key: new RsaSecurityKey(other) { KeyId = "test-key" }))));
    }

    [Fact]
    public async Task AuthenticateAsync_JwtNotConfigured_IgnoresBearerTokens()
    {
        var authentication = new CallerAuthentication(new ConfigurationBuilder().Build(), _time, jwtSource: _issuer);

        Assert.False(authentication.AcceptsBearerTokens);
        Assert.Null(await authentication.AuthenticateAsync(TestRequests.WithBearer(Token())));
    }

    [Fact]
    public async Task AuthenticateAsync_ApiKeyBesideJwt_StillWorks()
    {
        var authentication = Authentication(new() { ["Authentication:ApiKeys:987654324"] = "key-987654324" });
        var http = TestRequests.With("key-987654324");

        Assert.Equal(new Caller(CallerRole.Landlord, "987654324"), await authentication.AuthenticateAsync(http));
        Assert.Equal(new Caller(CallerRole.Landlord, "987654324"), authentication.Authenticate(http));
    }

    [Fact]
    public void Authenticate_ValidToken_IsThatLandlordToo() =>
        Assert.Equal(new Caller(CallerRole.Landlord, Siren), Authentication().Authenticate(TestRequests.WithBearer(Token())));

    public void Dispose() => _issuer.Dispose();

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

        return new CallerAuthentication(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), _time, jwtSource: _issuer);
    }

    private string Token(string issuer = Authority, string audience = Audience, string? siren = Siren, Dictionary<string, object>? claims = null, SecurityKey? key = null)
    {
        var all = new Dictionary<string, object>(claims ?? []) { ["sub"] = "user-1" };
        if (siren is not null)
        {
            all["siren"] = siren;
        }

        return _issuer.Token(_time.GetUtcNow(), audience, all, issuer, key);
    }
}
