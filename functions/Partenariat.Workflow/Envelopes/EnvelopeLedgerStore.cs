using System.Collections.Immutable;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Partenariat.Domain.Conventions;
using Partenariat.Domain.Envelopes;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Envelopes;

/// <summary>
/// The envelope lines' ledgers in the <c>EnvelopeLedger</c> table, one partition per line: a
/// "line" row (lapse, and the version every change bumps), one row per request's position
/// (<c>p:</c> and the request id) and one payment order per disbursement (<c>d:</c> and the
/// disbursement id), written in the same transaction as the disbursement itself.
/// </summary>
/// <remarks>
/// Why ETag-guarded rows rather than a durable entity per line: the ledger is read by reports and
/// the HTTP API far more often than it changes, and a table partition gives both a consistent read
/// of the whole line in one request and atomic writes. Each operation reads the partition, applies
/// the domain's <see cref="EnvelopeLedger"/> rules, and writes the changed positions together with
/// the line row in one transaction that only succeeds if the line row is unchanged since it was
/// read (its ETag): concurrent operations on a line are serialized by the store, so a line is never
/// over-committed, and a conflict is simply retried on fresh data. Operations are idempotent by
/// request id (the domain ledger answers AlreadyApplied), so retried activities are harmless.
/// Within one process, operations on a line also wait their turn (one at a time per line): measured
/// with 100 requests at once on one line (the financing-request benchmark), letting them race cost
/// 699 ETag conflicts for 400 writes, each a wasted read and transaction; queued, the ETag guard
/// only has the other processes' writes left to catch, and the retry pause (jittered, growing,
/// capped at 220 ms) is spent only then.
/// </remarks>
public sealed class EnvelopeLedgerStore(TableServiceClient tables, ConventionDirectory conventions, TimeProvider timeProvider)
{
    private const string LineRowKey = "line";
    private const string PositionPrefix = "p:";
    private const string PaymentPrefix = "d:";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.LedgerTable);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.Ordinal);
    private long _writes;
    private long _conflicts;

    /// <summary>Transactions that changed a line since this store was created.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Attempts that lost the race on a line's ETag and were retried (each costs a read and a failed transaction).</summary>
    public long Conflicts => Interlocked.Read(ref _conflicts);

    /// <summary>Creates the table where missing.</summary>
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The current ledger of a line.</summary>
    /// <exception cref="ArgumentException">No such convention or line.</exception>
    public async Task<EnvelopeLedger> GetAsync(string conventionId, string lineId, CancellationToken cancellationToken = default) =>
        (await ReadAsync(conventionId, lineId, cancellationToken).ConfigureAwait(false)).Ledger;

    /// <summary>
    /// Applies <paramref name="operation"/> (one of the domain ledger's operations) to a line and
    /// stores its effect atomically; retried on a concurrent change. Outcomes other than Applied
    /// write nothing.
    /// </summary>
    public Task<LedgerResult> ApplyAsync(string conventionId, string lineId, Func<EnvelopeLedger, LedgerResult> operation, CancellationToken cancellationToken = default) =>
        ApplyAsync(conventionId, lineId, operation, payment: null, cancellationToken);

    /// <summary>
    /// Applies <paramref name="operation"/> like the other overload and, when it takes effect now,
    /// adds <paramref name="payment"/> (the order of the disbursement the operation records) in the
    /// same transaction: a disbursement and its payment order are stored together or not at all, and
    /// once only (a retried disbursement answers AlreadyApplied and writes nothing).
    /// </summary>
    public async Task<LedgerResult> ApplyAsync(string conventionId, string lineId, Func<EnvelopeLedger, LedgerResult> operation, PaymentOrder? payment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var turn = _turns.GetOrAdd(new EnvelopeLineKey(conventionId, lineId).Value, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ApplyInTurnAsync(conventionId, lineId, operation, payment, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<LedgerResult> ApplyInTurnAsync(string conventionId, string lineId, Func<EnvelopeLedger, LedgerResult> operation, PaymentOrder? payment, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (ledger, lineETag, version) = await ReadAsync(conventionId, lineId, cancellationToken).ConfigureAwait(false);
            var result = operation(ledger);
            if (result.Outcome != LedgerOutcome.Applied)
            {
                return result;
            }

            if (await TryWriteAsync(new EnvelopeLineKey(conventionId, lineId).Value, ledger, result.Ledger, lineETag, version, payment, cancellationToken).ConfigureAwait(false))
            {
                Interlocked.Increment(ref _writes);
                return result;
            }

            Interlocked.Increment(ref _conflicts);

            // Another operation changed the line meanwhile: read again, after a short jittered pause
            // (randomness is fine here: this is a storage adapter, not orchestrator code).
#pragma warning disable RS0030
            var pause = Random.Shared.Next(5, 20 + (Math.Min(attempt, 20) * 10));
#pragma warning restore RS0030
            await Task.Delay(TimeSpan.FromMilliseconds(pause), timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(EnvelopeLedger Ledger, ETag? LineETag, long Version)> ReadAsync(string conventionId, string lineId, CancellationToken cancellationToken)
    {
        var convention = conventions.Catalog.Find(conventionId) ?? throw new ArgumentException($"No convention '{conventionId}'.", nameof(conventionId));
        var line = convention.FindLine(lineId) ?? throw new ArgumentException($"Convention '{conventionId}' has no line '{lineId}'.", nameof(lineId));
        var partition = new EnvelopeLineKey(conventionId, lineId).Value;
        ETag? lineETag = null;
        long version = 0;
        var isLapsed = false;
        var lapsed = 0m;
        var positions = new List<LedgerPosition>();
        // The line row and the positions ("line" sorts after every "d:" payment order, before every "p:" position).
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {LineRowKey}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == LineRowKey)
            {
                lineETag = row.ETag;
                version = row.GetInt64("Version") ?? 0;
                isLapsed = row.GetBoolean("IsLapsed") ?? false;
                lapsed = decimal.Parse(row.GetString("Lapsed") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (row.RowKey.StartsWith(PositionPrefix, StringComparison.Ordinal))
            {
                positions.Add(ReadPosition(row));
            }
        }

        return (EnvelopeLedger.Restore(line, convention.Period, positions, isLapsed, lapsed), lineETag, version);
    }

    /// <summary>The payment orders of a request on a line, by disbursement id.</summary>
    public async Task<IReadOnlyList<PaymentOrder>> GetPaymentOrdersAsync(string conventionId, string lineId, string requestId, CancellationToken cancellationToken = default)
    {
        var partition = new EnvelopeLineKey(conventionId, lineId).Value;
        var prefix = PaymentPrefix + PaymentOrder.DisbursementIdPrefix(requestId);
        // Every row key that starts with the prefix: from the prefix to the prefix with its last character's successor.
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        var orders = new List<PaymentOrder>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {end}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            orders.Add(JsonSerializer.Deserialize<PaymentOrder>(row.GetString("Order"), PartenariatJson.Options)
                ?? throw new InvalidOperationException($"Empty payment order '{row.RowKey}'."));
        }

        return orders;
    }

    private async Task<bool> TryWriteAsync(string partition, EnvelopeLedger before, EnvelopeLedger after, ETag? lineETag, long version, PaymentOrder? payment, CancellationToken cancellationToken)
    {
        var lineRow = new TableEntity(partition, LineRowKey)
        {
            ["Version"] = version + 1,
            ["IsLapsed"] = after.IsLapsed,
            ["Lapsed"] = after.Lapsed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Planned"] = after.Planned.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var changed = after.PositionsByRequest.Values
            .Where(p => !before.PositionsByRequest.TryGetValue(p.RequestId, out var old) || !ReferenceEquals(old, p))
            .Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, WritePosition(partition, p)))
            .ToList();
        if (payment is not null)
        {
            // First, so that it shares the guarded transaction: added only with the disbursement.
            changed.Insert(0, new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, PaymentPrefix + payment.DisbursementId)
            {
                ["RequestId"] = payment.RequestId,
                ["Order"] = JsonSerializer.Serialize(payment, PartenariatJson.Options),
            }));
        }

        // The line row guards the transaction: it is added when new (fails if another created it)
        // or updated only if unchanged since it was read. A transaction holds at most 100 actions.
        var guard = lineETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, lineRow, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, lineRow);
        foreach (var chunk in changed.Chunk(99).DefaultIfEmpty([]).Select((c, i) => (Actions: c, First: i == 0)))
        {
            var actions = chunk.First ? chunk.Actions.Prepend(guard).ToList() : chunk.Actions.ToList();
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException exception) when (chunk.First && exception.Status is 409 or 412)
            {
                return false;
            }
        }

        return true;
    }

    private static TableEntity WritePosition(string partition, LedgerPosition position) => new(partition, PositionPrefix + position.RequestId)
    {
        ["Position"] = JsonSerializer.Serialize(new StoredPosition(position.Status, position.Reserved, position.Committed, position.Disbursed, position.Disbursements), PartenariatJson.Options),
    };

    private static LedgerPosition ReadPosition(TableEntity row)
    {
        var stored = JsonSerializer.Deserialize<StoredPosition>(row.GetString("Position"), PartenariatJson.Options)
            ?? throw new InvalidOperationException($"Empty ledger position '{row.RowKey}'.");
        return new LedgerPosition(row.RowKey[PositionPrefix.Length..], stored.Status, stored.Reserved, stored.Committed, stored.Disbursed,
            (stored.Disbursements ?? new Dictionary<string, decimal>()).ToImmutableDictionary(StringComparer.Ordinal));
    }

    private sealed record StoredPosition(LedgerPositionStatus Status, decimal Reserved, decimal Committed, decimal Disbursed, IReadOnlyDictionary<string, decimal>? Disbursements);
}
