using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;

namespace Partenariat.Domain.Reports;

/// <summary>
/// The steering committee's report on one convention period as of one day (Avenant 2020-2022,
/// article 4: the committee meets twice a year to take stock of the operations; Convention
/// 2017-2019, article 4: joint follow-up and evaluation). Built by <see cref="SteeringReports.Build"/>.
/// </summary>
/// <param name="ConventionId">The period.</param>
/// <param name="ConventionTitle">Its title.</param>
/// <param name="PeriodStart">Its first day.</param>
/// <param name="PeriodEnd">Its last day.</param>
/// <param name="AsOf">The day the report is for: ages, expiries and the forecast count from it.</param>
/// <param name="LandlordId">The landlord whose figures alone it shows, or null for every landlord's.</param>
/// <param name="Totals">The period's requests added up.</param>
/// <param name="Envelopes">The envelope lines.</param>
/// <param name="Dwellings">The operations and dwellings financed.</param>
/// <param name="Rights">The reservation rights.</param>
/// <param name="Pipeline">The requests under way.</param>
/// <param name="Forecast">Each line to the period's end, and the requests at risk of lapsing.</param>
/// <param name="Annexes">The amendment's Annexe 1 and Annexe 2.</param>
public sealed record SteeringReport(
    string ConventionId,
    string ConventionTitle,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    DateOnly AsOf,
    string? LandlordId,
    RequestTotals Totals,
    IReadOnlyList<EnvelopeLineReport> Envelopes,
    DwellingReport Dwellings,
    RightsReport Rights,
    PipelineReport Pipeline,
    ForecastReport Forecast,
    AnnexesReport Annexes);

/// <summary>The period's requests added up.</summary>
/// <param name="Requests">How many.</param>
/// <param name="ByStatus">How many in each status (statuses with none left out).</param>
/// <param name="Requested">The amounts asked.</param>
/// <param name="Approved">The amounts approved.</param>
/// <param name="Disbursed">The amounts paid.</param>
/// <param name="DwellingsRequested">The dwellings of every request.</param>
public sealed record RequestTotals(int Requests, IReadOnlyDictionary<RequestState, int> ByStatus, decimal Requested, decimal Approved, decimal Disbursed, DwellingCounts DwellingsRequested);

/// <summary>Dwellings per product.</summary>
public sealed record DwellingCounts(int Plai, int Plus, int Pls, int Li, int CollectiveStructure)
{
    /// <summary>None.</summary>
    public static DwellingCounts Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Every dwelling.</summary>
    public int Total => Plai + Plus + Pls + Li + CollectiveStructure;

    /// <summary>These and <paramref name="mix"/>'s.</summary>
    public DwellingCounts Add(DwellingMix mix)
    {
        ArgumentNullException.ThrowIfNull(mix);
        return new(Plai + mix.Plai, Plus + mix.Plus, Pls + mix.Pls, Li + mix.Li, CollectiveStructure + mix.CollectiveStructure);
    }
}

/// <summary>One envelope line: its credit now, its movements per year, and the same figures added up from the requests.</summary>
/// <param name="LineId">The line.</param>
/// <param name="Label">Its label.</param>
/// <param name="Planned">Its amount (null in a landlord's report: the line is not the landlord's).</param>
/// <param name="Reserved">Reserved for requests awaiting the committee.</param>
/// <param name="Committed">Committed to approved requests (paid amounts included).</param>
/// <param name="Disbursed">Paid.</param>
/// <param name="Lapsed">Lapsed at the period's end (null in a landlord's report).</param>
/// <param name="Remaining">What the line can still hold (null in a landlord's report).</param>
/// <param name="Shares">Each figure as a share of the planned amount, and the line's share of the period.</param>
/// <param name="Years">What moved on the line in each calendar year of the period, up to the report's year.</param>
/// <param name="FromRequests">The same figures added up from the requests: they equal the ledger's when the record is whole.</param>
public sealed record EnvelopeLineReport(
    string LineId,
    string Label,
    decimal? Planned,
    decimal Reserved,
    decimal Committed,
    decimal Disbursed,
    decimal? Lapsed,
    decimal? Remaining,
    EnvelopeShares? Shares,
    IReadOnlyList<EnvelopeYear> Years,
    RequestFigures FromRequests);

/// <summary>Shares of a line's planned amount, from 0 to 1.</summary>
public sealed record EnvelopeShares(decimal Reserved, decimal Committed, decimal Disbursed, decimal Remaining, decimal OfPeriod);

/// <summary>What moved on a line in one calendar year.</summary>
public sealed record EnvelopeYear(int Year, decimal Reserved, decimal Committed, decimal Disbursed, decimal Released, decimal Lapsed);

/// <summary>A line's figures added up from its requests.</summary>
public sealed record RequestFigures(int Requests, decimal Reserved, decimal Committed, decimal Disbursed);

/// <summary>The operations and dwellings financed (approved, not cancelled).</summary>
/// <param name="ByProduct">Dwellings per product, with their share.</param>
/// <param name="ByCommune">Per commune.</param>
/// <param name="ByDistrict">Per priority district (QPV); the rest under "outside QPV".</param>
/// <param name="ByNpnru">In the urban renewal programme, or not.</param>
/// <param name="Total">All of them.</param>
public sealed record DwellingReport(IReadOnlyList<ProductShare> ByProduct, IReadOnlyList<AreaRow> ByCommune, IReadOnlyList<AreaRow> ByDistrict, IReadOnlyList<AreaRow> ByNpnru, AreaRow Total);

