using Partenariat.Domain.Conventions;
using Partenariat.Domain.Envelopes;
using Partenariat.Domain.Requests;
using Partenariat.Domain.Territory;

namespace Partenariat.Domain.Reports;

/// <summary>A line's ledger as the reports read it: its totals now and what moved on it per calendar year.</summary>
/// <param name="LineId">The line.</param>
/// <param name="Totals">Its totals.</param>
/// <param name="Years">Per year, the amounts moved by kind (reserved, committed, disbursed, released, lapsed).</param>
public sealed record LineLedger(string LineId, LedgerTotals Totals, IReadOnlyDictionary<int, IReadOnlyDictionary<LedgerMovementKind, decimal>> Years);

/// <summary>
/// Builds the steering committee's report of a convention period from its lines' ledgers and its
/// requests (docs/domain.md, "Reports", says what each section computes and from which rule). Pure:
/// the day of the report and every figure come in as arguments.
/// </summary>
public static partial class SteeringReports
{
    /// <summary>
    /// Why <paramref name="asOf"/> cannot be the day of a report on <paramref name="convention"/>
    /// made on <paramref name="today"/>, or null when it can: it lies from the period's first day to today.
    /// </summary>
    public static string? AsOfProblem(Convention convention, DateOnly asOf, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(convention);
        if (asOf < convention.Period.Start)
        {
            return $"The period '{convention.Id}' starts on {convention.Period.Start:yyyy-MM-dd}: give an asOf date from then on.";
        }

        return asOf > today
            ? $"{asOf:yyyy-MM-dd} is in the future: the record holds what happened up to today ({today:yyyy-MM-dd}); give an asOf date up to today."
            : null;
    }

    /// <summary>The day a report is for when none is given: today, or the period's last day once it is over.</summary>
    public static DateOnly DefaultAsOf(Convention convention, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(convention);
        return today > convention.Period.End ? convention.Period.End : today;
    }

    /// <summary>
    /// The report on <paramref name="convention"/> as of <paramref name="asOf"/>: of every landlord,
    /// or of <paramref name="landlordId"/> alone (then its figures only: the lines' own totals, their
    /// yearly movements and forecast are left out).
    /// </summary>
    public static SteeringReport Build(
        Convention convention, DateOnly asOf, string? landlordId, IReadOnlyList<LineLedger> ledgers, IEnumerable<ReportedRequest> requests, MetropolitanTerritory territory)
    {
        ArgumentNullException.ThrowIfNull(convention);
        ArgumentNullException.ThrowIfNull(ledgers);
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(territory);
        var mine = requests.Where(r => landlordId is null || r.LandlordId == landlordId).OrderBy(r => r.RequestId, StringComparer.Ordinal).ToList();
        var envelopes = convention.Lines.Select(line => Envelope(convention, line, landlordId is null ? ledgers.FirstOrDefault(l => l.LineId == line.Id) : null, mine, asOf)).ToList();
        return new SteeringReport(
            convention.Id, convention.Title, convention.Period.Start, convention.Period.End, asOf, landlordId,
            Totals(mine), envelopes, Dwellings(mine, territory), Rights(mine, asOf), Pipeline(mine, asOf),
            Forecast(convention, asOf, landlordId is null ? envelopes : [], mine), AmendmentAnnexes.Build());
    }

    /// <summary>A share from 0 to 1, to four decimals; zero of nothing.</summary>
    public static decimal Share(decimal part, decimal whole) => whole == 0m ? 0m : decimal.Round(part / whole, 4, MidpointRounding.ToEven);

    private static RequestTotals Totals(IReadOnlyList<ReportedRequest> requests) => new(
        requests.Count,
        requests.GroupBy(r => r.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
        requests.Sum(r => r.Amounts.RequestedTotal),
        requests.Sum(r => r.Amounts.Approved),
        requests.Sum(r => r.Amounts.Disbursed),
        requests.Aggregate(DwellingCounts.Zero, (counts, r) => counts.Add(r.Operation.Dwellings)));

    private static EnvelopeLineReport Envelope(Convention convention, EnvelopeLine line, LineLedger? ledger, IReadOnlyList<ReportedRequest> requests, DateOnly asOf)
    {
        var onLine = requests.Where(r => r.LineId == line.Id).ToList();
        var fromRequests = new RequestFigures(onLine.Count, onLine.Sum(r => r.Reserved), onLine.Sum(r => r.Committed), onLine.Sum(r => r.Amounts.Disbursed));
        if (ledger is null)
        {
            // A landlord's own figures: what its requests hold on the line.
            return new EnvelopeLineReport(line.Id, line.Label, null, fromRequests.Reserved, fromRequests.Committed, fromRequests.Disbursed, null, null, null, [], fromRequests);
        }

        var totals = ledger.Totals;
        var remaining = totals.IsLapsed ? 0m : line.Amount - totals.Reserved - totals.Committed;
        var shares = new EnvelopeShares(
            Share(totals.Reserved, line.Amount), Share(totals.Committed, line.Amount), Share(totals.Disbursed, line.Amount), Share(remaining, line.Amount),
            Share(line.Amount, convention.TotalAmount));
        var years = convention.Period.Years.Where(y => y <= asOf.Year).Select(year =>
        {
            var moved = ledger.Years.GetValueOrDefault(year);
            decimal Of(LedgerMovementKind kind) => moved?.GetValueOrDefault(kind) ?? 0m;
            return new EnvelopeYear(year, Of(LedgerMovementKind.Reserved), Of(LedgerMovementKind.Committed), Of(LedgerMovementKind.Disbursed), Of(LedgerMovementKind.Released), Of(LedgerMovementKind.Lapsed));
        }).ToList();
        return new EnvelopeLineReport(line.Id, line.Label, line.Amount, totals.Reserved, totals.Committed, totals.Disbursed, totals.Lapsed, remaining, shares, years, fromRequests);
    }

    private static PipelineReport Pipeline(IReadOnlyList<ReportedRequest> requests, DateOnly asOf)
    {
        var underWay = requests
            .Where(r => r.WaitingFor != WaitingParty.Nobody)
            .Select(r => new PipelineRequest(
                r.RequestId, r.LandlordId, r.LineId, r.Operation.Municipality, r.Status, r.StatusSince, AgeDays(r.StatusSince, asOf), r.WaitingFor, r.Amounts.RequestedTotal))
            .OrderByDescending(r => r.AgeDays).ThenBy(r => r.RequestId, StringComparer.Ordinal)
            .ToList();
        var byState = underWay.GroupBy(r => r.State).OrderBy(g => g.Key)
            .Select(g => new PipelineState(g.Key, g.First().WaitingFor, g.Count(), g.Sum(r => r.Requested), g.Max(r => r.AgeDays)))
            .ToList();
        return new PipelineReport(byState, underWay);
    }

    /// <summary>Whole days from <paramref name="since"/> (its UTC day) to <paramref name="asOf"/>; zero for a later start.</summary>
    public static int AgeDays(DateTimeOffset since, DateOnly asOf) => Math.Max(0, asOf.DayNumber - DateOnly.FromDateTime(since.UtcDateTime).DayNumber);
}
