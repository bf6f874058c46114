using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Partenariat.Domain.Envelopes;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;

namespace Partenariat.Chaos;

/// <summary>One invariant of the campaign: its name, what was checked, and every violation found.</summary>
internal sealed record InvariantResult(string Name, int Checked, IReadOnlyList<string> Violations)
{
    public bool Holds => Violations.Count == 0;
}

/// <summary>
/// The campaign's checks, on what storage holds once the lives have ended, read with the storage
/// SDK: the requests' views and timelines, the line's ledger rows (totals, positions, payment orders
/// and the chain of entries, raw), the document blobs. Each invariant lists every violation.
/// </summary>
internal static partial class CampaignAudit
{
    // The states a request waits in for someone: the committee, or the landlord.
    private static readonly RequestState[] Waiting = [RequestState.PendingCommittee, RequestState.InformationRequested, RequestState.Approved, RequestState.Disbursing];

    // What happens at most once in a request's life.
    private static readonly TimelineAction[] OnceOnly =
        [TimelineAction.Submitted, TimelineAction.Approved, TimelineAction.Rejected, TimelineAction.Withdrawn, TimelineAction.Disbursed, TimelineAction.RightsAssigned, TimelineAction.Closed];

    public static async Task<IReadOnlyList<InvariantResult>> RunAsync(string connectionString, IReadOnlyList<LifeRecord> lives, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lives);
        var tables = new TableServiceClient(connectionString);
        var store = new FinancingRequestStore(tables);
        var views = new Dictionary<string, FinancingRequestView>(StringComparer.Ordinal);
        foreach (var id in lives.Select(l => l.RequestId).OfType<string>())
        {
            if (await store.GetWithTimelineAsync(ChaosClient.Landlord, id, cancellationToken).ConfigureAwait(false) is { } view)
            {
                views[id] = view;
            }
        }

