using Azure;
using Azure.Data.Tables;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Tests.Reports;

/// <summary>The reports' read model on Azurite: kept from the views' writes (a write only when the figures change), and rebuilt when it drifted.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReportProjectionStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ReportFixture _reports = new(azurite.ConnectionString);

    public Task InitializeAsync() => _reports.CreateTablesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ViewStoredAsync_StepsRecorded_RowFollowsTheViewWithTheTimeOfItsStatus()
    {
        var key = await _reports.SubmitAsync();
        var sentAt = new DateTimeOffset(2026, 5, 3, 10, 0, 0, TimeSpan.Zero);

        await _reports.SendToCommitteeAsync(key, sentAt);

        var row = Assert.Single(await _reports.Projection.ListAsync(_reports.ConventionId));
        Assert.Equal((key.RequestId, RequestState.PendingCommittee, sentAt), (row.RequestId, row.Status, row.StatusSince));
        Assert.Equal(("Chenôve", "Le Mail", true), (row.Operation.Municipality, row.Operation.District, row.Operation.IsNpnru));
        Assert.Equal((300_000m, 200_000m), (row.Amounts.RequestedGrant, row.Amounts.RequestedLoan));
    }

    [Fact]
    public async Task ChangeAsync_FiguresUnchanged_LeavesTheRowAsWritten()
    {
        var key = await _reports.SubmitAsync();
        await _reports.SendToCommitteeAsync(key, new DateTimeOffset(2026, 5, 3, 10, 0, 0, TimeSpan.Zero));
        var written = (await Table().GetEntityAsync<TableEntity>(_reports.ConventionId, key.RequestId)).Value.ETag;

        // An upload adds an entry to the timeline: the request's figures stay what they were.
        var entry = new TimelineEntry(DateTimeOffset.UnixEpoch, key.LandlordId, TimelineAction.DocumentUploaded, default, "SitePlan (doc-1)");
        await _reports.Requests.ChangeAsync(key.LandlordId, key.RequestId, view => (view with { Timeline = [entry with { Status = view.Status }] }, true));

        Assert.Equal(written, (await Table().GetEntityAsync<TableEntity>(_reports.ConventionId, key.RequestId)).Value.ETag);
    }

    [Fact]
    public async Task RecordStepsAsync_RetriedAfterTheRowWasLost_WritesTheRowAgain()
    {
        var key = await _reports.SubmitAsync();
        await _reports.SendToCommitteeAsync(key, new DateTimeOffset(2026, 5, 3, 10, 0, 0, TimeSpan.Zero));
        // The process stopped between the view's write and the row's: the row is not there.
        await Table().DeleteEntityAsync(_reports.ConventionId, key.RequestId, ETag.All);

        // The activity is retried: its steps are already recorded.
        await _reports.Requests.RecordStepsAsync(key, [new RequestStep(4, new TimelineEntry(DateTimeOffset.UnixEpoch, "system", TimelineAction.SentToCommittee, RequestState.PendingCommittee, null))]);

        Assert.Equal(RequestState.PendingCommittee, Assert.Single(await _reports.Projection.ListAsync(_reports.ConventionId)).Status);
    }

    [Fact]
    public async Task RebuildAsync_RowsMissingAlteredAndOrphaned_NamesAndMendsEach()
    {
        var missing = await _reports.SubmitAsync();
        var altered = await _reports.SubmitAsync();
        var intact = await _reports.SubmitAsync();
        var table = Table();
        await table.DeleteEntityAsync(_reports.ConventionId, missing.RequestId, ETag.All);
        var row = (await table.GetEntityAsync<TableEntity>(_reports.ConventionId, altered.RequestId)).Value;
        row["Row"] = row.GetString("Row").Replace("\"Submitted\"", "\"Closed\"", StringComparison.Ordinal);
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        var orphan = RequestIds.New(ReportFixture.Landlord);
        await table.AddEntityAsync(new TableEntity(_reports.ConventionId, orphan) { ["Status"] = nameof(RequestState.Closed) });

        var rebuild = await _reports.Projection.RebuildAsync(_reports.Requests);
        var again = await _reports.Projection.RebuildAsync(_reports.Requests);

        Assert.Contains(missing.RequestId, rebuild.Added);
        Assert.Contains(altered.RequestId, rebuild.Updated);
        Assert.Contains(orphan, rebuild.Removed);
        Assert.DoesNotContain(intact.RequestId, rebuild.Added.Concat(rebuild.Updated));
        Assert.False(again.HadDrifted, $"Still drifting: {string.Join(", ", again.Added.Concat(again.Updated).Concat(again.Removed))}");
        var rows = await _reports.Projection.ListAsync(_reports.ConventionId);
        Assert.Equal(new[] { missing.RequestId, altered.RequestId, intact.RequestId }.Order(StringComparer.Ordinal), rows.Select(r => r.RequestId).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(RequestState.Submitted, r.Status));
    }

    private TableClient Table() => _reports.Tables.GetTableClient(StorageNames.ReportRequestsTable);
}
