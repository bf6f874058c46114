using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Partenariat.Workflow.Authentication;

namespace Partenariat.Testing;

/// <summary>
/// An identity provider of the tests' own: an RSA key, the tokens it signs, and the configuration a
/// validator reads (its issuer and key) in place of the authority's discovery document.
/// </summary>
public sealed class TestTokenIssuer : IJwtConfigurationSource, IDisposable
{
    /// <summary>The issuer the tests configure as the authority.</summary>
    public const string DefaultIssuer = "https://login.example.test/tenant/v2.0";

    private readonly RSA _rsa = RSA.Create(2048);

    /// <summary>An issuer named <paramref name="issuer"/>, with a fresh key.</summary>
    public TestTokenIssuer(string issuer = DefaultIssuer)
    {
        Issuer = issuer;
        Key = new RsaSecurityKey(_rsa) { KeyId = "test-key" };
    }

    /// <summary>The issuer's name (<c>iss</c>).</summary>
    public string Issuer { get; }

    /// <summary>The key the issuer signs with and publishes.</summary>
    public SecurityKey Key { get; }

    /// <summary>
    /// A token for <paramref name="audience"/> with <paramref name="claims"/>, valid for an hour from
    /// <paramref name="now"/>, signed with <paramref name="signingKey"/> (default <see cref="Key"/>) by
    /// <paramref name="issuer"/> (default <see cref="Issuer"/>).
    /// </summary>
    public string Token(DateTimeOffset now, string audience, IDictionary<string, object> claims, string? issuer = null, SecurityKey? signingKey = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.UtcDateTime.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey ?? Key, SecurityAlgorithms.RsaSha256),
        });

    /// <inheritdoc />
    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancellationToken = default)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
        configuration.SigningKeys.Add(Key);
        return Task.FromResult(configuration);
    }

    /// <inheritdoc />
    public void RequestRefresh()
    {
        // The configuration never changes: nothing to refresh.
    }

    /// <inheritdoc />
    public void Dispose() => _rsa.Dispose();
}
