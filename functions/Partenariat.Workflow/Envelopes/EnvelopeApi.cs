using Microsoft.AspNetCore.Http;
using Partenariat.Domain.Envelopes;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Http;

namespace Partenariat.Workflow.Envelopes;

/// <summary>The state of one envelope line of one convention period.</summary>
/// <param name="ConventionId">The convention (period).</param>
/// <param name="ConventionTitle">Its title.</param>
/// <param name="PeriodStart">The period's first day.</param>
/// <param name="PeriodEnd">The period's last day.</param>
/// <param name="LineId">The envelope line.</param>
/// <param name="Label">The line's label.</param>
/// <param name="Planned">The line's planned amount (montant prévisionnel).</param>
/// <param name="Reserved">Credit reserved for requests awaiting the committee.</param>
/// <param name="Committed">Credit committed to approved requests (disbursed amounts included).</param>
/// <param name="Disbursed">Amount paid out.</param>
/// <param name="Remaining">What the line can still hold; zero once lapsed.</param>
/// <param name="Lapsed">Credit that lapsed at the period's end (no redeployment).</param>
/// <param name="IsLapsed">Whether the period's end has lapsed the line.</param>
/// <param name="ReservedRequests">How many requests hold a reservation.</param>
/// <param name="CommittedRequests">How many requests hold a commitment.</param>
/// <param name="ClosesAt">For the open period only: the instant it closes, after which uncommitted requests expire.</param>
/// <param name="WaitlistedRequests">How many requests wait on the line's waitlist.</param>
public sealed record EnvelopeLineState(
    string ConventionId,
    string ConventionTitle,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    string LineId,
    string Label,
    decimal Planned,
    decimal Reserved,
    decimal Committed,
    decimal Disbursed,
    decimal Remaining,
    decimal Lapsed,
    bool IsLapsed,
    int ReservedRequests,
    int CommittedRequests,
    DateTimeOffset? ClosesAt,
    int WaitlistedRequests);

/// <summary>The envelopes' state.</summary>
/// <param name="Lines">Every line of every convention, conventions in catalogue order.</param>
public sealed record EnvelopesView(IReadOnlyList<EnvelopeLineState> Lines);

/// <summary>
/// GET /api/envelopes, shared by both hosts: the state of each envelope line per convention period,
/// read from each line's totals (one point read per line), for any authenticated caller.
/// </summary>
public sealed class EnvelopeApi(CallerAuthentication authentication, EnvelopeLedgerStore ledgers, ConventionDirectory conventions, TimeProvider timeProvider)
{
    /// <summary>The route, under host.json's prefix.</summary>
    public const string Route = "envelopes";

    /// <summary>GET /api/envelopes: every line's planned, reserved, committed, disbursed, remaining and lapsed credit.</summary>
    public async Task<IResult> ListAsync(HttpRequest http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (await authentication.AuthenticateAsync(http, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.Unauthenticated();
        }

        return ApiResults.Ok(await ReadAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The envelopes' state now.</summary>
    public async Task<EnvelopesView> ReadAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var lines = new List<EnvelopeLineState>();
        foreach (var convention in conventions.Catalog.Conventions)
        {
            var closesAt = conventions.ClosesAt(convention);
            var isOpen = convention.Period.Start <= today && now < closesAt;
            foreach (var line in convention.Lines)
            {
                var ledger = await ledgers.GetTotalsAsync(new EnvelopeLineKey(convention.Id, line.Id), cancellationToken).ConfigureAwait(false);
                lines.Add(new EnvelopeLineState(
                    convention.Id, convention.Title, convention.Period.Start, convention.Period.End, line.Id, line.Label,
                    ledger.Planned, ledger.Reserved, ledger.Committed, ledger.Disbursed, ledger.Remaining, ledger.Lapsed, ledger.IsLapsed,
                    ledger.Totals.ReservedRequests,
                    ledger.Totals.CommittedRequests,
                    isOpen && !ledger.IsLapsed ? closesAt : null,
                    ledger.Totals.WaitlistedRequests));
            }
        }

        return new EnvelopesView(lines);
    }
}
