using System.Globalization;

namespace Partenariat.Testing;

/// <summary>Convention periods of the tests' own, as configuration (the shape of <c>Partenariat:Conventions</c>).</summary>
public static class SampleConventions
{
    /// <summary>
    /// The settings of a provisional amendment period <paramref name="conventionId"/> (2026-2027)
    /// with one production line <paramref name="lineId"/> of <paramref name="lineAmount"/> euros, at
    /// index <paramref name="index"/> of the conventions' list (index 0 replaces local.settings.json's
    /// demonstration period where that file is read), closing at <paramref name="closesAt"/> when given.
    /// </summary>
    public static Dictionary<string, string?> Settings(string conventionId, string lineId, decimal lineAmount, int index = 0, DateTimeOffset? closesAt = null)
    {
        var prefix = $"Partenariat:Conventions:{index.ToString(CultureInfo.InvariantCulture)}:";
        return new Dictionary<string, string?>
        {
            [prefix + "Definition:Id"] = conventionId,
            [prefix + "Definition:Title"] = "Test period",
            [prefix + "Definition:Kind"] = "Amendment",
            [prefix + "Definition:AmendsConventionId"] = "dijon-2020-2022",
            [prefix + "Definition:PeriodStart"] = "2026-01-01",
            [prefix + "Definition:PeriodEnd"] = "2027-12-31",
            [prefix + "Definition:AmountsAreProvisional"] = "true",
            [prefix + "Definition:Lines:0:Id"] = lineId,
            [prefix + "Definition:Lines:0:Label"] = "Production",
            [prefix + "Definition:Lines:0:Amount"] = lineAmount.ToString(CultureInfo.InvariantCulture),
            [prefix + "ClosesAt"] = closesAt?.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// Settings as the environment variables of a host's process: <c>__</c> for <c>:</c>, and no
    /// variable for a null value (unset).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> AsEnvironment(IReadOnlyDictionary<string, string?> settings) =>
        settings
            .Where(setting => setting.Value is not null)
            .Select(setting => KeyValuePair.Create(setting.Key.Replace(":", "__", StringComparison.Ordinal), setting.Value));
}
