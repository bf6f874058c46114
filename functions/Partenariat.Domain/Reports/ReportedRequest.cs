using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;

namespace Partenariat.Domain.Reports;

/// <summary>
/// One financing request as the steering committee's reports count it: where it stands and since
/// when, where its operation is, what it asked, what was approved and paid, the rights it brought.
/// The reports are computed from these alone (and the envelope lines' ledgers), never from a
/// request's whole history.
/// </summary>
/// <param name="RequestId">The request.</param>
/// <param name="LandlordId">Its landlord's SIREN.</param>
/// <param name="LineId">The envelope line it draws on.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="StatusSince">When it entered <paramref name="Status"/>.</param>
/// <param name="SubmittedAt">When it was submitted.</param>
/// <param name="Operation">Where the operation is and what it builds.</param>
/// <param name="Amounts">What was asked, approved and paid.</param>
/// <param name="Rights">The reservation rights decided, if any.</param>
public sealed record ReportedRequest(
    string RequestId,
    string LandlordId,
    string LineId,
    RequestState Status,
    DateTimeOffset StatusSince,
    DateTimeOffset SubmittedAt,
    ReportedOperation Operation,
    ReportedAmounts Amounts,
    ReportedRights? Rights)
{
    /// <summary>The states in which the request's credit is committed (the committee approved it and it was not cancelled).</summary>
    public static IReadOnlySet<RequestState> CommittedStates { get; } = new HashSet<RequestState>
    {
        RequestState.Approved, RequestState.Disbursing, RequestState.Disbursed, RequestState.RightsAssigned, RequestState.Closed,
    };

    /// <summary>The states before the commitment that the period's end turns into an expiry (Avenant 2020-2022, article 3: no redeployment).</summary>
    public static IReadOnlySet<RequestState> UncommittedStates { get; } = new HashSet<RequestState>
    {
        RequestState.Submitted, RequestState.UnderReview, RequestState.Waitlisted, RequestState.PendingCommittee, RequestState.InformationRequested,
    };

    /// <summary>The states in which credit is reserved on the line for the request, awaiting the committee.</summary>
    public static IReadOnlySet<RequestState> ReservedStates { get; } = new HashSet<RequestState>
    {
        RequestState.PendingCommittee, RequestState.InformationRequested,
    };

    /// <summary>Whether the operation is financed: approved, and not cancelled.</summary>
    public bool IsFinanced => CommittedStates.Contains(Status);

    /// <summary>What the request holds reserved on its line now.</summary>
    public decimal Reserved => ReservedStates.Contains(Status) ? Amounts.RequestedTotal : 0m;

    /// <summary>What the request holds committed on its line now: the approved amount, or what was paid of a cancelled one.</summary>
    public decimal Committed => IsFinanced ? Amounts.Approved : Status == RequestState.Cancelled ? Amounts.Disbursed : 0m;

    /// <summary>Whom the request waits for in its state; <see cref="WaitingParty.Nobody"/> once its life is over.</summary>
    public WaitingParty WaitingFor => Status switch
    {
        RequestState.Submitted or RequestState.UnderReview => WaitingParty.Services,
        RequestState.Waitlisted => WaitingParty.Credit,
        RequestState.PendingCommittee => WaitingParty.Committee,
        RequestState.InformationRequested or RequestState.Approved or RequestState.Disbursing => WaitingParty.Landlord,
        RequestState.Disbursed or RequestState.RightsAssigned => WaitingParty.Services,
        _ => WaitingParty.Nobody,
    };
}

/// <summary>The operation of a request, as the reports group it.</summary>
/// <param name="Municipality">Its commune, canonical name (or as entered when unknown).</param>
/// <param name="District">Its city-policy district, canonical name, or null.</param>
/// <param name="IsNpnru">Whether it is in the urban renewal programme (the request's flag or an NPNRU district).</param>
/// <param name="Dwellings">Its dwellings per product.</param>
public sealed record ReportedOperation(string Municipality, string? District, bool IsNpnru, DwellingMix Dwellings);

/// <summary>What a request asked of Action Logement, and what it got.</summary>
/// <param name="RequestedGrant">The grants asked.</param>
/// <param name="RequestedLoan">The loans and concessional loans asked.</param>
/// <param name="Approved">The amount approved (zero before or without an approval).</param>
/// <param name="DecidedOn">The day of the decision, once taken.</param>
/// <param name="Disbursed">What was paid so far.</param>
public sealed record ReportedAmounts(decimal RequestedGrant, decimal RequestedLoan, decimal Approved, DateOnly? DecidedOn, decimal Disbursed)
{
    /// <summary>Everything asked.</summary>
    public decimal RequestedTotal => RequestedGrant + RequestedLoan;

    /// <summary>
    /// The approved amount that is a grant: the approval split as the request was (assumption: a
    /// decision gives one amount, not one per line; docs/domain.md, "Reports").
    /// </summary>
    public decimal ApprovedGrant => RequestedTotal == 0m ? 0m : decimal.Round(Approved * RequestedGrant / RequestedTotal, 2, MidpointRounding.ToEven);

    /// <summary>The approved amount that is a loan: the rest of the approval.</summary>
    public decimal ApprovedLoan => Approved - ApprovedGrant;
}

/// <summary>The reservation rights a request brought, as recorded.</summary>
/// <param name="Count">How many.</param>
/// <param name="Kind">Single or recurring.</param>
/// <param name="DurationYears">Their duration.</param>
/// <param name="Status">As recorded (an assigned right past its end reads Expired by <see cref="StatusOn"/>).</param>
/// <param name="StartDate">The delivery date, once assigned.</param>
/// <param name="EndDate">The day they end (excluded), once assigned.</param>
public sealed record ReportedRights(int Count, ReservationRightKind Kind, int DurationYears, ReservationRightStatus Status, DateOnly? StartDate, DateOnly? EndDate)
{
    /// <summary>Where the rights stand on <paramref name="date"/>: assigned rights whose end has come are expired (the domain's <see cref="ReservationRight"/> rule).</summary>
    public ReservationRightStatus StatusOn(DateOnly date) =>
        Status == ReservationRightStatus.Assigned && EndDate is { } end && date >= end ? ReservationRightStatus.Expired : Status;
}

/// <summary>Whom a request waits for.</summary>
public enum WaitingParty
{
    /// <summary>Action Logement Services: its review, or the closing of the file.</summary>
    Services,

    /// <summary>Credit released on its line (the request is waitlisted).</summary>
    Credit,

    /// <summary>The committee's decision.</summary>
    Committee,

    /// <summary>The landlord: an answer, the works start order, the completion.</summary>
    Landlord,

    /// <summary>Nobody: the request's life is over.</summary>
    Nobody,
}
