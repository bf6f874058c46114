using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Reconciliation;

/// <summary>
/// The reconciler's passes (table <c>Reconciliations</c>, partition <c>run</c>, newest first: the row
/// key counts down with time), for the operators' API. Each pass is one row; a pass that found
/// nothing is kept too, so operators see that it ran.
/// </summary>
public sealed class ReconciliationStore(TableServiceClient tables)
{
    private const string Partition = "run";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.ReconciliationsTable);

    /// <summary>Creates the table where missing.</summary>
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Keeps a pass.</summary>
    public async Task AddAsync(ReconciliationRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        // Newest first; two hosts' passes at the same instant keep a row each.
        var key = (DateTimeOffset.MaxValue.UtcTicks - run.StartedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        await _table.UpsertEntityAsync(new TableEntity(Partition, key) { ["Run"] = JsonSerializer.Serialize(run, PartenariatJson.Options) }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last <paramref name="count"/> passes, newest first.</summary>
    public async Task<IReadOnlyList<ReconciliationRun>> ListAsync(int count, CancellationToken cancellationToken = default)
    {
        var runs = new List<ReconciliationRun>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), maxPerPage: count, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            runs.Add(JsonSerializer.Deserialize<ReconciliationRun>(row.GetString("Run"), PartenariatJson.Options)
                ?? throw new InvalidOperationException($"Empty reconciliation run '{row.RowKey}'."));
            if (runs.Count == count)
            {
                break;
            }
        }

        return runs;
    }
}
