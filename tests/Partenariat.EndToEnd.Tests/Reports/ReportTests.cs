using System.Net;
using System.Text.Json;
using Partenariat.EndToEnd.Tests.Hosts;
using Partenariat.Workflow.Audit;
using Partenariat.Workflow.Http;

namespace Partenariat.EndToEnd.Tests.Reports;

/// <summary>
/// The steering committee's report on either host: a period of the test's own, whose report equals
/// the sum of its requests as their landlord reads them; its CSV, workbook and chart; the audit
/// export that verifies.
/// </summary>
public abstract class ReportTests(HostFixture fixture) : RequestsApiTest(fixture)
{
    /// <summary>The period only this test submits to (configured by the fixtures).</summary>
    public const string ReportsConvention = "e2e-reports";

    private const string SteeringKey = "local-steering-key";

    [SkippableFact]
    public async Task Report_PeriodOfItsOwn_EqualsTheSumOfItsRequests()
    {
        var approvedId = await SubmitAsync(ReportsConvention);
        var pendingId = await SubmitAsync(ReportsConvention);
        await WaitForRequestAsync(approvedId, "PendingCommittee");
        await SendDecisionAsync(new { requestId = approvedId, outcome = "Approved", approvedAmount = 400_000, reviewer = "Mme Martin" });
        var approved = await WaitForRequestAsync(approvedId, "Approved");
        var pending = await WaitForRequestAsync(pendingId, "PendingCommittee");
        JsonElement[] requests = [approved, pending];

        var report = await GetJsonAsync($"api/reports/{ReportsConvention}", SteeringKey);

        var totals = report.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("requests").GetInt32());
        Assert.Equal(requests.Sum(r => r.GetProperty("request").GetProperty("requestedLines").EnumerateArray().Sum(l => l.GetProperty("amount").GetDecimal())), totals.GetProperty("requested").GetDecimal());
        Assert.Equal(approved.GetProperty("decision").GetProperty("approvedAmount").GetDecimal(), totals.GetProperty("approved").GetDecimal());
        var line = report.GetProperty("envelopes")[0];
        Assert.Equal((400_000m, 500_000m), (line.GetProperty("committed").GetDecimal(), line.GetProperty("reserved").GetDecimal()));
        Assert.Equal((400_000m, 500_000m), (line.GetProperty("fromRequests").GetProperty("committed").GetDecimal(), line.GetProperty("fromRequests").GetProperty("reserved").GetDecimal()));
        var dwellings = report.GetProperty("dwellings").GetProperty("total").GetProperty("dwellings");
        var financed = approved.GetProperty("request").GetProperty("operation").GetProperty("dwellings");
        Assert.Equal((financed.GetProperty("plai").GetInt32(), financed.GetProperty("plus").GetInt32()), (dwellings.GetProperty("plai").GetInt32(), dwellings.GetProperty("plus").GetInt32()));
        Assert.Equal(
            [(pendingId, "Committee"), (approvedId, "Landlord")],
            report.GetProperty("pipeline").GetProperty("requests").EnumerateArray()
                .Select(r => (r.GetProperty("requestId").GetString(), r.GetProperty("waitingFor").GetString())).OrderBy(r => r.Item2, StringComparer.Ordinal));
        Assert.Equal(0, (await GetJsonAsync($"api/reports/{ReportsConvention}", OtherLandlordKey)).GetProperty("totals").GetProperty("requests").GetInt32());
    }

    [SkippableFact]
    public async Task Report_CsvWorkbookAndChart_AnswerTheirFiles()
    {
        using var csv = await SendAsync(HttpMethod.Get, $"api/reports/{ReportsConvention}/csv/enveloppes", SteeringKey);
        using var workbook = await SendAsync(HttpMethod.Get, $"api/reports/{ReportsConvention}/xlsx", SteeringKey);
        using var chart = await SendAsync(HttpMethod.Get, $"api/reports/{ReportsConvention}/charts/consumption?format=png", SteeringKey);
        using var future = await SendAsync(HttpMethod.Get, $"api/reports/{ReportsConvention}?asOf=2099-01-01", SteeringKey);

        Assert.Equal(
            ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "image/png"],
            new[] { csv, workbook, chart }.Select(r => r.Content.Headers.ContentType?.MediaType));
        Assert.StartsWith("Ligne;Prévu;", (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal((byte)'P', (await workbook.Content.ReadAsByteArrayAsync())[0]); // a zip package
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
    }

    [SkippableFact]
    public async Task AuditExport_SteeringCommittee_VerifiesAndLandlordsAreRefused()
    {
        var export = JsonSerializer.Deserialize<AuditExport>((await GetJsonAsync($"api/audit/export?conventionId={ReportsConvention}", SteeringKey)).GetRawText(), PartenariatJson.Options)!;
        using var refused = await SendAsync(HttpMethod.Get, $"api/audit/export?conventionId={ReportsConvention}", LandlordKey);

        Assert.Contains(export.Chains, c => c.Kind == ChainKind.Ledger);
        Assert.Empty(AuditVerifier.Verify(export));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private async Task<JsonElement> GetJsonAsync(string path, string key)
    {
        using var response = await SendAsync(HttpMethod.Get, path, key);
        await ExpectAsync(HttpStatusCode.OK, response);
        return await ReadJsonAsync(response);
    }
}

[Collection(SelfContainedHostCollection.Name)]
public sealed class SelfContainedHostReportTests(SelfContainedHostFixture fixture) : ReportTests(fixture);

[Collection(FunctionsHostCollection.Name)]
public sealed class FunctionsHostReportTests(FunctionsHostFixture fixture) : ReportTests(fixture);
