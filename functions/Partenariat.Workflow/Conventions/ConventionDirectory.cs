using Microsoft.Extensions.Configuration;
using Partenariat.Domain.Conventions;
using Partenariat.Domain.Territory;

namespace Partenariat.Workflow.Conventions;

/// <summary>
/// The conventions in force: the seeded 2017-2019 convention and 2020-2022 amendment, plus those
/// configured under <c>Partenariat:Conventions</c>, each with the instant its period closes.
/// </summary>
public sealed class ConventionDirectory
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Partenariat:Conventions";

    private static readonly TimeZoneInfo Paris = FindParis();
    private readonly Dictionary<string, DateTimeOffset> _closesAt;

    private ConventionDirectory(ConventionCatalog catalog, Dictionary<string, DateTimeOffset> closesAt)
    {
        Catalog = catalog;
        _closesAt = closesAt;
    }

    /// <summary>Every convention.</summary>
    public ConventionCatalog Catalog { get; }

    /// <summary>The territory (Dijon Métropole).</summary>
    public MetropolitanTerritory Territory { get; } = MetropolitanTerritory.DijonMetropole;

    /// <summary>When <paramref name="convention"/>'s period closes (no redeployment after it).</summary>
    public DateTimeOffset ClosesAt(Convention convention)
    {
        ArgumentNullException.ThrowIfNull(convention);
        if (_closesAt.TryGetValue(convention.Id, out var configured))
        {
            return configured;
        }

        var midnight = convention.Period.End.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Paris.GetUtcOffset(midnight));
    }

    /// <summary>Reads the configured conventions, validated with the domain's rules.</summary>
    /// <exception cref="InvalidOperationException">A configured convention is invalid; the message lists every error with its setting.</exception>
    public static ConventionDirectory FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration.GetSection(SectionName).Get<List<ConfiguredConvention>>() ?? [];
        var result = ConventionCatalog.CreateWithSeeds(configured.Select(c => c.Definition));
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException(
                $"The conventions under '{SectionName}' are not valid: " + string.Join(" ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        }

        var closesAt = configured
            .Where(c => c.ClosesAt is not null && c.Definition.Id is not null)
            .ToDictionary(c => c.Definition.Id!, c => c.ClosesAt!.Value, StringComparer.Ordinal);
        return new ConventionDirectory(result.Value!, closesAt);
    }

    private static TimeZoneInfo FindParis()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}

/// <summary>
/// Conventions added by configuration (section <c>Partenariat:Conventions</c>, a list of
/// <see cref="ConventionDefinition"/> with an optional <see cref="ConfiguredConvention.ClosesAt"/>),
/// beside the two seeded ones.
/// </summary>
public sealed class ConfiguredConvention
{
    /// <summary>The convention.</summary>
    public ConventionDefinition Definition { get; set; } = new();

    /// <summary>
    /// When the period closes, as an instant: by default the day after the period's last day at
    /// midnight, Paris time. Set it to close a demonstration period within minutes.
    /// </summary>
    public DateTimeOffset? ClosesAt { get; set; }
}