        var storedIds = await StoredRequestIdsAsync(tables, cancellationToken).ConfigureAwait(false);
        var ledger = await LedgerRows.ReadAsync(tables, cancellationToken).ConfigureAwait(false);
        var blobs = await DocumentBlobsAsync(new BlobServiceClient(connectionString), cancellationToken).ConfigureAwait(false);
        return
        [
            EveryLifeEnded(lives),
            StatesExplained(lives, views),
            OneRequestPerSubmission(lives, storedIds, ledger),
            NoDuplicatePayment(views, ledger),
            NoOverCommitment(ledger, ChaosCluster.RequestAmount * lives.Count),
            TotalsAddUp(views, ledger),
            NoStuckCredit(views, ledger),
            DocumentsConsistent(lives, views, blobs),
        ];
    }

    /// <summary>Every life reached its planned end and met nothing the service should not have done.</summary>
    private static InvariantResult EveryLifeEnded(IReadOnlyList<LifeRecord> lives) => new(
        "every life carried through",
        lives.Count,
        [.. lives.Where(l => l.GaveUp is not null || l.Anomalies.Count > 0)
            .Select(l => $"request {l.Plan.Number} ({l.Plan.Kind}, {l.RequestId ?? "not submitted"}): {string.Join("; ", (l.GaveUp is null ? [] : new[] { "given up: " + l.GaveUp }).Concat(l.Anomalies))}")]);

    /// <summary>Each request's status is its timeline's last, terminal or waiting for someone, and the one its plan leads to; no once-only step twice.</summary>
    private static InvariantResult StatesExplained(IReadOnlyList<LifeRecord> lives, Dictionary<string, FinancingRequestView> views)
    {
        var violations = new List<string>();
        foreach (var life in lives.Where(l => l.RequestId is not null))
        {
            if (!views.TryGetValue(life.RequestId!, out var view))
            {
                violations.Add($"{life.RequestId}: accepted (202) but no view stored");
                continue;
            }

            var last = view.Timeline.Count == 0 ? null : view.Timeline[^1];
            if (last is null || last.Status != view.Status)
            {
                violations.Add($"{view.RequestId}: status {view.Status} but its timeline ends {last?.Action.ToString() ?? "empty"} ({last?.Status.ToString() ?? "-"})");
            }

            foreach (var repeated in view.Timeline.Where(e => OnceOnly.Contains(e.Action)).GroupBy(e => e.Action).Where(g => g.Count() > 1))
            {
                violations.Add($"{view.RequestId}: {repeated.Key} {repeated.Count()} times in its timeline");
            }

            if (!RequestLifecycle.IsTerminal(view.Status) && !Waiting.Contains(view.Status))
            {
                violations.Add($"{view.RequestId}: left {view.Status}, neither terminal nor waiting for anyone");
            }

            if (view.Status != life.Plan.ExpectedEnd)
            {
                violations.Add($"{view.RequestId}: {view.Status}, planned to end {life.Plan.ExpectedEnd} ({life.Plan.Kind})");
            }
        }

        return new("states explained by their history", views.Count, violations);
    }

    /// <summary>One request per submission (a retried one gives the first answer), and no ledger position of a request that does not exist.</summary>
    private static InvariantResult OneRequestPerSubmission(IReadOnlyList<LifeRecord> lives, IReadOnlySet<string> storedIds, LedgerRows ledger)
    {
        var submitted = lives.Select(l => l.RequestId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var violations = storedIds.Where(id => !submitted.Contains(id)).Select(id => $"{id}: stored, but no submission was answered with it")
            .Concat(ledger.Positions.Keys.Where(id => !storedIds.Contains(id)).Select(id => $"{id}: a ledger position without a request"))
            .ToList();
        return new("one request per submission", storedIds.Count, violations);
    }

    /// <summary>Each tranche paid at most once: in the timeline, in the ledger's payment orders and in its chain of entries; the three agree with the view.</summary>
    private static InvariantResult NoDuplicatePayment(Dictionary<string, FinancingRequestView> views, LedgerRows ledger)
    {
        var violations = new List<string>();
        var checkedTranches = 0;
        foreach (var view in views.Values)
        {
            var inTimeline = view.Timeline.Where(e => e.Action == TimelineAction.TranchePaid)
                .Select(e => TrancheNumber().Match(e.Details ?? string.Empty) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1)
                .ToList();
            var orders = ledger.Orders.Where(o => o.RequestId == view.RequestId).ToList();
            var entries = ledger.Entries.Where(e => e.Movement.Kind == LedgerMovementKind.Disbursed && e.Movement.RequestId == view.RequestId).ToList();
            var paidInView = view.Tranches.Where(t => t.Paid > 0m).ToList();
            checkedTranches += view.Tranches.Count;
            foreach (var tranche in inTimeline.GroupBy(n => n).Where(g => g.Count() > 1))
            {
                violations.Add($"{view.RequestId}: tranche {tranche.Key} paid {tranche.Count()} times in its timeline");
            }

            foreach (var entry in entries.GroupBy(e => e.Movement.DisbursementId).Where(g => g.Count() > 1))
            {
                violations.Add($"{view.RequestId}: disbursement {entry.Key} recorded {entry.Count()} times in the ledger's entries");
            }

            if (inTimeline.Count != orders.Count || orders.Count != entries.Count || entries.Count != paidInView.Count)
            {
                violations.Add($"{view.RequestId}: {inTimeline.Count} tranches paid in its timeline, {orders.Count} payment orders, {entries.Count} ledger entries, {paidInView.Count} paid in its view");
            }

            if (paidInView.Sum(t => t.Paid) != orders.Sum(o => o.Amount))
            {
                violations.Add($"{view.RequestId}: {paidInView.Sum(t => t.Paid)} paid in its view, {orders.Sum(o => o.Amount)} in its payment orders");
            }
        }

        return new("no duplicate payment", checkedTranches, violations);
    }

    /// <summary>The line never held more than its amount: after every entry of its chain, and now; no request paid more than its commitment.</summary>
    private static InvariantResult NoOverCommitment(LedgerRows ledger, decimal planned)
    {
        var violations = ledger.Entries
            .Where(e => e.After.Reserved + e.After.Committed > planned)
            .Select(e => $"after entry {e.Sequence} ({e.Movement.Kind} {e.Movement.RequestId}) the line held {e.After.Reserved + e.After.Committed}, over its {planned}")
            .Concat(ledger.Positions.Where(p => p.Value.Disbursed > p.Value.Committed || p.Value.Committed > ChaosCluster.RequestAmount)
                .Select(p => $"{p.Key}: committed {p.Value.Committed}, disbursed {p.Value.Disbursed} (asked {ChaosCluster.RequestAmount})"))
            .ToList();
        if (ledger.Totals is { } totals && totals.Reserved + totals.Committed > planned)
        {
            violations.Add($"the line holds {totals.Reserved + totals.Committed}, over its {planned}");
        }

        return new("no over-commitment", ledger.Entries.Count + ledger.Positions.Count, violations);
    }

    /// <summary>The line's totals equal the sum of its positions, and the sum of what the requests' views say they hold and were paid.</summary>
    private static InvariantResult TotalsAddUp(Dictionary<string, FinancingRequestView> views, LedgerRows ledger)
    {
        var violations = new List<string>();
        var totals = ledger.Totals ?? new LedgerTotals(0m, 0m, 0m, 0m, false, 0, 0, 0);
        var positions = ledger.Positions.Values;
        var fromViews = (
            Reserved: views.Values.Where(v => v.Status is RequestState.PendingCommittee or RequestState.InformationRequested).Sum(v => v.Request.RequestedTotal),
            Committed: views.Values.Where(v => v.Decision is { ApprovedAmount: > 0m } && v.Status is not (RequestState.Rejected or RequestState.Withdrawn)).Sum(v => v.Decision!.ApprovedAmount),
            Disbursed: views.Values.Sum(v => v.Tranches.Sum(t => t.Paid)));
        Compare("reserved", totals.Reserved, positions.Sum(p => p.Reserved), fromViews.Reserved);
        Compare("committed", totals.Committed, positions.Sum(p => p.Committed), fromViews.Committed);
        Compare("disbursed", totals.Disbursed, positions.Sum(p => p.Disbursed), fromViews.Disbursed);
        return new("ledger totals = sum over requests", 3, violations);

        void Compare(string what, decimal line, decimal sumOfPositions, decimal sumOfViews)
        {
            if (line != sumOfPositions || line != sumOfViews)
            {
                violations.Add($"{what}: {line} on the line, {sumOfPositions} over its positions, {sumOfViews} over the requests' views");
            }
        }
    }

    /// <summary>
    /// Credit is held by exactly the requests that wait for someone, for what their view says (the
    /// amount asked while the committee decides, the amount approved after): none by a request that
    /// has ended, and none missing from one that waits.
    /// </summary>
    private static InvariantResult NoStuckCredit(Dictionary<string, FinancingRequestView> views, LedgerRows ledger)
    {
        var violations = new List<string>();
        foreach (var view in views.Values)
        {
            var position = ledger.Positions.GetValueOrDefault(view.RequestId);
            var held = position is null ? 0m : position.Reserved + position.Committed - position.Disbursed;
            var expected = view.Status switch
            {
                RequestState.PendingCommittee or RequestState.InformationRequested => view.Request.RequestedTotal,
                RequestState.Approved or RequestState.Disbursing => view.Decision!.ApprovedAmount - view.Tranches.Sum(t => t.Paid),
                _ => 0m,
            };
            if (held != expected)
            {
                violations.Add($"{view.RequestId}: {view.Status} holds {held} on the line ({position?.Status.ToString() ?? "no position"}), expected {expected}");
            }
        }

        return new("no stuck credit after the reconciler's pass", views.Count, violations);
    }

    /// <summary>Every document blob belongs to a request that exists, every acknowledged upload is stored, every tranche's evidence resolves to a document of its request.</summary>
    private static InvariantResult DocumentsConsistent(IReadOnlyList<LifeRecord> lives, Dictionary<string, FinancingRequestView> views, IReadOnlyList<(string LandlordId, string RequestId, string DocumentId)> blobs)
    {
        var stored = blobs.Select(b => (b.RequestId, b.DocumentId)).ToHashSet();
        var violations = blobs
            .Where(b => b.LandlordId != ChaosClient.Landlord || !views.ContainsKey(b.RequestId))
            .Select(b => $"blob {b.LandlordId}/{b.RequestId}/{b.DocumentId}: no such request")
            .Concat(lives.Where(l => l.RequestId is not null)
                .SelectMany(l => l.Documents.Where(d => !stored.Contains((l.RequestId!, d))).Select(d => $"{l.RequestId}: document {d} acknowledged, not stored")))
            .Concat(views.Values.SelectMany(v => v.Tranches
                .Where(t => t.EvidenceDocumentId is { } evidence && !stored.Contains((v.RequestId, evidence)))
                .Select(t => $"{v.RequestId}: tranche {t.Number}'s evidence {t.EvidenceDocumentId} is not stored")))
            .ToList();
        return new("documents referenced and resolving", blobs.Count, violations);
    }

    private static async Task<IReadOnlySet<string>> StoredRequestIdsAsync(TableServiceClient tables, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(StorageNames.RequestsTable);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {RequestIds.Prefix} and RowKey lt {RequestIds.PrefixEnd}");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            ids.Add(row.RowKey);
        }

        return ids;
    }

    private static async Task<IReadOnlyList<(string LandlordId, string RequestId, string DocumentId)>> DocumentBlobsAsync(BlobServiceClient blobs, CancellationToken cancellationToken)
    {
        var found = new List<(string, string, string)>();
        await foreach (var blob in blobs.GetBlobContainerClient(StorageNames.DocumentsContainer).GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var parts = blob.Name.Split('/');
            found.Add(parts.Length == 3 ? (parts[0], parts[1], parts[2]) : (blob.Name, string.Empty, string.Empty));
        }

        return found;
    }

    [GeneratedRegex(@"^Tranche (\d+) ")]
    private static partial Regex TrancheNumber();

    /// <summary>The line's partition of the ledger table, read raw: its totals, positions, payment orders and chain of entries.</summary>
    private sealed class LedgerRows
    {
        public LedgerTotals? Totals { get; private set; }

        public Dictionary<string, StoredPosition> Positions { get; } = new(StringComparer.Ordinal);

        public List<PaymentOrder> Orders { get; } = [];

        public List<StoredEntry> Entries { get; } = [];

        public static async Task<LedgerRows> ReadAsync(TableServiceClient tables, CancellationToken cancellationToken)
        {
            var rows = new LedgerRows();
            var table = tables.GetTableClient(StorageNames.LedgerTable);
            var partition = new EnvelopeLineKey(ChaosCluster.ConventionId, ChaosCluster.LineId).Value;
            await foreach (var row in table.QueryAsync<TableEntity>(r => r.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                switch (row.RowKey)
                {
                    case "line":
                        rows.Totals = new LedgerTotals(Amount(row, "Reserved"), Amount(row, "Committed"), Amount(row, "Disbursed"), Amount(row, "Lapsed"),
                            row.GetBoolean("IsLapsed") ?? false, row.GetInt32("ReservedRequests") ?? 0, row.GetInt32("CommittedRequests") ?? 0, row.GetInt32("WaitlistedRequests") ?? 0);
                        break;
                    case var key when key.StartsWith("p:", StringComparison.Ordinal):
                        rows.Positions[key[2..]] = Json<StoredPosition>(row, "Position");
                        break;
                    case var key when key.StartsWith("d:", StringComparison.Ordinal):
                        rows.Orders.Add(Json<PaymentOrder>(row, "Order"));
                        break;
                    case var key when key.StartsWith("e:", StringComparison.Ordinal):
                        rows.Entries.Add(Json<StoredEntry>(row, "Entry"));
                        break;
                }
            }

            return rows;
        }

        private static decimal Amount(TableEntity row, string column) => decimal.Parse(row.GetString(column) ?? "0", CultureInfo.InvariantCulture);

        private static T Json<T>(TableEntity row, string column) =>
            JsonSerializer.Deserialize<T>(row.GetString(column), PartenariatJson.Options) ?? throw new InvalidOperationException($"Empty {column} in row '{row.RowKey}'.");
    }

    /// <summary>A position as the ledger stores it.</summary>
    private sealed record StoredPosition(LedgerPositionStatus Status, decimal Reserved, decimal Committed, decimal Disbursed);

    /// <summary>An entry of the ledger's chain: the movement and the line's totals after it.</summary>
    private sealed record StoredEntry(long Sequence, LedgerMovement Movement, LedgerTotals After);
}
