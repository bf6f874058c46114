using Partenariat.Domain.Common;

namespace Partenariat.Domain.Landlords;

/// <summary>A social landlord (bailleur social), the beneficiary who submits financing requests.</summary>
public sealed record SocialLandlord
{
    private SocialLandlord(string name, Siren siren, LandlordKind kind)
    {
        Name = name;
        Siren = siren;
        Kind = kind;
    }

    /// <summary>The landlord's name.</summary>
    public string Name { get; }

    /// <summary>The landlord's SIREN.</summary>
    public Siren Siren { get; }

    /// <summary>The landlord's legal kind.</summary>
    public LandlordKind Kind { get; }

    /// <summary>Creates a landlord from user input, or returns every error (fields <c>name</c>, <c>siren</c>, <c>kind</c>).</summary>
    public static Result<SocialLandlord> Create(string? name, string? siren, LandlordKind? kind)
    {
        var errors = Validate(name, siren, kind, string.Empty);
        return errors.Count > 0
            ? Result.Failure<SocialLandlord>(errors)
            : Result.Success(new SocialLandlord(name!.Trim(), Siren.Parse(siren).Value!, kind!.Value));
    }

    /// <summary>Every error in the given landlord fields, with paths under <paramref name="prefix"/>.</summary>
    internal static List<ValidationError> Validate(string? name, string? siren, LandlordKind? kind, string prefix)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new($"{prefix}name", ErrorCodes.Required, "Give the landlord's name."));
        }
        else
        {
            errors.AddRange(TextRules.Check($"{prefix}name", name, InputLimits.MaxNameLength));
        }

        errors.AddRange(Siren.Parse(siren, $"{prefix}siren").Errors);
        if (kind is null)
        {
            errors.Add(new($"{prefix}kind", ErrorCodes.Required, "Give the landlord's kind: Oph, Esh, Cooperative, Sem, ApprovedNonProfit or LocalAuthority."));
        }
        else if (!Enum.IsDefined(kind.Value))
        {
            errors.Add(new($"{prefix}kind", ErrorCodes.InvalidValue, "The landlord's kind must be Oph, Esh, Cooperative, Sem, ApprovedNonProfit or LocalAuthority."));
        }

        return errors;
    }
}
