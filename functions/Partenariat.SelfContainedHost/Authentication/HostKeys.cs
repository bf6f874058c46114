using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Diagnostics;

namespace Partenariat.SelfContainedHost.Authentication;

/// <summary>
/// The self-contained host's key, taken the way the Functions host takes its keys: the <c>code</c>
/// query parameter or the <c>x-functions-key</c> header. One operator key plays the part of the
/// Functions host's master key: it opens Durable's instance-management webhooks and the
/// function-level endpoints, and the check-status URLs carry it.
/// </summary>
internal sealed partial class HostKeys
{
    /// <summary>The setting that holds the operator key (environment: <c>Authentication__OperatorApiKey</c>).</summary>
    public const string OperatorKeySetting = "Authentication:OperatorApiKey";

    /// <summary>The query parameter that carries a key.</summary>
    public const string QueryParameter = "code";

    /// <summary>The header that carries a key.</summary>
    public const string Header = "x-functions-key";

    // What the App Service platform leaves in a setting whose Key Vault reference it cannot resolve.
    private const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

    private readonly byte[]? _operatorKey;

    private HostKeys(string? operatorKey)
    {
        OperatorKey = operatorKey;
        _operatorKey = operatorKey is null ? null : Encoding.UTF8.GetBytes(operatorKey);
    }

    /// <summary>The operator key, or null when none is set (then every keyed endpoint answers 401).</summary>
    public string? OperatorKey { get; }

    /// <summary>
    /// Reads the operator key. A blank value, or a Key Vault reference the platform left unresolved
    /// (<c>@Microsoft.KeyVault(...)</c>), counts as not set.
    /// </summary>
    public static HostKeys From(IConfiguration configuration, ILogger<HostKeys> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(logger);
        var value = configuration[OperatorKeySetting]?.Trim();
        if (string.IsNullOrEmpty(value) || value.StartsWith(UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase))
        {
            LogNoOperatorKey(logger, OperatorKeySetting);
            return new HostKeys(null);
        }

        return new HostKeys(value);
    }

    /// <summary>The key the request carries: the <c>x-functions-key</c> header, else the <c>code</c> query parameter.</summary>
    public static string? KeyOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers[Header].ToString();
        return header.Length > 0 ? header : request.Query[QueryParameter].ToString() is { Length: > 0 } code ? code : null;
    }

    /// <summary>Whether the request carries the operator key (compared in constant time).</summary>
    public bool IsOperator(HttpRequest request)
    {
        if (_operatorKey is null || KeyOf(request) is not { } key)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), _operatorKey);
    }

    /// <summary>
    /// Answers 401 with no body, as the Functions host does (the status-code pages that turn this
    /// host's bare errors into problem details are turned off for it).
    /// </summary>
    public static IResult Unauthorized(HttpContext context, bool bearerChallenge)
    {
        ArgumentNullException.ThrowIfNull(context);
        DisableStatusCodePages(context);
        if (bearerChallenge)
        {
            // The Functions host's answer on its webhooks.
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return TypedResults.Unauthorized();
    }

    /// <summary>Leaves a bodiless error as it is, as the Functions host answers it.</summary>
    public static void DisableStatusCodePages(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "No operator key is set ({Setting}): Durable's instance-management webhooks and the function-level endpoints answer 401")]
    private static partial void LogNoOperatorKey(ILogger logger, string setting);
}

/// <summary>Endpoint filters that require a key, as the Functions host's authorization levels do.</summary>
internal static class KeyRequirements
{
    /// <summary>
    /// <c>AuthorizationLevel.Function</c>: the request must carry a key (here, the operator key);
    /// else 401 with no body.
    /// </summary>
    public static TBuilder RequireFunctionKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireKey(bearerChallenge: false);

    /// <summary>
    /// The key of Durable's webhooks (the Functions host's <c>durabletask_extension</c> system key or
    /// master key; here, the operator key); else 401 with a <c>WWW-Authenticate: Bearer</c> challenge.
    /// </summary>
    public static TBuilder RequireOperatorKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireKey(bearerChallenge: true);

    private static TBuilder RequireKey<TBuilder>(this TBuilder builder, bool bearerChallenge)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new KeyRequired(bearerChallenge ? "System" : "Function")).AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<HostKeys>().IsOperator(context.HttpContext.Request)
                ? await next(context)
                : HostKeys.Unauthorized(context.HttpContext, bearerChallenge));
}

/// <summary>Endpoint metadata: the endpoint needs a key, at the Functions host's authorization level <paramref name="Level"/>.</summary>
internal sealed record KeyRequired(string Level);
