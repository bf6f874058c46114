using Partenariat.Domain.Common;

namespace Partenariat.Domain.ReservationRights;

/// <summary>Where reservation rights stand.</summary>
public enum ReservationRightStatus
{
    /// <summary>Planned at the decision (prévus).</summary>
    Planned,

    /// <summary>Assigned at delivery of the dwellings, running from their start date.</summary>
    Assigned,

    /// <summary>Over: the duration has ended.</summary>
    Expired,
}

/// <summary>
/// The reservation rights (droits de réservation) granted with one financing, as an immutable value:
/// <see cref="ReservationRightStatus.Planned"/> at the decision, <see cref="ReservationRightStatus.Assigned"/>
/// at delivery of the dwellings (with a start date), <see cref="ReservationRightStatus.Expired"/> at the end
/// of the duration. Illegal moves are refused with a reason. Since the ELAN law (2018) rights are managed
/// as an annual flow per landlord; this value records what the financing brought.
/// </summary>
public sealed record ReservationRight
{
    private ReservationRight(string requestId, ReservationRightTerms terms)
    {
        RequestId = requestId;
        Terms = terms;
    }

    /// <summary>The financing request the rights come from.</summary>
    public string RequestId { get; }

    /// <summary>Count, kind and duration.</summary>
    public ReservationRightTerms Terms { get; }

    /// <summary>Where the rights stand.</summary>
    public ReservationRightStatus Status { get; private init; }

    /// <summary>The first day the rights run (the delivery date); null while planned.</summary>
    public DateOnly? StartDate { get; private init; }

    /// <summary>
    /// The day the rights end: <see cref="StartDate"/> plus the duration in years (excluded: the rights run
    /// up to the day before). Null while planned.
    /// </summary>
    public DateOnly? EndDate => StartDate?.AddYears(Terms.DurationYears);

    /// <summary>The date the expiry was recorded; null until then.</summary>
    public DateOnly? ExpiredOn { get; private init; }

    /// <summary>Plans the rights at the decision.</summary>
    public static ReservationRight Plan(string requestId, ReservationRightTerms terms)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentNullException.ThrowIfNull(terms);
        return new ReservationRight(requestId, terms) { Status = ReservationRightStatus.Planned };
    }

    /// <summary>Assigns planned rights at delivery of the dwellings on <paramref name="deliveredOn"/>.</summary>
    public Result<ReservationRight> Assign(DateOnly deliveredOn) => Status == ReservationRightStatus.Planned
        ? Result.Success(this with { Status = ReservationRightStatus.Assigned, StartDate = deliveredOn })
        : Refuse("assigned", "only planned rights are assigned, at delivery of the dwellings");

    /// <summary>Records the end of assigned rights; refused before <see cref="EndDate"/>.</summary>
    public Result<ReservationRight> Expire(DateOnly asOf)
    {
        if (Status != ReservationRightStatus.Assigned)
        {
            return Refuse("expired", "only assigned rights expire, at the end of their duration");
        }

        return asOf < EndDate
            ? Result.Failure<ReservationRight>("asOf", ErrorCodes.OutOfRange, $"The rights of request '{RequestId}' run until {EndDate:yyyy-MM-dd} (excluded): they cannot expire on {asOf:yyyy-MM-dd}.")
            : Result.Success(this with { Status = ReservationRightStatus.Expired, ExpiredOn = asOf });
    }

    /// <summary>True when the rights are assigned and running on <paramref name="date"/>.</summary>
    public bool IsActiveOn(DateOnly date) => Status == ReservationRightStatus.Assigned && date >= StartDate && date < EndDate;

    private Result<ReservationRight> Refuse(string verb, string rule)
        => Result.Failure<ReservationRight>("status", ErrorCodes.InvalidState, $"Rights in status {Status} cannot be {verb}: {rule}.");
}
