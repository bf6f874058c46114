using Partenariat.Domain.Common;

namespace Partenariat.Domain.ReservationRights;

/// <summary>The kind of a reservation right (droit de réservation).</summary>
public enum ReservationRightKind
{
    /// <summary>Single right (droit unique): one allocation.</summary>
    SingleRight,

    /// <summary>Recurring right (droit de suite): an allocation at every vacancy during the right's duration.</summary>
    RecurringRight,
}

/// <summary>The reservation rights granted with a financing: how many, which kind, for how long.</summary>
public sealed record ReservationRightTerms
{
    /// <summary>The longest duration accepted, in years (assumption: same bound as loans).</summary>
    public const int MaxDurationYears = 60;

    private ReservationRightTerms(int count, ReservationRightKind kind, int durationYears)
    {
        Count = count;
        Kind = kind;
        DurationYears = durationYears;
    }

    /// <summary>The number of rights (one per dwelling reserved), at least 1.</summary>
    public int Count { get; }

    /// <summary>Single or recurring.</summary>
    public ReservationRightKind Kind { get; }

    /// <summary>The duration in years (1 to <see cref="MaxDurationYears"/>), e.g. 30 in the NPNRU.</summary>
    public int DurationYears { get; }

    /// <summary>Creates terms from input, or returns every error (fields under <paramref name="prefix"/>).</summary>
    public static Result<ReservationRightTerms> Create(int count, ReservationRightKind? kind, int? durationYears, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var errors = new List<ValidationError>();
        if (count < 1)
        {
            errors.Add(new($"{prefix}rightsCount", ErrorCodes.MustBePositive, "Give at least one reservation right."));
        }

        if (kind is null)
        {
            errors.Add(new($"{prefix}rightsKind", ErrorCodes.Required, "Say whether the rights are SingleRight or RecurringRight."));
        }
        else if (!Enum.IsDefined(kind.Value))
        {
            errors.Add(new($"{prefix}rightsKind", ErrorCodes.InvalidValue, "The rights' kind must be SingleRight or RecurringRight."));
        }

        if (durationYears is null)
        {
            errors.Add(new($"{prefix}rightsDurationYears", ErrorCodes.Required, "Give the rights' duration in years."));
        }
        else if (durationYears is < 1 or > MaxDurationYears)
        {
            errors.Add(new($"{prefix}rightsDurationYears", ErrorCodes.OutOfRange, $"A right lasts 1 to {MaxDurationYears} years; {durationYears} is outside that range."));
        }

        return errors.Count > 0
            ? Result.Failure<ReservationRightTerms>(errors)
            : Result.Success(new ReservationRightTerms(count, kind!.Value, durationYears!.Value));
    }
}
