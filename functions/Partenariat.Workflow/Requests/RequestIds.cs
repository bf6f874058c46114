using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Partenariat.Workflow.Requests;

/// <summary>
/// Financing request ids: <c>fr-</c>, the landlord's SIREN, <c>-</c>, 16 random hexadecimal digits
/// (e.g. <c>fr-123456782-3f2a9c0d41b7e655</c>). The id is also the orchestration's instance id, so
/// it is all a committee decision or an operator's cancellation carries; holding the landlord (the
/// view's partition) lets them read the request's view with a point read instead of a query across
/// every landlord's partition. A SIREN is a public company number: it tells nobody more than the
/// request's own view does, and another landlord's id still answers 404.
/// </summary>
public static partial class RequestIds
{
    /// <summary>What every request id starts with.</summary>
    public const string Prefix = "fr-";

    /// <summary>The first string after every id that starts with <see cref="Prefix"/> (for a range of row keys).</summary>
    public const string PrefixEnd = "fr.";

    /// <summary>A new id for a request of <paramref name="landlordId"/> (ids of landlords whose id is not a SIREN carry no landlord).</summary>
    public static string New(string landlordId)
    {
        ArgumentException.ThrowIfNullOrEmpty(landlordId);
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return Siren().IsMatch(landlordId) ? $"fr-{landlordId}-{random}" : $"fr-{random}";
    }

    /// <summary>The landlord an id names, or null when it names none (an id without a SIREN, or not a request id at all).</summary>
    public static string? LandlordOf(string requestId)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        var match = WithLandlord().Match(requestId);
        return match.Success ? match.Groups["siren"].Value : null;
    }

    /// <summary>
    /// True for an id of either form (<c>fr-</c>, a SIREN, <c>-</c>, 16 hexadecimal digits; or
    /// <c>fr-</c> and 16 hexadecimal digits): anything else names no request, and is answered so
    /// without asking storage (whose keys refuse some characters and lengths).
    /// </summary>
    public static bool IsWellFormed(string? requestId) =>
        requestId is not null && (WithLandlord().IsMatch(requestId) || WithoutLandlord().IsMatch(requestId));

    /// <summary>True for an id of the form that carries no landlord (<c>fr-</c> and 16 hexadecimal digits).</summary>
    public static bool IsWithoutLandlord(string requestId)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        return WithoutLandlord().IsMatch(requestId);
    }

    [GeneratedRegex(@"^[0-9]{9}$")]
    private static partial Regex Siren();

    [GeneratedRegex(@"^fr-(?<siren>[0-9]{9})-[0-9a-f]{16}$")]
    private static partial Regex WithLandlord();

    [GeneratedRegex(@"^fr-[0-9a-f]{16}$")]
    private static partial Regex WithoutLandlord();
}
