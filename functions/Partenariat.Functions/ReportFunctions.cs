using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Partenariat.Workflow.Audit;
using Partenariat.Workflow.Reports;

namespace Partenariat.Functions;

/// <summary>The steering committee's reports and the audit export: one-line adapters to the workflow.</summary>
public sealed class ReportFunctions(ReportApi reports, AuditApi audit)
{
    [Function("GetReport")]
    public Task<IResult> GetReportAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ReportApi.Route)] HttpRequest request, string conventionId, CancellationToken cancellationToken) =>
        reports.GetAsync(request, conventionId, cancellationToken);

    [Function("GetReportTable")]
    public Task<IResult> GetReportTableAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ReportApi.CsvRoute)] HttpRequest request, string conventionId, string table, CancellationToken cancellationToken) =>
        reports.GetCsvAsync(request, conventionId, table, cancellationToken);

    [Function("GetReportWorkbook")]
    public Task<IResult> GetReportWorkbookAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ReportApi.WorkbookRoute)] HttpRequest request, string conventionId, CancellationToken cancellationToken) =>
        reports.GetWorkbookAsync(request, conventionId, cancellationToken);

    [Function("GetReportChart")]
    public Task<IResult> GetReportChartAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ReportApi.ChartRoute)] HttpRequest request, string conventionId, string chart, CancellationToken cancellationToken) =>
        reports.GetChartAsync(request, conventionId, chart, cancellationToken);

    [Function("RebuildReportProjection")]
    public Task<IResult> RebuildReportProjectionAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ReportApi.RebuildRoute)] HttpRequest request, CancellationToken cancellationToken) =>
        reports.RebuildProjectionAsync(request, cancellationToken);

    [Function("ExportAudit")]
    public Task<IResult> ExportAuditAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AuditApi.Route)] HttpRequest request, CancellationToken cancellationToken) =>
        audit.ExportAsync(request, cancellationToken);
}
