using Partenariat.Domain.Conventions;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Audit;

/// <summary>
/// Makes a period's audit export from the features that own the records: each line's ledger through
/// <see cref="EnvelopeLedgerStore.GetRecordAsync"/>, each request's timeline through
/// <see cref="FinancingRequestStore"/> (the requests found from the views themselves, a query per
/// status, so that no request escapes the export).
/// </summary>
public sealed class AuditService(EnvelopeLedgerStore ledgers, FinancingRequestStore requests, TimeProvider timeProvider)
{
    /// <summary>The export of <paramref name="convention"/>.</summary>
    public async Task<AuditExport> ExportAsync(Convention convention, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(convention);
        var chains = new List<ExportedChain>();
        foreach (var line in convention.Lines)
        {
            var key = new EnvelopeLineKey(convention.Id, line.Id);
            var (head, entries) = await ledgers.GetRecordAsync(key, cancellationToken).ConfigureAwait(false);
            chains.Add(new ExportedChain(key.Value, ChainKind.Ledger, head, entries));
        }

        var views = new List<FinancingRequestView>();
        foreach (var status in Enum.GetValues<RequestState>())
        {
            views.AddRange((await requests.ListByStatusAsync(status, cancellationToken: cancellationToken).ConfigureAwait(false))
                .Where(v => v.Request.ConventionId == convention.Id));
        }

        foreach (var view in views.OrderBy(v => v.LandlordId, StringComparer.Ordinal).ThenBy(v => v.RequestId, StringComparer.Ordinal))
        {
            // The head first, then the entries up to it: a step recorded meanwhile adds entries after it.
            var stored = await requests.GetWithETagAsync(view.LandlordId, view.RequestId, cancellationToken).ConfigureAwait(false);
            var timeline = await requests.GetTimelineAsync(view.LandlordId, view.RequestId, cancellationToken).ConfigureAwait(false);
            chains.Add(new ExportedChain(
                FinancingRequestStore.TimelineChain(view.LandlordId, view.RequestId), ChainKind.Timeline,
                stored?.TimelineHead ?? Domain.Common.AuditChain.Genesis,
                [.. timeline.Select(t => t.Chained).Where(e => e.Sequence <= (stored?.TimelineLength ?? 0))]));
        }

        return new AuditExport(convention.Id, timeProvider.GetUtcNow(), chains);
    }
}
