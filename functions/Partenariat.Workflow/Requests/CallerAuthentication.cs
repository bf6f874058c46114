using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Partenariat.Workflow.Requests;

/// <summary>Who calls the API.</summary>
public enum CallerRole
{
    /// <summary>A social landlord, identified by its SIREN: sees only its own requests.</summary>
    Landlord,

    /// <summary>A committee reviewer: sees what awaits the committee.</summary>
    Reviewer,

    /// <summary>An operator of Action Logement Services: cancellations, poison decisions.</summary>
    Operator,
}

/// <summary>An authenticated caller.</summary>
/// <param name="Role">Its role.</param>
/// <param name="Id">The landlord's SIREN, or the role's name.</param>
public sealed record Caller(CallerRole Role, string Id);

/// <summary>
/// Authenticates API callers by key, the same way in both hosts: the <c>X-Api-Key</c> header
/// against <c>Authentication:ApiKeys:&lt;SIREN&gt;</c> (one key per landlord),
/// <c>Authentication:ReviewerApiKey</c> and <c>Authentication:OperatorApiKey</c>. A value still
/// reading <c>@Microsoft.KeyVault(...)</c> (an unresolved Key Vault reference) is never a key.
/// </summary>
public sealed class CallerAuthentication
{
    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";

    private readonly List<(byte[] Key, Caller Caller)> _keys = [];

    /// <summary>Reads the keys from configuration.</summary>
    public CallerAuthentication(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var landlord in configuration.GetSection("Authentication:ApiKeys").GetChildren())
        {
            Add(landlord.Value, new Caller(CallerRole.Landlord, landlord.Key));
        }

        Add(configuration["Authentication:ReviewerApiKey"], new Caller(CallerRole.Reviewer, "reviewer"));
        Add(configuration["Authentication:OperatorApiKey"], new Caller(CallerRole.Operator, "operator"));
    }

    /// <summary>The caller whose key the request carries, or null.</summary>
    public Caller? Authenticate(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var presented = request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

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
