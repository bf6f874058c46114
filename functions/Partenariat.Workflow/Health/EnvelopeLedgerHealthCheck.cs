using Microsoft.Extensions.Diagnostics.HealthChecks;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Envelopes;

namespace Partenariat.Workflow.Health;

/// <summary>
/// The envelope ledgers' invariants, checked on every line's totals (one point read per line):
/// nothing negative, nothing disbursed beyond what is committed, a line never over-committed, a
/// lapsed line's committed and lapsed credit adding up to its amount. A line whose totals break
/// them makes the service unhealthy, naming the line; the reconciler's passes check the totals
/// against every position (docs/operations.md).
/// </summary>
public sealed class EnvelopeLedgerHealthCheck(EnvelopeLedgerStore ledgers, ConventionDirectory conventions) : IHealthCheck
{
    /// <summary>The check's name in the health answer.</summary>
    public const string Name = "ledger";

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var broken = new List<string>();
        var lines = 0;
        foreach (var convention in conventions.Catalog.Conventions)
        {
            foreach (var line in convention.Lines)
            {
                lines++;
                try
                {
                    await ledgers.GetTotalsAsync(new EnvelopeLineKey(convention.Id, line.Id), cancellationToken).ConfigureAwait(false);
                }
                catch (ArgumentException exception)
                {
                    broken.Add(exception.Message);
                }
            }
        }

        return broken.Count == 0
            ? HealthCheckResult.Healthy($"{lines} envelope lines, their totals consistent")
            : new HealthCheckResult(context.Registration.FailureStatus, string.Join(" ", broken));
    }
}
