using Partenariat.Domain.Common;

namespace Partenariat.Domain.Disbursements;

/// <summary>
/// When a milestone (the works start order, the completion declaration) may be dated (assumption:
/// the documents are silent): not before the request was submitted, since a tranche pays what the
/// financing was asked for, and not after today, since a milestone is reported once it happened.
/// The date of the completion is the reservation rights' start date: both bounds keep them from
/// running, or ending, before the decision that grants them.
/// </summary>
public static class MilestoneDates
{
    /// <summary>The errors of <paramref name="date"/> as the date of a milestone of a request submitted on <paramref name="submittedOn"/>, reported on <paramref name="today"/>.</summary>
    public static IReadOnlyList<ValidationError> Validate(DateOnly date, DateOnly submittedOn, DateOnly today, string field = "date")
    {
        ArgumentNullException.ThrowIfNull(field);
        if (date > today)
        {
            return [new(field, ErrorCodes.OutOfRange, $"A milestone is reported once it happened: {date:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}). Report it on the day, or after.")];
        }

        return date < submittedOn
            ? [new(field, ErrorCodes.OutOfRange, $"{date:yyyy-MM-dd} is before the request was submitted ({submittedOn:yyyy-MM-dd}): a milestone of the financed operation is dated from {submittedOn:yyyy-MM-dd} to today ({today:yyyy-MM-dd}).")]
            : [];
    }
}
