using Partenariat.Domain.Conventions;
using Partenariat.Domain.Requests;

namespace Partenariat.Domain.Reports;

// The forecast: each line to the period's end, and the requests at risk of lapsing.
public static partial class SteeringReports
{
    /// <summary>
    /// Days from submission to approval assumed while the period has no approved request to learn
    /// them from (assumption; docs/domain.md, "Reports").
    /// </summary>
    public const int DefaultDaysToCommitment = 60;

    private static ForecastReport Forecast(Convention convention, DateOnly asOf, IReadOnlyList<EnvelopeLineReport> envelopes, IReadOnlyList<ReportedRequest> requests)
    {
        var daysToCommitment = MedianDaysToCommitment(requests);
        var period = convention.Period;
        var atRisk = new List<AtRiskRequest>();
        var safe = new List<ReportedRequest>();
        foreach (var request in requests.Where(r => ReportedRequest.UncommittedStates.Contains(r.Status)))
        {
            var expected = ExpectedCommitment(request, asOf, daysToCommitment);
            RiskReason? reason = request.Status == RequestState.Waitlisted ? RiskReason.WaitingForCredit
                : expected > period.End ? RiskReason.ExpectedAfterPeriodEnd
                : null;
            if (reason is { } why)
            {
                atRisk.Add(new AtRiskRequest(request.RequestId, request.LandlordId, request.LineId, request.Status, request.Amounts.RequestedTotal, expected, why));
            }
            else
            {
                safe.Add(request);
            }
        }

        // Days of the period on the report's day: from its first day to asOf, both included, at most the whole period.
        var totalDays = period.End.DayNumber - period.Start.DayNumber + 1;
        var elapsed = Math.Clamp(asOf.DayNumber - period.Start.DayNumber + 1, 0, totalDays);
        var remaining = totalDays - elapsed;
        var lines = envelopes.Where(e => e.Planned is not null).Select(e =>
        {
            var planned = e.Planned!.Value;
            var pace = elapsed == 0 ? 0m : decimal.Round(e.Committed / elapsed, 2, MidpointRounding.ToEven);
            var fromPace = pace * remaining;
            var fromPipeline = safe.Where(r => r.LineId == e.LineId).Sum(r => r.Amounts.RequestedTotal);
            var forecast = Math.Min(planned, e.Committed + Math.Max(fromPace, fromPipeline));
            return new LineForecast(e.LineId, planned, e.Committed, elapsed, remaining, pace, fromPace, fromPipeline, forecast, planned - forecast);
        }).ToList();
        return new ForecastReport(
            daysToCommitment, lines,
            [.. atRisk.OrderBy(r => r.ExpectedCommitment).ThenBy(r => r.RequestId, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// When an uncommitted request would be committed at the period's usual pace: its submission
    /// plus <paramref name="daysToCommitment"/>, and not before <paramref name="asOf"/>.
    /// </summary>
    public static DateOnly ExpectedCommitment(ReportedRequest request, DateOnly asOf, int daysToCommitment)
    {
        ArgumentNullException.ThrowIfNull(request);
        var expected = DateOnly.FromDateTime(request.SubmittedAt.UtcDateTime).AddDays(daysToCommitment);
        return expected < asOf ? asOf : expected;
    }

    /// <summary>The median whole days from submission to decision of the approved requests (lower median), or <see cref="DefaultDaysToCommitment"/> when none.</summary>
    public static int MedianDaysToCommitment(IEnumerable<ReportedRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var days = requests
            .Where(r => r.Amounts.DecidedOn is not null && r.Amounts.Approved > 0m)
            .Select(r => Math.Max(0, r.Amounts.DecidedOn!.Value.DayNumber - DateOnly.FromDateTime(r.SubmittedAt.UtcDateTime).DayNumber))
            .Order()
            .ToList();
        return days.Count == 0 ? DefaultDaysToCommitment : days[(days.Count - 1) / 2];
    }
}
