using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Partenariat.Workflow.Authentication;

/// <summary>
/// Bearer-token settings (section <c>Authentication:Jwt</c>): tokens issued by an OpenID Connect
/// authority (Entra ID in Azure) for this API's audience.
/// </summary>
public sealed class JwtSettings
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Authentication:Jwt";

    /// <summary>The authority, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>; its <c>.well-known/openid-configuration</c> gives the issuer and signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be for (the API's application id URI or client id).</summary>
    public string? Audience { get; set; }

    /// <summary>The claim that carries a landlord's SIREN (default <c>siren</c>).</summary>
    public string LandlordClaim { get; set; } = "siren";

    /// <summary>The app role of committee reviewers.</summary>
    public string ReviewerRole { get; set; } = "Partenariat.Reviewer";

    /// <summary>The app role of operators.</summary>
    public string OperatorRole { get; set; } = "Partenariat.Operator";

    /// <summary>The app role of the steering committee.</summary>
    public string SteeringRole { get; set; } = "Partenariat.Steering";

    /// <summary>Tolerated clock difference (default 2 minutes).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether bearer tokens are accepted: an authority and an audience are set.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(Audience);

    /// <summary>Reads the section.</summary>
    public static JwtSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new JwtSettings();
        configuration.GetSection(SectionName).Bind(settings);
        return settings;
    }
}

/// <summary>Where the issuer and signing keys of tokens come from (the authority's OpenID configuration; a fixed key in tests).</summary>
public interface IJwtConfigurationSource
{
    /// <summary>The issuer and its signing keys (cached by the source).</summary>
    Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancellationToken = default);

    /// <summary>Asks for a fresh configuration at the next call (the keys may have rolled over).</summary>
    void RequestRefresh();
}

/// <summary>The authority's <c>.well-known/openid-configuration</c>, fetched over HTTPS and cached (refreshed every 12 hours, or sooner on an unknown key).</summary>
public sealed class OpenIdConnectConfigurationSource(string authority) : IJwtConfigurationSource
{
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager = new(
        authority.TrimEnd('/') + "/.well-known/openid-configuration",
        new OpenIdConnectConfigurationRetriever(),
        new HttpDocumentRetriever { RequireHttps = true });

    /// <inheritdoc />
    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancellationToken = default) => _manager.GetConfigurationAsync(cancellationToken);

    /// <inheritdoc />
    public void RequestRefresh() => _manager.RequestRefresh();
}

/// <summary>
/// Validates bearer tokens (signature by the authority's keys, issuer, audience, lifetime) and maps
/// them to callers: the app role <see cref="JwtSettings.OperatorRole"/>,
/// <see cref="JwtSettings.ReviewerRole"/> or <see cref="JwtSettings.SteeringRole"/> (in the <c>roles</c> claim) to that role, else the
/// <see cref="JwtSettings.LandlordClaim"/> claim to a landlord. A token with none of them is nobody.
/// </summary>
public sealed partial class JwtBearerValidator
{
    private readonly JwtSettings _settings;
    private readonly IJwtConfigurationSource _source;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>A validator with <paramref name="settings"/>, taking keys from <paramref name="source"/>.</summary>
    public JwtBearerValidator(JwtSettings settings, IJwtConfigurationSource source, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.Audience);
        _settings = settings;
        _source = source;
        _time = time;
        _logger = logger;
    }

    /// <summary>The caller the token stands for, or null when it is not valid or names nobody.</summary>
    public async Task<Caller?> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var configuration = await _source.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = _settings.Audience,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = _settings.ClockSkew,
            LifetimeValidator = ValidateLifetime,
            RoleClaimType = "roles",
        };
        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                // The authority may have rolled its keys: fetch them again next time.
                _source.RequestRefresh();
            }

            LogRejected(result.Exception?.GetType().Name ?? "invalid", result.Exception?.Message ?? string.Empty);
            return null;
        }

        var identity = result.ClaimsIdentity;
        var roles = identity.FindAll("roles").Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        if (roles.Contains(_settings.OperatorRole))
        {
            return new Caller(CallerRole.Operator, "operator");
        }

        if (roles.Contains(_settings.ReviewerRole))
        {
            return new Caller(CallerRole.Reviewer, "reviewer");
        }

        if (roles.Contains(_settings.SteeringRole))
        {
            return new Caller(CallerRole.Steering, "steering");
        }

        if (identity.FindFirst(_settings.LandlordClaim)?.Value is { Length: > 0 } siren)
        {
            return new Caller(CallerRole.Landlord, siren);
        }

        LogNoClaim(_settings.LandlordClaim, identity.FindFirst("sub")?.Value ?? identity.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "?");
        return null;
    }

    // Lifetime by the injected clock, so that tests can move time.
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } end && now <= end.ToUniversalTime() + parameters.ClockSkew
            && (notBefore is not { } start || now + parameters.ClockSkew >= start.ToUniversalTime());
    }

    [LoggerMessage(EventId = 250, Level = LogLevel.Information, Message = "Bearer token refused ({Reason}): {Detail}")]
    private partial void LogRejected(string reason, string detail);

    [LoggerMessage(EventId = 251, Level = LogLevel.Information, Message = "Bearer token of {Subject} refused: no app role and no '{Claim}' claim")]
    private partial void LogNoClaim(string claim, string subject);
}
