using Azure;
using Azure.Data.Tables;
using Partenariat.Domain.Reports;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Reports;

/// <summary>What a rebuild of the reports' read model found and mended.</summary>
/// <param name="Views">The views read.</param>
/// <param name="Added">Requests that had no row (their ids).</param>
/// <param name="Updated">Requests whose row was behind their view.</param>
/// <param name="Removed">Rows of no request.</param>
public sealed record ProjectionRebuild(int Views, IReadOnlyList<string> Added, IReadOnlyList<string> Updated, IReadOnlyList<string> Removed)
{
    /// <summary>Whether the read model had drifted from the views.</summary>
    public bool HadDrifted => Added.Count + Updated.Count + Removed.Count > 0;
}

/// <summary>
/// The reports' read model in the <c>ReportRequests</c> table: one row per request
/// (<see cref="ReportRow"/>), partitioned by convention period, so that a period's report reads one
/// partition of compact rows whatever the length of the requests' timelines. Kept by
/// <see cref="FinancingRequestStore"/>'s observer hook: after each view written, the row is made
/// from that view and written unless the stored row comes from a later step (a point read and at
/// most one write); <see cref="RebuildAsync"/> compares every row with its view and mends what
/// drifted (docs/architecture.md, "The reports' read model").
/// </summary>
public sealed class ReportProjectionStore(TableServiceClient tables, ConventionDirectory conventions) : IRequestViewObserver
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.ReportRequestsTable);

    /// <summary>Creates the table where missing.</summary>
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => _table.CreateIfNotExistsAsync(cancellationToken);

    /// <inheritdoc />
    public async Task ViewStoredAsync(FinancingRequestView view, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Request.ConventionId is not { Length: > 0 } conventionId)
        {
            return;
        }

        var request = ReportRow.FromView(view, conventions.Territory);
        while (true)
        {
            var stored = await _table.GetEntityIfExistsAsync<TableEntity>(conventionId, view.RequestId, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (stored is { HasValue: true, Value: { } row }
                && ((row.GetInt32("Step") ?? 0) > view.Step || ((row.GetInt32("Step") ?? 0) == view.Step && ReportRow.FromEntity(row) == request)))
            {
                // A later step's row, or this very row: nothing to write.
                return;
            }

            try
            {
                var entity = ReportRow.ToEntity(conventionId, request, view.Step);
                await (stored.HasValue
                    ? _table.UpdateEntityAsync(entity, stored.Value!.ETag, TableUpdateMode.Replace, cancellationToken)
                    : _table.AddEntityAsync(entity, cancellationToken)).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412)
            {
                // Another write of the same request's row came first: read it again.
            }
        }
    }

    /// <summary>The requests of <paramref name="conventionId"/> (of <paramref name="landlordId"/> alone when given): one partition query of the columns the reports read.</summary>
    public async Task<IReadOnlyList<ReportedRequest>> ListAsync(string conventionId, string? landlordId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conventionId);
        var filter = landlordId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {conventionId}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {conventionId} and LandlordId eq {landlordId}");
        var requests = new List<ReportedRequest>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ReportRow.Columns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            requests.Add(ReportRow.FromEntity(row));
        }

        return requests;
    }

    /// <summary>
    /// Compares every row with the view it comes from and mends what drifted: rows missing or behind
    /// their view are written again, rows of no request removed. Reads every view (a query per
    /// status, across landlords) and every row: a check for operators, not for each report.
    /// </summary>
    public async Task<ProjectionRebuild> RebuildAsync(FinancingRequestStore requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var views = new List<FinancingRequestView>();
        foreach (var status in Enum.GetValues<RequestState>())
        {
            views.AddRange(await requests.ListByStatusAsync(status, cancellationToken: cancellationToken).ConfigureAwait(false));
        }

        var rows = new Dictionary<(string, string), TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows[(row.PartitionKey, row.RowKey)] = row;
        }

        var added = new List<string>();
        var updated = new List<string>();
        foreach (var view in views.Where(v => v.Request.ConventionId is { Length: > 0 }))
        {
            var key = (view.Request.ConventionId!, view.RequestId);
            var expected = ReportRow.FromView(view, conventions.Territory);
            if (rows.Remove(key, out var row) && ReportRow.FromEntity(row) == expected)
            {
                continue;
            }

            (row is null ? added : updated).Add(view.RequestId);
            await _table.UpsertEntityAsync(ReportRow.ToEntity(key.Item1, expected, view.Step), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        foreach (var ((partition, rowKey), _) in rows)
        {
            await _table.DeleteEntityAsync(partition, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }

        return new ProjectionRebuild(views.Count, added, updated, [.. rows.Keys.Select(k => k.Item2)]);
    }
}
