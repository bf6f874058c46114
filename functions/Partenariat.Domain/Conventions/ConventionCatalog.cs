using Partenariat.Domain.Common;

namespace Partenariat.Domain.Conventions;

/// <summary>
/// The conventions the system knows. <see cref="Default"/> holds the two seeded ones;
/// <see cref="Create"/> and <see cref="CreateWithSeeds"/> build a catalogue from configuration data,
/// returning every configuration error (paths like <c>conventions[2].lines[0].amount</c>) instead of throwing.
/// </summary>
public sealed class ConventionCatalog
{
    private readonly Dictionary<string, Convention> _byId;

    private ConventionCatalog(IReadOnlyList<Convention> conventions)
    {
        Conventions = conventions;
        _byId = conventions.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    /// <summary>The catalogue of the two seeded conventions (2017-2019 and 2020-2022).</summary>
    public static ConventionCatalog Default { get; } = Create(SeededConventions.All).Value
        ?? throw new InvalidOperationException("The seeded conventions are invalid.");

    /// <summary>The conventions, in the order given.</summary>
    public IReadOnlyList<Convention> Conventions { get; }

    /// <summary>Builds a catalogue from definitions, or returns every error found in them.</summary>
    public static Result<ConventionCatalog> Create(IEnumerable<ConventionDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var list = definitions.ToArray();
        var errors = Validate(list);
        if (errors.Count > 0)
        {
            return Result.Failure<ConventionCatalog>(errors);
        }

        return Result.Success(new ConventionCatalog(list.Select(Build).ToArray()));
    }

    /// <summary>Builds a catalogue of the seeded conventions followed by <paramref name="additional"/> ones.</summary>
    public static Result<ConventionCatalog> CreateWithSeeds(IEnumerable<ConventionDefinition> additional)
    {
        ArgumentNullException.ThrowIfNull(additional);
        return Create([.. SeededConventions.All, .. additional]);
    }

    /// <summary>Every error in <paramref name="definitions"/>; empty when they can form a catalogue.</summary>
    public static IReadOnlyList<ValidationError> Validate(IEnumerable<ConventionDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var list = definitions.ToArray();
        var errors = new List<ValidationError>();
        var ids = list.Select(d => d?.Id).OfType<string>().Where(id => id.Trim().Length > 0).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Length; i++)
        {
            var path = $"conventions[{i}]";
            var definition = list[i];
            if (definition is null)
            {
                errors.Add(new(path, ErrorCodes.Required, "Give the convention's definition."));
                continue;
            }

            if (!string.IsNullOrWhiteSpace(definition.Id) && !seen.Add(definition.Id))
            {
                errors.Add(new($"{path}.id", ErrorCodes.Duplicate, $"Convention id '{definition.Id}' is used twice: give each convention its own id."));
            }

            ValidateOne(definition, path, ids, errors);
        }

        return errors;
    }

