using Partenariat.Domain.Common;

namespace Partenariat.Domain.Territory;

/// <summary>
/// The communes and districts of a metropolis, with lookups tolerant of case, accents, hyphens and
/// apostrophes that always answer with the canonical names. <see cref="DijonMetropole"/> holds the
/// data of the conventions; build another instance to change it (e.g. the SRU list).
/// </summary>
public sealed class MetropolitanTerritory
{
    private static readonly string[] LeadingArticles = ["le ", "la ", "les ", "l "];

    private readonly Dictionary<string, Municipality> _municipalities = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Municipality, string District), PriorityDistrict> _districts = [];

    /// <summary>Builds a territory; names and aliases must be unique, and districts lie in known communes.</summary>
    /// <exception cref="ArgumentException">A name is repeated, or a district's commune is unknown.</exception>
    public MetropolitanTerritory(IEnumerable<Municipality> municipalities, IEnumerable<PriorityDistrict> districts)
    {
        ArgumentNullException.ThrowIfNull(municipalities);
        ArgumentNullException.ThrowIfNull(districts);
        Municipalities = municipalities.ToArray();
        Districts = districts.ToArray();
        foreach (var m in Municipalities)
        {
            ArgumentNullException.ThrowIfNull(m);
            foreach (var name in m.Aliases.Prepend(m.Name))
            {
                if (!_municipalities.TryAdd(TextKey.Fold(name), m))
                {
                    throw new ArgumentException($"The commune name '{name}' is given twice.", nameof(municipalities));
                }
            }
        }

        foreach (var d in Districts)
        {
            ArgumentNullException.ThrowIfNull(d);
            var municipality = FindMunicipality(d.Municipality)
                ?? throw new ArgumentException($"District '{d.Name}' lies in unknown commune '{d.Municipality}'.", nameof(districts));
            if (!string.Equals(municipality.Name, d.Municipality, StringComparison.Ordinal)
                || !_districts.TryAdd((municipality.Name, DistrictKey(d.Name)), d))
            {
                throw new ArgumentException($"District '{d.Name}' is repeated or does not use its commune's canonical name.", nameof(districts));
            }
        }
    }

    /// <summary>
    /// Dijon Métropole: 23 communes since 2019 (Neuilly-Crimolois answers to Neuilly-lès-Dijon and
    /// Crimolois); QPV Le Mail (Chenôve, NPNRU national interest), Fontaine d'Ouche (Dijon, NPNRU
    /// regional interest), Grésilles (Dijon), Bief du Moulin (Longvic), Belvédère (Talant); QV Guynemer
    /// (Longvic), Centre-Ville (Quetigny); SRU-deficit communes Chevigny-Saint-Sauveur, Dijon,
    /// Fontaine-lès-Dijon, Marsannay-la-Côte, Saint-Apollinaire.
    /// </summary>
    public static MetropolitanTerritory DijonMetropole { get; } = new(
        [
            Commune("Ahuy"),
            Commune("Bressey-sur-Tille"),
            Commune("Bretenière"),
            Commune("Chenôve"),
            Commune("Chevigny-Saint-Sauveur", sruDeficit: true),
            Commune("Corcelles-les-Monts"),
            Commune("Daix"),
            Commune("Dijon", sruDeficit: true),
            Commune("Fénay"),
            Commune("Flavignerot"),
            Commune("Fontaine-lès-Dijon", sruDeficit: true),
            Commune("Hauteville-lès-Dijon"),
            Commune("Longvic"),
            Commune("Magny-sur-Tille"),
            Commune("Marsannay-la-Côte", sruDeficit: true),
            Commune("Neuilly-Crimolois", false, "Neuilly-lès-Dijon", "Crimolois"),
            Commune("Ouges"),
            Commune("Perrigny-lès-Dijon"),
            Commune("Plombières-lès-Dijon"),
            Commune("Quetigny"),
            Commune("Saint-Apollinaire", sruDeficit: true),
            Commune("Sennecey-lès-Dijon"),
            Commune("Talant"),
        ],
        [
            new("Le Mail", "Chenôve", DistrictKind.Qpv, NpnruInterest.National),
            new("Fontaine d'Ouche", "Dijon", DistrictKind.Qpv, NpnruInterest.Regional),
            new("Grésilles", "Dijon", DistrictKind.Qpv, NpnruInterest.None),
            new("Bief du Moulin", "Longvic", DistrictKind.Qpv, NpnruInterest.None),
            new("Belvédère", "Talant", DistrictKind.Qpv, NpnruInterest.None),
            new("Guynemer", "Longvic", DistrictKind.Qv, NpnruInterest.None),
            new("Centre-Ville", "Quetigny", DistrictKind.Qv, NpnruInterest.None),
        ]);

    /// <summary>The communes, in the order given.</summary>
    public IReadOnlyList<Municipality> Municipalities { get; }

    /// <summary>The districts, in the order given.</summary>
    public IReadOnlyList<PriorityDistrict> Districts { get; }

    /// <summary>
    /// The commune named <paramref name="name"/> (canonical name or alias, any case, with or without
    /// accents), or null. E.g. "chenove" finds Chenôve, "Crimolois" finds Neuilly-Crimolois.
    /// </summary>
    public Municipality? FindMunicipality(string? name)
        => string.IsNullOrWhiteSpace(name) ? null : _municipalities.GetValueOrDefault(TextKey.Fold(name));

    /// <summary>
    /// The district named <paramref name="districtName"/> in commune <paramref name="municipalityName"/>,
    /// or null when the commune is unknown or the district does not lie in it. A leading article is
    /// optional ("La Fontaine d'Ouche", "les Grésilles").
    /// </summary>
    public PriorityDistrict? FindDistrict(string? municipalityName, string? districtName)
    {
        var municipality = FindMunicipality(municipalityName);
        return municipality is null || string.IsNullOrWhiteSpace(districtName)
            ? null
            : _districts.GetValueOrDefault((municipality.Name, DistrictKey(districtName)));
    }

    /// <summary>The districts named <paramref name="districtName"/> in any commune (to explain a mismatch).</summary>
    public IReadOnlyList<PriorityDistrict> FindDistrictsNamed(string? districtName)
    {
        if (string.IsNullOrWhiteSpace(districtName))
        {
            return [];
        }

        var key = DistrictKey(districtName);
        return _districts.Where(kv => kv.Key.District == key).Select(kv => kv.Value).ToArray();
    }

    /// <summary>The districts of a commune (by any accepted name); empty when unknown.</summary>
    public IReadOnlyList<PriorityDistrict> DistrictsOf(string? municipalityName)
    {
        var municipality = FindMunicipality(municipalityName);
        return municipality is null ? [] : Districts.Where(d => d.Municipality == municipality.Name).ToArray();
    }

    private static Municipality Commune(string name, bool sruDeficit = false, params string[] aliases) => new(name, aliases, sruDeficit);

    private static string DistrictKey(string name)
    {
        var key = TextKey.Fold(name);
        foreach (var article in LeadingArticles)
        {
            if (key.StartsWith(article, StringComparison.Ordinal) && key.Length > article.Length)
            {
                return key[article.Length..];
            }
        }

        return key;
    }
}
