using Azure.Data.Tables;
using Partenariat.Testing;
using Partenariat.Workflow.Audit;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;
using Partenariat.Workflow.Tests.Reports;

namespace Partenariat.Workflow.Tests.Audit;

/// <summary>
/// The record behind the reports, tamper-evident: a period's export verifies as stored, and an entry
/// altered in storage (a timeline's, a ledger's) is named by the verification.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AuditExportTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ReportFixture _reports = new(azurite.ConnectionString);
    private RequestKey _request = null!;

    public async Task InitializeAsync()
    {
        await _reports.CreateTablesAsync();
        _request = await _reports.SubmitAsync();
        await _reports.SendToCommitteeAsync(_request, new DateTimeOffset(2026, 5, 2, 9, 0, 0, TimeSpan.Zero));
        await _reports.ApproveAsync(_request, new DateTimeOffset(2026, 6, 15, 9, 0, 0, TimeSpan.Zero));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ExportAsync_RecordAsStored_HasEveryChainAndVerifies()
    {
        var export = await ExportAsync();

        Assert.Equal([ChainKind.Ledger, ChainKind.Timeline], export.Chains.Select(c => c.Kind));
        Assert.Equal(2, export.Chains[0].Entries.Count); // reserved, committed
        Assert.Equal(5, export.Chains[1].Entries.Count);
        Assert.Empty(AuditVerifier.Verify(export));
    }

    [Fact]
    public async Task ExportAsync_TimelineEntryAlteredInStorage_VerificationNamesIt()
    {
        var table = _reports.Tables.GetTableClient(StorageNames.RequestsTable);
        var rowKey = $"t:{_request.RequestId}:000003";
        var row = (await table.GetEntityAsync<TableEntity>(_request.LandlordId, rowKey)).Value;
        row["Entry"] = row.GetString("Entry").Replace("\"system\"", "\"committee\"", StringComparison.Ordinal);
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var problems = AuditVerifier.Verify(await ExportAsync());

        var problem = Assert.Single(problems);
        Assert.Contains($"{_request.LandlordId}/{_request.RequestId}: entry 3 was altered", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_LedgerEntryRemovedInStorage_VerificationNamesTheChain()
    {
        var table = _reports.Tables.GetTableClient(StorageNames.LedgerTable);
        await table.DeleteEntityAsync(_reports.Line.Value, "e:000000000002");

        var problems = AuditVerifier.Verify(await ExportAsync());

        Assert.Contains(problems, p => p.StartsWith($"{_reports.Line.Value}: the chain ends with", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportAsync_ThroughTheApiForALandlord_Answers403()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Headers[Workflow.Authentication.CallerAuthentication.HeaderName] = ReportFixture.LandlordKey;
        context.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?conventionId=" + _reports.ConventionId);

        var result = await _reports.AuditApi.ExportAsync(context.Request);

        Assert.Equal(403, Assert.IsAssignableFrom<Microsoft.AspNetCore.Http.IStatusCodeHttpResult>(result).StatusCode);
    }

    private Task<AuditExport> ExportAsync() => _reports.Audit.ExportAsync(_reports.Conventions.Catalog.Find(_reports.ConventionId)!);
}
