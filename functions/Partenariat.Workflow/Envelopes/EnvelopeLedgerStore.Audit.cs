using System.Globalization;
using Azure.Data.Tables;
using Partenariat.Domain.Common;

namespace Partenariat.Workflow.Envelopes;

// A line's record for its audit: the chain of its entries and the head its line row keeps.
public sealed partial class EnvelopeLedgerStore
{
    /// <summary>
    /// The record of <paramref name="line"/>, for its export to an auditor: the head of its chain as
    /// the line row keeps it (<see cref="AuditChain.Genesis"/> for a line never touched) and every
    /// entry, in order, as stored (a query over the line's <c>e:</c> rows: for audits, not for the
    /// workflow's operations), up to the head read (a consistent chain while the line changes). The
    /// chain's name is the line's key.
    /// </summary>
    public async Task<(string Head, IReadOnlyList<ChainedEntry> Entries)> GetRecordAsync(EnvelopeLineKey line, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        // The head first, then the entries up to it: entries a change adds meanwhile come after it.
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(line.Value, LineRowKey, select: ["Head", "Sequence"], cancellationToken: cancellationToken).ConfigureAwait(false);
        var head = row is { HasValue: true, Value: { } lineRow } ? lineRow.GetString("Head") ?? AuditChain.Genesis : AuditChain.Genesis;
        var last = row is { HasValue: true, Value: { } sequenceRow } ? sequenceRow.GetInt64("Sequence") ?? 0 : 0;
        var entries = new List<ChainedEntry>();
        await foreach (var entry in QueryPrefixAsync(line.Value, EntryPrefix, cancellationToken).ConfigureAwait(false))
        {
            var sequence = long.Parse(entry.RowKey.AsSpan(EntryPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);
            if (sequence > last)
            {
                break;
            }

            entries.Add(new ChainedEntry(
                sequence,
                entry.GetString("PreviousHash") ?? string.Empty,
                entry.GetString("Entry") ?? string.Empty,
                entry.GetString("Hash") ?? string.Empty));
        }

        return (head, entries);
    }
}
