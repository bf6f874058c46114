using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Partenariat.Domain.Reports;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Reports;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Tests.Reports;

/// <summary>
/// The reports through their API on Azurite: who sees what, the JSON adding up to the requests, the
/// CSV read back with CsvHelper, the workbook read back with the Open XML SDK, the charts.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReportApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ReportFixture _reports = new(azurite.ConnectionString);
    private RequestKey _approved = null!;
    private RequestKey _pending = null!;
    private RequestKey _other = null!;

    public async Task InitializeAsync()
    {
        await _reports.CreateTablesAsync();
        _approved = await _reports.SubmitAsync();
        await _reports.SendToCommitteeAsync(_approved, new DateTimeOffset(2026, 5, 2, 9, 0, 0, TimeSpan.Zero));
        await _reports.ApproveAsync(_approved, new DateTimeOffset(2026, 6, 15, 9, 0, 0, TimeSpan.Zero));
        _pending = await _reports.SubmitAsync(at: new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero));
        await _reports.SendToCommitteeAsync(_pending, new DateTimeOffset(2026, 8, 2, 9, 0, 0, TimeSpan.Zero));
        _other = await _reports.SubmitAsync(ReportFixture.OtherLandlord);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GetAsync_SteeringCommittee_FiguresAddUpToTheRequestsAndTheLedger()
    {
        var report = await ReportAsync(ReportFixture.SteeringKey);

        Assert.Equal((3, 1_500_000m, 450_000m), (report.Totals.Requests, report.Totals.Requested, report.Totals.Approved));
        var line = Assert.Single(report.Envelopes);
        Assert.Equal((10_000_000m, 500_000m, 450_000m, 9_050_000m), (line.Planned, line.Reserved, line.Committed, line.Remaining));
        Assert.Equal((line.Reserved, line.Committed), (line.FromRequests.Reserved, line.FromRequests.Committed));
        Assert.Equal(450_000m, line.Years.Single(y => y.Year == 2026).Committed);
        Assert.Equal(new DwellingCounts(4, 6, 0, 0, 0), report.Dwellings.Total.Dwellings);
        Assert.Equal(270_000m + 180_000m, report.Dwellings.Total.Grants + report.Dwellings.Total.Loans);
        Assert.Equal(29, report.Rights.Total.Planned);
        // Ages on 1 September: submitted (the other landlord's) since 1 May, approved since 15 June (waiting for the works to start), pending since 2 August.
        Assert.Equal(
            [(_other.RequestId, 123, WaitingParty.Services), (_approved.RequestId, 78, WaitingParty.Landlord), (_pending.RequestId, 30, WaitingParty.Committee)],
            report.Pipeline.Requests.Select(r => (r.RequestId, r.AgeDays, r.WaitingFor)));
        Assert.Equal(30_603_000m, report.Annexes.Annexe1.Total);
    }

    [Fact]
    public async Task GetAsync_Landlord_SeesItsOwnFiguresOnly()
    {
        var mine = await ReportAsync(ReportFixture.LandlordKey);
        var others = await ReportAsync(ReportFixture.OtherLandlordKey);

        Assert.Equal((ReportFixture.Landlord, 2), (mine.LandlordId, mine.Totals.Requests));
        Assert.Equal((ReportFixture.OtherLandlord, 1, 0m), (others.LandlordId, others.Totals.Requests, others.Envelopes[0].Committed));
        Assert.Null(mine.Envelopes[0].Planned);
        Assert.Equal(400, StatusCode(await _reports.Api.GetAsync(Http(ReportFixture.LandlordKey, $"?landlordId={ReportFixture.OtherLandlord}"), _reports.ConventionId)));
    }

    [Theory]
    [InlineData("", "no-such-period", 404, "convention-not-found")]
    [InlineData("?asOf=2026-09-02", null, 400, "as-of-out-of-range")]
    [InlineData("?asOf=2025-12-31", null, 400, "as-of-out-of-range")]
    [InlineData("?asOf=1 June", null, 400, "validation")]
    public async Task GetAsync_UnknownPeriodOrAsOfOutside_AnswersAProblem(string query, string? conventionId, int status, string type)
    {
        var result = await _reports.Api.GetAsync(Http(ReportFixture.SteeringKey, query), conventionId ?? _reports.ConventionId);

        Assert.Equal(status, StatusCode(result));
        Assert.Equal("urn:partenariat:problems:" + type, Assert.IsAssignableFrom<ProblemHttpResult>(result).ProblemDetails.Type);
    }

    [Fact]
    public async Task GetAsync_WithoutAKey_Answers401()
    {
        Assert.Equal(401, StatusCode(await _reports.Api.GetAsync(Http(key: null), _reports.ConventionId)));
    }

    [Fact]
    public async Task GetCsvAsync_Pipeline_ReadsBackWithFrenchHeadersAndValues()
    {
        var file = Assert.IsType<FileContentHttpResult>(await _reports.Api.GetCsvAsync(Http(ReportFixture.SteeringKey), _reports.ConventionId, "instruction"));

        Assert.Equal(ReportCsv.ContentType, file.ContentType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), file.FileContents.ToArray()[..3]);
        using var reader = CsvReader.Create(file.FileContents.ToArray()[3..], new CsvReaderOptions { Separator = ';', HasHeader = true });
        var rows = new List<Dictionary<string, string?>>();
        foreach (var row in reader)
        {
            rows.Add(row.ToDictionary());
        }

        Assert.Equal(3, rows.Count);
        Assert.Equal((_pending.RequestId, "Devant le comité", "Comité", "30", "500000,00", "02/08/2026"),
            (rows[2]["Demande"], rows[2]["État"], rows[2]["En attente de"], rows[2]["Âge (jours)"], rows[2]["Montant demandé"], rows[2]["Depuis"]));
    }

    [Fact]
    public async Task GetCsvAsync_UnknownTable_Answers404()
    {
        Assert.Equal(404, StatusCode(await _reports.Api.GetCsvAsync(Http(ReportFixture.SteeringKey), _reports.ConventionId, "nothing")));
    }

    [Fact]
    public async Task GetWorkbookAsync_ReadBackWithTheOpenXmlSdk_HasEverySheetItsCellsAndTheCharts()
    {
        var file = Assert.IsType<FileContentHttpResult>(await _reports.Api.GetWorkbookAsync(Http(ReportFixture.SteeringKey), _reports.ConventionId));

        Assert.Equal(ReportWorkbook.ContentType, file.ContentType);
        using var document = SpreadsheetDocument.Open(new MemoryStream(file.FileContents.ToArray()), isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToDictionary(s => s.Name!.Value!, s => (WorksheetPart)workbook.GetPartById(s.Id!.Value!));
        Assert.Equal([.. ReportTables.Names, ReportWorkbook.ChartsSheet], sheets.Keys);
        var envelopes = Cells(sheets["enveloppes"]);
        Assert.Equal(("Ligne", "Prévu", "Engagé"), (envelopes["A2"], envelopes["B2"], envelopes["D2"]));
        Assert.Equal(("Production", "10000000", "450000", "0.045"), (envelopes["A3"], envelopes["B3"], envelopes["D3"], envelopes["I3"]));
        var annexe = Cells(sheets["annexe-1"]);
        Assert.Equal(("Total général", "30603000"), (annexe["A5"], annexe["E5"]));
        Assert.Equal(3, sheets[ReportWorkbook.ChartsSheet].DrawingsPart!.ImageParts.Count());
    }

    [Theory]
    [InlineData("consumption", "svg", "image/svg+xml")]
    [InlineData("products", "png", "image/png")]
    [InlineData("pipeline", "", "image/svg+xml")]
    public async Task GetChartAsync_EachChart_DrawsItInTheFormatAsked(string chart, string format, string contentType)
    {
        var result = await _reports.Api.GetChartAsync(Http(ReportFixture.SteeringKey, format.Length > 0 ? "?format=" + format : string.Empty), _reports.ConventionId, chart);

        var file = Assert.IsType<FileContentHttpResult>(result);
        Assert.Equal(contentType, file.ContentType);
        var bytes = file.FileContents.ToArray();
        if (contentType == "image/png")
        {
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
        else
        {
            Assert.Contains(ReportCharts.Titles[chart].Replace("'", "&apos;", StringComparison.Ordinal), Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RebuildProjectionAsync_NotAnOperator_Answers403()
    {
        Assert.Equal(403, StatusCode(await _reports.Api.RebuildProjectionAsync(Http(ReportFixture.SteeringKey))));
    }

    private async Task<SteeringReport> ReportAsync(string key) =>
        Assert.IsType<ApiResults.JsonResult<SteeringReport>>(await _reports.Api.GetAsync(Http(key), _reports.ConventionId)).Value!;

    private static Dictionary<string, string> Cells(WorksheetPart sheet) => sheet.Worksheet.Descendants<Cell>()
        .ToDictionary(c => c.CellReference!.Value!, c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? string.Empty);

    private static HttpRequest Http(string? key, string query = "")
    {
        var context = new DefaultHttpContext();
        if (key is not null)
        {
            context.Request.Headers[CallerAuthentication.HeaderName] = key;
        }

        context.Request.QueryString = new QueryString(query.Length > 0 ? query : null);
        return context.Request;
    }

    private static int StatusCode(IResult result) => Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode ?? StatusCodes.Status200OK;
}