/// <summary>Dwellings of one product and their share of all dwellings financed.</summary>
public sealed record ProductShare(DwellingProduct Product, int Dwellings, decimal Share);

/// <summary>The financing products, as the annexes name them.</summary>
public enum DwellingProduct
{
    /// <summary>PLAI.</summary>
    Plai,

    /// <summary>PLUS.</summary>
    Plus,

    /// <summary>PLS.</summary>
    Pls,

    /// <summary>Intermediate housing (LI).</summary>
    Li,

    /// <summary>Places in collective structures.</summary>
    CollectiveStructure,
}

/// <summary>Operations, dwellings and approved amounts of one group (a commune, a district, NPNRU or not), grants and loans apart.</summary>
public sealed record AreaRow(string Key, int Operations, DwellingCounts Dwellings, decimal Grants, decimal Loans);

/// <summary>The reservation rights recorded (planned at the decision, running once assigned, expired after their duration).</summary>
/// <param name="ByKind">Per kind.</param>
/// <param name="ByDuration">Per duration in years.</param>
/// <param name="ByLandlord">Per landlord.</param>
/// <param name="ByCommune">Per commune.</param>
/// <param name="ExpiringWithinAYear">Running rights whose end comes within a year of the report's day.</param>
/// <param name="Total">All of them.</param>
public sealed record RightsReport(
    IReadOnlyList<RightsRow> ByKind, IReadOnlyList<RightsRow> ByDuration, IReadOnlyList<RightsRow> ByLandlord, IReadOnlyList<RightsRow> ByCommune,
    IReadOnlyList<ExpiringRights> ExpiringWithinAYear, RightsRow Total);

/// <summary>Rights of one group, by where they stand on the report's day.</summary>
public sealed record RightsRow(string Key, int Requests, int Planned, int Running, int Expired);

/// <summary>Running rights that end within a year.</summary>
public sealed record ExpiringRights(string RequestId, string LandlordId, string Municipality, int Count, ReservationRightKind Kind, DateOnly EndDate);

/// <summary>The requests under way (not in a final state).</summary>
/// <param name="ByState">Per state: how many, the amount asked, whom they wait for, the oldest age.</param>
/// <param name="Requests">Each request, oldest in its state first.</param>
public sealed record PipelineReport(IReadOnlyList<PipelineState> ByState, IReadOnlyList<PipelineRequest> Requests);

/// <summary>The requests in one state.</summary>
public sealed record PipelineState(RequestState State, WaitingParty WaitingFor, int Requests, decimal Requested, int OldestDays);

/// <summary>A request under way: its age in its state and whom it waits for.</summary>
public sealed record PipelineRequest(string RequestId, string LandlordId, string LineId, string Municipality, RequestState State, DateTimeOffset Since, int AgeDays, WaitingParty WaitingFor, decimal Requested);

/// <summary>Each line to the period's end, and the requests at risk of lapsing (Avenant 2020-2022, article 3: uncommitted credit is not redeployed).</summary>
/// <param name="DaysToCommitment">The median days from submission to approval of the period's approved requests (or the default when none).</param>
/// <param name="Lines">Each line's forecast (empty in a landlord's report).</param>
/// <param name="AtRisk">The uncommitted requests unlikely to be committed before the period ends.</param>
public sealed record ForecastReport(int DaysToCommitment, IReadOnlyList<LineForecast> Lines, IReadOnlyList<AtRiskRequest> AtRisk);

/// <summary>One line to the period's end.</summary>
/// <param name="LineId">The line.</param>
/// <param name="Planned">Its amount.</param>
/// <param name="Committed">Committed so far.</param>
/// <param name="ElapsedDays">Days of the period gone by on the report's day.</param>
/// <param name="RemainingDays">Days left.</param>
/// <param name="PacePerDay">Committed per elapsed day so far.</param>
/// <param name="FromPace">What the pace adds by the period's end.</param>
/// <param name="FromPipeline">What the uncommitted requests not at risk would add.</param>
/// <param name="ForecastCommitted">Committed at the period's end: what is committed plus the larger of the two, at most the line.</param>
/// <param name="ForecastLapse">What would lapse: the line less the forecast.</param>
public sealed record LineForecast(
    string LineId, decimal Planned, decimal Committed, int ElapsedDays, int RemainingDays, decimal PacePerDay,
    decimal FromPace, decimal FromPipeline, decimal ForecastCommitted, decimal ForecastLapse);

/// <summary>An uncommitted request at risk of lapsing.</summary>
public sealed record AtRiskRequest(string RequestId, string LandlordId, string LineId, RequestState State, decimal Requested, DateOnly ExpectedCommitment, RiskReason Reason);

/// <summary>Why a request may lapse.</summary>
public enum RiskReason
{
    /// <summary>At the usual pace its commitment would come after the period's end.</summary>
    ExpectedAfterPeriodEnd,

    /// <summary>It is waitlisted: it will be committed only if credit is released on its line in time.</summary>
    WaitingForCredit,
}
