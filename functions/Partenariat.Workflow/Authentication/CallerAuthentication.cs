using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Partenariat.Workflow.Authentication;

/// <summary>Who calls the API.</summary>
public enum CallerRole
{
    /// <summary>A social landlord, identified by its SIREN: sees only its own requests.</summary>
    Landlord,

    /// <summary>A committee reviewer: sees what awaits the committee.</summary>
    Reviewer,

    /// <summary>An operator of Action Logement Services: cancellations, poison decisions.</summary>
    Operator,

    /// <summary>The steering committee (comité de pilotage): every landlord's reports and the audit export.</summary>
    Steering,
}

/// <summary>An authenticated caller.</summary>
/// <param name="Role">Its role.</param>
/// <param name="Id">The landlord's SIREN, or the role's name.</param>
public sealed record Caller(CallerRole Role, string Id);

/// <summary>
/// Authenticates API callers, the same way in both hosts: by key, the <c>X-Api-Key</c> header
/// against <c>Authentication:ApiKeys:&lt;SIREN&gt;</c> (one key per landlord),
/// <c>Authentication:ReviewerApiKey</c>, <c>Authentication:OperatorApiKey</c> and
/// <c>Authentication:SteeringApiKey</c> (a value still
/// reading <c>@Microsoft.KeyVault(...)</c>, an unresolved Key Vault reference, is never a key); and,
/// when <c>Authentication:Jwt:Authority</c> and <c>Audience</c> are set, by an
/// <c>Authorization: Bearer</c> token of that authority (see <see cref="JwtBearerValidator"/>).
/// </summary>
public sealed class CallerAuthentication
{
    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";

    private const string BearerPrefix = "Bearer ";

    private readonly List<(byte[] Key, Caller Caller)> _keys = [];
    private readonly JwtBearerValidator? _jwt;

    /// <summary>
    /// Reads the keys and the bearer-token settings from configuration; tokens' issuer and keys come
    /// from <paramref name="jwtSource"/> where given (tests), else from the authority's OpenID configuration.
    /// </summary>
    public CallerAuthentication(IConfiguration configuration, TimeProvider? time = null, ILogger<CallerAuthentication>? logger = null, IJwtConfigurationSource? jwtSource = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var jwt = JwtSettings.From(configuration);
        if (jwt.IsEnabled)
        {
            _jwt = new JwtBearerValidator(jwt, jwtSource ?? new OpenIdConnectConfigurationSource(jwt.Authority!), time ?? TimeProvider.System, (ILogger?)logger ?? NullLogger.Instance);
        }

        foreach (var landlord in configuration.GetSection("Authentication:ApiKeys").GetChildren())
        {
            Add(landlord.Value, new Caller(CallerRole.Landlord, landlord.Key));
        }

        Add(configuration["Authentication:ReviewerApiKey"], new Caller(CallerRole.Reviewer, "reviewer"));
        Add(configuration["Authentication:OperatorApiKey"], new Caller(CallerRole.Operator, "operator"));
        Add(configuration["Authentication:SteeringApiKey"], new Caller(CallerRole.Steering, "steering"));
    }

    /// <summary>Whether bearer tokens are accepted.</summary>
    public bool AcceptsBearerTokens => _jwt is not null;

    /// <summary>The caller whose key or bearer token the request carries, or null.</summary>
    public async ValueTask<Caller?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.IsNullOrEmpty(request.Headers[HeaderName].ToString()))
        {
            return ByKey(request);
        }

        return BearerToken(request) is { } token ? await _jwt!.ValidateAsync(token, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>
    /// The caller whose key or bearer token the request carries, or null. A bearer token makes it
    /// wait for the authority's configuration the first time (then it is cached): prefer
    /// <see cref="AuthenticateAsync"/>.
    /// </summary>
    public Caller? Authenticate(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.IsNullOrEmpty(request.Headers[HeaderName].ToString()))
        {
            return ByKey(request);
        }

        return BearerToken(request) is { } token ? _jwt!.ValidateAsync(token).GetAwaiter().GetResult() : null;
    }

    private string? BearerToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return _jwt is not null && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && authorization.Length > BearerPrefix.Length
            ? authorization[BearerPrefix.Length..].Trim()
            : null;
    }

    private Caller? ByKey(HttpRequest request)
    {
        var presented = request.Headers[HeaderName].ToString();

        var bytes = Encoding.UTF8.GetBytes(presented);
        Caller? found = null;
        foreach (var (key, caller) in _keys)
        {
            // Compare every key in constant time, so timing tells nothing about which one is close.
            if (key.Length == bytes.Length && CryptographicOperations.FixedTimeEquals(key, bytes))
            {
                found = caller;
            }
        }

        return found;
    }

    private void Add(string? key, Caller caller)
    {
        if (!string.IsNullOrWhiteSpace(key) && !key.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            _keys.Add((Encoding.UTF8.GetBytes(key), caller));
        }
    }
}
