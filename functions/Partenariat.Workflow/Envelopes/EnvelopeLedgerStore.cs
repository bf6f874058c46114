using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Partenariat.Domain.Common;
using Partenariat.Domain.Envelopes;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Envelopes;

/// <summary>The outcome of a stored ledger operation.</summary>
/// <param name="Result">The domain's result (the ledger holds the line's totals and the request's position).</param>
/// <param name="Woken">Waitlisted requests the credit this operation freed can now hold, oldest first: the caller wakes them.</param>
/// <param name="Position">The request's position after the operation, for its next one (<see cref="PositionVersion"/>); null when the operation concerned no request or its position is not known.</param>
public sealed record LedgerOperation(LedgerResult Result, IReadOnlyList<string> Woken, PositionVersion? Position = null)
{
    /// <summary>The domain's outcome.</summary>
    public LedgerOutcome Outcome => Result.Outcome;

    /// <summary>Whether the operation took effect (now or before).</summary>
    public bool Succeeded => Result.Succeeded;
}

/// <summary>
/// The envelope lines' ledgers in the <c>EnvelopeLedger</c> table, one partition per line
/// (<see cref="EnvelopeLineKey"/>). Rows (docs/architecture.md, "Storage"):
/// <list type="bullet">
/// <item><c>line</c>: the line's totals (<see cref="LedgerTotals"/>), its totals per year, the head of its
/// chain of entries and the version every change bumps;</item>
/// <item><c>p:{requestId}</c>: a request's position; <c>w:{n}</c>: the waitlist, in order;
/// <c>d:{disbursementId}</c>: a tranche's payment order;</item>
/// <item><c>e:{n}</c>: the ledger's record, one entry per change, each with the hash of the one before
/// (<see cref="AuditChain"/>).</item>
/// </list>
/// </summary>
/// <remarks>
/// An operation reads two rows whatever the number of requests on the line (the line and the
/// request's position; the line alone when the caller knows the position's version, see
/// <see cref="PositionVersion"/>), applies the domain's <see cref="EnvelopeLedger"/> rules, and writes the
/// change in one transaction of the partition (line, position, entry, waitlist row, payment order)
/// that succeeds only if the line row is unchanged since it was read (its ETag): concurrent
/// operations are serialized by the store, a line is never over-committed, and a conflict is retried
/// on fresh data. Operations are idempotent by request id (and disbursement id). Within one process,
/// operations on a line also take turns (measured: 100 requests at once on one line cost 699 ETag
/// conflicts for 400 writes when racing; queued, the ETag guard only has other processes' writes left
/// to catch). The lapse at the period's end changes the line row alone: atomic at any size.
/// </remarks>
public sealed partial class EnvelopeLedgerStore(TableServiceClient tables, ConventionDirectory conventions, TimeProvider timeProvider)
{
    /// <summary>How many waitlisted requests one release looks at (the waitlist's head).</summary>
    public const int WaitlistHeadSize = 20;

