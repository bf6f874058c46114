using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Partenariat.Domain.Common;
using Partenariat.Domain.Envelopes;
using Partenariat.Workflow.Http;

namespace Partenariat.Workflow.Envelopes;

// The rows of a line's partition: how the line row (totals, totals per year, the chain's head) and
// a position row are read, and how an operation's change is written (one transaction).
public sealed partial class EnvelopeLedgerStore
{
    private const string PositionColumn = "Position";

    private static readonly LedgerMovementKind[] YearlyKinds =
        [LedgerMovementKind.Reserved, LedgerMovementKind.Committed, LedgerMovementKind.Disbursed, LedgerMovementKind.Released, LedgerMovementKind.Lapsed];

    /// <summary>
    /// The amounts a line moved in each calendar year, by kind (reserved, committed, disbursed,
    /// released, lapsed), from its line row alone: what the reports by year read.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyDictionary<LedgerMovementKind, decimal>>> GetYearlyMovementsAsync(EnvelopeLineKey line, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        var read = await ReadAsync(line, requestId: null, known: null, kept: null, cancellationToken).ConfigureAwait(false);
        return read.Years
            .Select(y => (Parsed: ParseYearColumn(y.Key), y.Value))
            .Where(y => y.Parsed is not null)
            .GroupBy(y => y.Parsed!.Value.Year)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<LedgerMovementKind, decimal>)g.ToDictionary(y => y.Parsed!.Value.Kind, y => y.Value));
    }

    /// <summary>The transaction that stores an operation's change, and where in it the request's position row is written (with its content).</summary>
    private (List<TableTransactionAction> Actions, (int Index, string Content)? Position) Changes(
        EnvelopeLineKey line, string? requestId, LineRead read, LedgerResult result, LedgerMovement movement, DateOnly on, PaymentOrder? payment)
    {
        var partition = line.Value;
        var after = result.Ledger;
        var sequence = read.Record.Sequence + 1;
        var entry = new LedgerEntry(sequence, on, movement, after.Totals);
        var content = JsonSerializer.Serialize(entry, PartenariatJson.Options);
        var hash = AuditChain.Hash(partition, sequence, read.Record.Head, content);
        var record = read.Record with { Version = read.Record.Version + 1, Sequence = sequence, Head = hash };

        var actions = new List<TableTransactionAction>();
        (int, string)? written = null;
        var lineRow = LineRow(partition, after.Totals, record, read.Years, movement, on);
        actions.Add(read.ETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, lineRow, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, lineRow));
        actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, EntryPrefix + Sequence(sequence))
        {
            ["Entry"] = content,
            ["PreviousHash"] = read.Record.Head,
            ["Hash"] = hash,
        }));
        if (movement.RequestId is { } moved && after.Find(moved) is { } position)
        {
            var waitKey = read.Position?.WaitKey;
            if (movement.Kind == LedgerMovementKind.Waitlisted)
            {
                waitKey = WaitlistPrefix + Sequence(sequence);
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, waitKey)
                {
                    ["RequestId"] = moved,
                    ["Amount"] = Amount(position.Waiting),
                }));
            }
            else if (waitKey is not null && position.Status != LedgerPositionStatus.Waitlisted)
            {
                // Left the waitlist (reserved, or released): its row goes with the change.
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, waitKey), ETag.All));
                waitKey = null;
            }

            var row = PositionRow(partition, position, waitKey);
            written = (actions.Count, row.GetString(PositionColumn));
            actions.Add((moved == requestId ? read.Known : null) switch
            {
                // The version the caller knew: written only over that very row (or where none exists).
                { Exists: true } known => new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, new ETag(known.ETag!)),
                { } => new TableTransactionAction(TableTransactionActionType.Add, row),
                null => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row),
            });
        }

        if (payment is not null && movement.Kind == LedgerMovementKind.Disbursed)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, PaymentPrefix + payment.DisbursementId)
            {
                ["RequestId"] = payment.RequestId,
                ["Order"] = JsonSerializer.Serialize(payment, PartenariatJson.Options),
            }));
        }

        return (actions, written);
    }

    /// <summary>
    /// The line row and, for a request, its position: read, or taken from the line row <paramref name="kept"/>
    /// by this process and the <paramref name="known"/> version.
    /// </summary>
    private async Task<LineRead> ReadAsync(EnvelopeLineKey line, string? requestId, PositionVersion? known, TableEntity? kept, CancellationToken cancellationToken)
    {
        var convention = conventions.Catalog.Find(line.ConventionId) ?? throw new ArgumentException($"No convention '{line.ConventionId}'.", nameof(line));
        var envelopeLine = convention.FindLine(line.LineId) ?? throw new ArgumentException($"Convention '{line.ConventionId}' has no line '{line.LineId}'.", nameof(line));
        // Two point reads, at once: the line row (unless kept) and the request's position (unless its version is known).
        var lineRead = kept is null ? _table.GetEntityIfExistsAsync<TableEntity>(line.Value, LineRowKey, cancellationToken: cancellationToken) : null;
        known = requestId is null ? null : known;
        var version = known;
        if (requestId is not null && known is null)
        {
            var positionRow = await _table.GetEntityIfExistsAsync<TableEntity>(line.Value, PositionPrefix + requestId, cancellationToken: cancellationToken).ConfigureAwait(false);
            version = positionRow is { HasValue: true, Value: { } p } ? new PositionVersion(p.GetString(PositionColumn), p.ETag.ToString()) : PositionVersion.None;
        }

        var row = kept ?? (lineRead is null ? null : await lineRead.ConfigureAwait(false) is { HasValue: true, Value: { } found } ? found : null);
        var stored = requestId is not null && version is { Exists: true } v ? ReadPosition(requestId, v.Content!) : ((LedgerPosition, string?)?)null;
        if (row is null)
        {
            var opened = EnvelopeLedger.Restore(envelopeLine, convention.Period, LedgerTotals.Empty, stored is { } s ? [s.Item1] : []);
            return new LineRead(opened, null, new LineRecord(0, 0, AuditChain.Genesis), ImmutableDictionary<string, decimal>.Empty, stored?.Item2 is { } k ? new StoredPositionKey(k) : null)
            {
                Version = version,
                Known = known,
            };
        }

        var totals = new LedgerTotals(
            ParseAmount(row.GetString("Reserved")),
            ParseAmount(row.GetString("Committed")),
            ParseAmount(row.GetString("Disbursed")),
            ParseAmount(row.GetString("Lapsed")),
            row.GetBoolean("IsLapsed") ?? false,
            row.GetInt32("ReservedRequests") ?? 0,
            row.GetInt32("CommittedRequests") ?? 0,
            row.GetInt32("WaitlistedRequests") ?? 0);
        var record = new LineRecord(row.GetInt64("Version") ?? 0, row.GetInt64("Sequence") ?? 0, row.GetString("Head") ?? AuditChain.Genesis);
        var years = row.Keys.Where(k => ParseYearColumn(k) is not null).ToImmutableDictionary(k => k, k => ParseAmount(row.GetString(k)), StringComparer.Ordinal);
        var ledger = EnvelopeLedger.Restore(envelopeLine, convention.Period, totals, stored is { } held ? [held.Item1] : []);
        return new LineRead(ledger, row.ETag, record, years, stored?.Item2 is { } key ? new StoredPositionKey(key) : null)
        {
            Version = version,
            Known = known,
            Row = row,
        };
    }

    private static TableEntity LineRow(string partition, LedgerTotals totals, LineRecord record, ImmutableDictionary<string, decimal> years, LedgerMovement movement, DateOnly on)
    {
        var row = new TableEntity(partition, LineRowKey)
        {
            ["Version"] = record.Version,
            ["Sequence"] = record.Sequence,
            ["Head"] = record.Head,
            ["Reserved"] = Amount(totals.Reserved),
            ["Committed"] = Amount(totals.Committed),
            ["Disbursed"] = Amount(totals.Disbursed),
            ["Lapsed"] = Amount(totals.Lapsed),
            ["IsLapsed"] = totals.IsLapsed,
            ["ReservedRequests"] = totals.ReservedRequests,
            ["CommittedRequests"] = totals.CommittedRequests,
            ["WaitlistedRequests"] = totals.WaitlistedRequests,
        };
        foreach (var (column, amount) in years)
        {
            row[column] = Amount(amount);
        }

        if (YearlyKinds.Contains(movement.Kind))
        {
            var column = YearColumn(movement.Kind, on.Year);
            var moved = movement.Kind == LedgerMovementKind.Released ? movement.Freed : movement.Amount;
            row[column] = Amount(years.GetValueOrDefault(column) + moved);
        }

        return row;
    }

    private static TableEntity PositionRow(string partition, LedgerPosition position, string? waitKey) => new(partition, PositionPrefix + position.RequestId)
    {
        [PositionColumn] = JsonSerializer.Serialize(new StoredPosition(position.Status, position.Reserved, position.Committed, position.Disbursed, position.Disbursements, position.Waiting, waitKey), PartenariatJson.Options),
    };

    private static (LedgerPosition Position, string? WaitKey) ReadPosition(TableEntity row) =>
        ReadPosition(row.RowKey[PositionPrefix.Length..], row.GetString(PositionColumn));

    private static (LedgerPosition Position, string? WaitKey) ReadPosition(string requestId, string? content)
    {
        var stored = JsonSerializer.Deserialize<StoredPosition>(content ?? "null", PartenariatJson.Options)
            ?? throw new InvalidOperationException($"Empty ledger position of request '{requestId}'.");
        var position = new LedgerPosition(requestId, stored.Status, stored.Reserved, stored.Committed, stored.Disbursed,
            (stored.Disbursements ?? new Dictionary<string, decimal>()).ToImmutableDictionary(StringComparer.Ordinal))
        {
            Waiting = stored.Waiting,
        };
        return (position, stored.WaitKey);
    }

    private static string YearColumn(LedgerMovementKind kind, int year) => string.Create(CultureInfo.InvariantCulture, $"Y{year}{kind}");

    private static (int Year, LedgerMovementKind Kind)? ParseYearColumn(string column) =>
        column.Length > 5 && column[0] == 'Y' && int.TryParse(column.AsSpan(1, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && Enum.TryParse<LedgerMovementKind>(column[5..], out var kind) && YearlyKinds.Contains(kind)
            ? (year, kind)
            : null;

    /// <summary>
    /// What a read of a line gives an operation: the ledger, the line row's ETag (null when new), its
    /// record, its yearly totals, and the position's waitlist row; the request's position's version
    /// as read or known (<see cref="Version"/>), and the one the caller knew (<see cref="Known"/>),
    /// which decides how the position's row is written.
    /// </summary>
    private sealed record LineRead(EnvelopeLedger Ledger, ETag? ETag, LineRecord Record, ImmutableDictionary<string, decimal> Years, StoredPositionKey? Position)
    {
        public PositionVersion? Version { get; init; }

        public PositionVersion? Known { get; init; }

        /// <summary>The line row read or kept (null when the line has none yet).</summary>
        public TableEntity? Row { get; init; }
    }

    /// <summary>The line row's version and the head of its chain of entries.</summary>
    private sealed record LineRecord(long Version, long Sequence, string Head);

    /// <summary>The waitlist row a stored position points to.</summary>
    private sealed record StoredPositionKey(string WaitKey);

    private sealed record StoredPosition(
        LedgerPositionStatus Status, decimal Reserved, decimal Committed, decimal Disbursed, IReadOnlyDictionary<string, decimal>? Disbursements, decimal Waiting = 0m, string? WaitKey = null);
}
