using Partenariat.Domain.Conventions;
using Partenariat.Domain.Reports;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Envelopes;

namespace Partenariat.Workflow.Reports;

/// <summary>
/// Gathers what a period's report needs and has the domain compute it: each line's totals and
/// yearly movements (<see cref="EnvelopeLedgerStore"/>, two point reads of the line row each) and
/// the period's requests (<see cref="ReportProjectionStore"/>, one partition query).
/// </summary>
public sealed class ReportService(ConventionDirectory conventions, EnvelopeLedgerStore ledgers, ReportProjectionStore projection, TimeProvider timeProvider)
{
    /// <summary>Today, by the service's clock (UTC).</summary>
    public DateOnly Today => DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);

    /// <summary>The ids of every convention period.</summary>
    public IEnumerable<string> Conventions => conventions.Catalog.Conventions.Select(c => c.Id);

    /// <summary>The convention <paramref name="conventionId"/>, or null.</summary>
    public Convention? Find(string conventionId) => conventions.Catalog.Find(conventionId);

    /// <summary>The report on <paramref name="convention"/> as of <paramref name="asOf"/>, of every landlord or of <paramref name="landlordId"/> alone.</summary>
    public async Task<SteeringReport> BuildAsync(Convention convention, DateOnly asOf, string? landlordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(convention);
        var requests = projection.ListAsync(convention.Id, landlordId, cancellationToken);
        var lines = new List<LineLedger>();
        if (landlordId is null)
        {
            foreach (var line in convention.Lines)
            {
                var key = new EnvelopeLineKey(convention.Id, line.Id);
                var totals = await ledgers.GetTotalsAsync(key, cancellationToken).ConfigureAwait(false);
                var years = await ledgers.GetYearlyMovementsAsync(key, cancellationToken).ConfigureAwait(false);
                lines.Add(new LineLedger(line.Id, totals.Totals, years));
            }
        }

        return SteeringReports.Build(convention, asOf, landlordId, lines, await requests.ConfigureAwait(false), conventions.Territory);
    }
}