    private const string LineRowKey = "line";
    private const string PositionPrefix = "p:";
    private const string PaymentPrefix = "d:";
    private const string EntryPrefix = "e:";
    private const string WaitlistPrefix = "w:";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.LedgerTable);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.Ordinal);

    // Each line's row as this process last wrote or read it, with its ETag; used and changed only
    // in the line's turn. An operation's first attempt takes it instead of a point read: its ETag
    // guards the write, so a row another process changed since fails the transaction and the
    // operation reads again (a refused transaction and a read, against a read saved otherwise).
    private readonly ConcurrentDictionary<string, TableEntity> _lines = new(StringComparer.Ordinal);
    private long _writes;
    private long _conflicts;

    /// <summary>Transactions that changed a line since this store was created.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Attempts that lost the race on a line's ETag and were retried (each costs a read and a failed transaction).</summary>
    public long Conflicts => Interlocked.Read(ref _conflicts);

    /// <summary>Creates the table where missing.</summary>
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>
    /// Applies <paramref name="operation"/> (one of the domain ledger's operations, on the request
    /// <paramref name="requestId"/>, or on the line alone when null) dated <paramref name="on"/>,
    /// and stores its change atomically, retried on a concurrent change; an operation that changes
    /// nothing writes nothing. A <paramref name="payment"/> order, when given, is stored in the same
    /// transaction as the disbursement it pays, and only with it. A <paramref name="known"/>
    /// version of the request's position (what its last operation returned) spares the position's
    /// read; if its row changed since, the operation reads it and applies again.
    /// </summary>
    public async Task<LedgerOperation> ApplyAsync(
        EnvelopeLineKey line,
        string? requestId,
        DateOnly on,
        Func<EnvelopeLedger, LedgerResult> operation,
        PaymentOrder? payment = null,
        PositionVersion? known = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(operation);
        var turn = _turns.GetOrAdd(line.Value, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        LedgerResult result;
        PositionVersion? position;
        try
        {
            (result, position) = await ApplyInTurnAsync(line, requestId, on, operation, payment, known, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            turn.Release();
        }

        var woken = result.Movement is { Freed: > 0m } && !result.Ledger.IsLapsed
            ? result.Ledger.HeadsThatFit(await ReadWaitlistHeadAsync(line, cancellationToken).ConfigureAwait(false))
            : [];
        return new LedgerOperation(result, woken, position);
    }

    /// <summary>A line's totals and state, from its line row alone (one point read).</summary>
    /// <exception cref="ArgumentException">No such convention or line.</exception>
    public async Task<EnvelopeLedger> GetTotalsAsync(EnvelopeLineKey line, CancellationToken cancellationToken = default) =>
        (await ReadAsync(line, requestId: null, known: null, kept: null, cancellationToken).ConfigureAwait(false)).Ledger;

    /// <summary>
    /// A line's whole ledger: its totals and every position (a query over the partition: for
    /// checks, reports and tests, not for the workflow's operations).
    /// </summary>
    /// <exception cref="ArgumentException">No such convention or line.</exception>
    public async Task<EnvelopeLedger> GetAsync(string conventionId, string lineId, CancellationToken cancellationToken = default)
    {
        var line = new EnvelopeLineKey(conventionId, lineId);
        var totals = await GetTotalsAsync(line, cancellationToken).ConfigureAwait(false);
        var positions = await ReadPositionsAsync(line, cancellationToken).ConfigureAwait(false);
        return EnvelopeLedger.Restore(totals.Line, totals.Period, totals.Totals, positions);
    }

    /// <summary>What does not add up between a line's totals and its positions (empty when consistent).</summary>
    public async Task<IReadOnlyList<string>> VerifyTotalsAsync(EnvelopeLineKey line, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        var totals = await GetTotalsAsync(line, cancellationToken).ConfigureAwait(false);
        return totals.Verify(await ReadPositionsAsync(line, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The payment orders of a request on a line, by disbursement id.</summary>
    public async Task<IReadOnlyList<PaymentOrder>> GetPaymentOrdersAsync(string conventionId, string lineId, string requestId, CancellationToken cancellationToken = default)
    {
        var partition = new EnvelopeLineKey(conventionId, lineId).Value;
        var orders = new List<PaymentOrder>();
        await foreach (var row in QueryPrefixAsync(partition, PaymentPrefix + PaymentOrder.DisbursementIdPrefix(requestId), cancellationToken).ConfigureAwait(false))
        {
            orders.Add(JsonSerializer.Deserialize<PaymentOrder>(row.GetString("Order"), PartenariatJson.Options)
                ?? throw new InvalidOperationException($"Empty payment order '{row.RowKey}'."));
        }

        return orders;
    }

    private async Task<(LedgerResult Result, PositionVersion? Position)> ApplyInTurnAsync(
        EnvelopeLineKey line, string? requestId, DateOnly on, Func<EnvelopeLedger, LedgerResult> operation, PaymentOrder? payment, PositionVersion? known, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            // The known version and the line row kept serve the first attempt only: a conflict may be theirs.
            var kept = attempt == 0 ? _lines.GetValueOrDefault(line.Value) : null;
            var read = await ReadAsync(line, requestId, attempt == 0 ? known : null, kept, cancellationToken).ConfigureAwait(false);
            var result = operation(read.Ledger);
            if (result.Movement is not { } movement)
            {
                if (read.Known is not null || kept is not null)
                {
                    // An answer that writes nothing comes from rows read, never from a version that may be stale.
                    continue;
                }

                Keep(line, read.Row);
                return (result, read.Version);
            }

            var (actions, written) = Changes(line, requestId, read, result, movement, on, payment);
            try
            {
                var responses = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _writes);
                var lineRow = (TableEntity)actions[0].Entity;
                lineRow.ETag = responses.Value[0].Headers.ETag ?? default;
                Keep(line, lineRow.ETag == default ? null : lineRow);
                var position = written is { } w && responses.Value[w.Index].Headers.ETag is { } etag ? new PositionVersion(w.Content, etag.ToString()) : null;
                return (result, position);
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412 || (exception.Status == 404 && (read.Known is not null || kept is not null)))
            {
                // 404: the known version's row, or the line row kept, is gone (removed by hand, say): read what there is.
                _lines.TryRemove(line.Value, out _);
                Interlocked.Increment(ref _conflicts);
            }

            // Another operation changed the line meanwhile: read again, after a short jittered pause
            // (randomness is fine here: this is a storage adapter, not orchestrator code).
#pragma warning disable RS0030
            var pause = Random.Shared.Next(5, 20 + (Math.Min(attempt, 20) * 10));
#pragma warning restore RS0030
            await Task.Delay(TimeSpan.FromMilliseconds(pause), timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Keeps <paramref name="row"/> as the line's row for the next operation in this process (forgets it when null).</summary>
    private void Keep(EnvelopeLineKey line, TableEntity? row)
    {
        if (row is null)
        {
            _lines.TryRemove(line.Value, out _);
        }
        else
        {
            _lines[line.Value] = row;
        }
    }

    private async Task<IReadOnlyList<(string RequestId, decimal Amount)>> ReadWaitlistHeadAsync(EnvelopeLineKey line, CancellationToken cancellationToken)
    {
        var head = new List<(string, decimal)>();
        await foreach (var row in QueryPrefixAsync(line.Value, WaitlistPrefix, cancellationToken, WaitlistHeadSize).ConfigureAwait(false))
        {
            head.Add((row.GetString("RequestId"), ParseAmount(row.GetString("Amount"))));
            if (head.Count == WaitlistHeadSize)
            {
                break;
            }
        }

        return head;
    }

    private async Task<List<LedgerPosition>> ReadPositionsAsync(EnvelopeLineKey line, CancellationToken cancellationToken)
    {
        var positions = new List<LedgerPosition>();
        await foreach (var row in QueryPrefixAsync(line.Value, PositionPrefix, cancellationToken).ConfigureAwait(false))
        {
            positions.Add(ReadPosition(row).Position);
        }

        return positions;
    }

    private IAsyncEnumerable<TableEntity> QueryPrefixAsync(string partition, string prefix, CancellationToken cancellationToken, int? pageSize = null)
    {
        // Every row key that starts with the prefix: from the prefix to the prefix with its last character's successor.
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        return _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {end}"), maxPerPage: pageSize, cancellationToken: cancellationToken);
    }

    private static string Sequence(long sequence) => sequence.ToString("D12", CultureInfo.InvariantCulture);

    private static string Amount(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    private static decimal ParseAmount(string? text) => decimal.Parse(text ?? "0", CultureInfo.InvariantCulture);

    /// <summary>An entry of a line's record: the change, its date, and the line's totals after it.</summary>
    private sealed record LedgerEntry(long Sequence, DateOnly On, LedgerMovement Movement, LedgerTotals After);
}