    /// <summary>The convention with id <paramref name="id"/>, or null.</summary>
    public Convention? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.GetValueOrDefault(id);
    }

    /// <summary>The conventions whose period contains <paramref name="date"/>.</summary>
    public IReadOnlyList<Convention> OpenOn(DateOnly date) => Conventions.Where(c => c.Period.Contains(date)).ToArray();

    private static void ValidateOne(ConventionDefinition d, string path, HashSet<string> ids, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(d.Id))
        {
            errors.Add(new($"{path}.id", ErrorCodes.Required, "Give the convention an id, e.g. 'dijon-2023-2025'."));
        }

        if (string.IsNullOrWhiteSpace(d.Title))
        {
            errors.Add(new($"{path}.title", ErrorCodes.Required, "Give the convention a title."));
        }

        if (!Enum.IsDefined(d.Kind))
        {
            errors.Add(new($"{path}.kind", ErrorCodes.InvalidValue, "Kind must be FrameworkAgreement or Amendment."));
        }
        else if (d.Kind == ConventionKind.Amendment)
        {
            if (string.IsNullOrWhiteSpace(d.AmendsConventionId))
            {
                errors.Add(new($"{path}.amendsConventionId", ErrorCodes.Required, "An amendment must name the convention it amends."));
            }
            else if (!ids.Contains(d.AmendsConventionId) || string.Equals(d.AmendsConventionId, d.Id, StringComparison.Ordinal))
            {
                errors.Add(new($"{path}.amendsConventionId", ErrorCodes.Unknown, $"The amended convention '{d.AmendsConventionId}' is not another convention of the catalogue."));
            }
        }
        else if (!string.IsNullOrWhiteSpace(d.AmendsConventionId))
        {
            errors.Add(new($"{path}.amendsConventionId", ErrorCodes.NotApplicable, "Only an amendment amends another convention: remove amendsConventionId or set kind to Amendment."));
        }

        var periodValid = d.PeriodStart < d.PeriodEnd;
        if (!periodValid)
        {
            errors.Add(new($"{path}.periodEnd", ErrorCodes.DatesOutOfOrder, $"The period must end after it starts (start {d.PeriodStart:yyyy-MM-dd}, end {d.PeriodEnd:yyyy-MM-dd})."));
        }

        var lineIds = new HashSet<string>(StringComparer.Ordinal);
        var lines = d.Lines ?? [];
        if (lines.Count == 0)
        {
            errors.Add(new($"{path}.lines", ErrorCodes.Required, "Give the convention at least one envelope line."));
        }

        for (var j = 0; j < lines.Count; j++)
        {
            var linePath = $"{path}.lines[{j}]";
            var line = lines[j];
            if (line is null)
            {
                errors.Add(new(linePath, ErrorCodes.Required, "Give the envelope line."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(line.Id))
            {
                errors.Add(new($"{linePath}.id", ErrorCodes.Required, "Give the envelope line an id."));
            }
            else if (!lineIds.Add(line.Id))
            {
                errors.Add(new($"{linePath}.id", ErrorCodes.Duplicate, $"Line id '{line.Id}' is used twice in this convention: make line ids unique."));
            }

            if (line.Amount < 0)
            {
                errors.Add(new($"{linePath}.amount", ErrorCodes.MustNotBeNegative, "A line's amount must be zero or more."));
            }
            else if (!Amounts.IsWholeCents(line.Amount))
            {
                errors.Add(new($"{linePath}.amount", ErrorCodes.WholeCents, "A line's amount must be in whole cents."));
            }
        }

        var actuals = d.Actuals ?? [];
        var actualKeys = new HashSet<(string, int)>();
        for (var k = 0; k < actuals.Count; k++)
        {
            var actualPath = $"{path}.actuals[{k}]";
            var actual = actuals[k];
            if (actual is null)
            {
                errors.Add(new(actualPath, ErrorCodes.Required, "Give the actual amount."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(actual.LineId) || !lineIds.Contains(actual.LineId))
            {
                errors.Add(new($"{actualPath}.lineId", ErrorCodes.Unknown, $"Line '{actual.LineId}' is not a line of this convention."));
            }
            else if (!actualKeys.Add((actual.LineId, actual.Year)))
            {
                errors.Add(new($"{actualPath}.year", ErrorCodes.Duplicate, $"Line '{actual.LineId}' has two actuals for {actual.Year}: give one per line and year."));
            }

            if (periodValid && (actual.Year < d.PeriodStart.Year || actual.Year > d.PeriodEnd.Year))
            {
                errors.Add(new($"{actualPath}.year", ErrorCodes.OutOfRange, $"Year {actual.Year} is outside the period {d.PeriodStart.Year}-{d.PeriodEnd.Year}."));
            }

            if (actual.Amount < 0)
            {
                errors.Add(new($"{actualPath}.amount", ErrorCodes.MustNotBeNegative, "An actual amount must be zero or more."));
            }
        }
    }

    private static Convention Build(ConventionDefinition d) => new(
        d.Id!,
        d.Title!,
        d.Kind,
        d.Kind == ConventionKind.Amendment ? d.AmendsConventionId : null,
        new DatePeriod(d.PeriodStart, d.PeriodEnd),
        d.AmountsAreProvisional,
        (d.Lines ?? []).Select(l => new EnvelopeLine(l.Id!, string.IsNullOrWhiteSpace(l.Label) ? l.Id! : l.Label, l.Amount)).ToArray(),
        (d.Actuals ?? []).Select(a => new AnnualActual(a.LineId!, a.Year, a.Amount)).ToArray());
}
