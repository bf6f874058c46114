using Microsoft.OpenApi;
using Partenariat.Domain.Reports;
using Partenariat.SelfContainedHost.Startup;
using Partenariat.Workflow.Audit;
using Partenariat.Workflow.Reports;

namespace Partenariat.SelfContainedHost.Reports;

/// <summary>The steering committee's reports and the audit export, twins of the Functions app's ReportFunctions.</summary>
internal static class ReportsEndpoints
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ReportApi.Route, GetReportAsync)
            .WithTags("Reports")
            .WithName("GetReport")
            .WithSummary("A convention period's report as of a day (?asOf=yyyy-mm-dd): envelopes by line and year, dwellings financed, reservation rights, pipeline, forecast, Annexes 1 and 2. A landlord sees its own figures; the steering committee, reviewers and operators every landlord's (?landlordId= narrows).")
            .Produces<SteeringReport>()
            .ProducesValidationProblem()
            .ProducesReportProblems();
        endpoints.MapGet(ReportApi.CsvRoute, GetReportTableAsync)
            .WithTags("Reports")
            .WithName("GetReportTable")
            .WithSummary("One table of the report as CSV for a French spreadsheet (UTF-8 with BOM, semicolons, decimal commas): " + string.Join(", ", ReportTables.Names) + ".")
            .Produces<Stream>(StatusCodes.Status200OK, ReportCsv.ContentType)
            .ProducesReportProblems();
        endpoints.MapGet(ReportApi.WorkbookRoute, GetReportWorkbookAsync)
            .WithTags("Reports")
            .WithName("GetReportWorkbook")
            .WithSummary("The report as an Excel workbook: one sheet per table, and the charts.")
            .Produces<Stream>(StatusCodes.Status200OK, ReportWorkbook.ContentType)
            .ProducesReportProblems();
        endpoints.MapGet(ReportApi.ChartRoute, GetReportChartAsync)
            .WithTags("Reports")
            .WithName("GetReportChart")
            .WithSummary("One chart of the report (consumption, products, pipeline) as SVG (?format=svg, the default) or PNG (?format=png).")
            .Produces<Stream>(StatusCodes.Status200OK, ReportCharts.ContentType(ChartFormat.Svg), ReportCharts.ContentType(ChartFormat.Png))
            .ProducesReportProblems()
            .WithQuery("format", "svg (the default) or png.", OpenApiQuery.OneOf(["svg", "png"]));
        endpoints.MapPost(ReportApi.RebuildRoute, RebuildReportProjectionAsync)
            .WithTags("Reports")
            .WithName("RebuildReportProjection")
            .WithSummary("Operators: compares the reports' read model with the requests' views and mends what drifted; answers what it found.")
            .Produces<ProjectionRebuild>()
            .ProducesKeyProblems();
        endpoints.MapGet(AuditApi.Route, ExportAuditAsync)
            .WithTags("Audit")
            .WithName("ExportAudit")
            .WithSummary("The steering committee and operators: a period's record (?conventionId=), every ledger and timeline chain with its head, for `dotnet run --project tools/Partenariat.AuditCli -- verify`.")
            .WithQuery("conventionId", "The convention period whose record is exported.", OpenApiQuery.Text(), required: true)
            .Produces<AuditExport>()
            .ProducesValidationProblem()
            .ProducesKeyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    // What a report's every form may answer (a bad asOf or query, no key, no such period, table or
    // chart), and the query every form reads.
    private static RouteHandlerBuilder ProducesReportProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .WithQuery("asOf", "The report's day, yyyy-mm-dd, from the period's first day to today; by default today, or the period's last day once it is over.", OpenApiQuery.Date())
        .WithQuery("landlordId", "One landlord's figures only (its SIREN). A landlord's key sees its own only: leave it out or give its own SIREN (another answers 400).", OpenApiQuery.Text());

    private static Task<IResult> GetReportAsync(HttpRequest request, string conventionId, ReportApi api, CancellationToken cancellationToken) =>
        api.GetAsync(request, conventionId, cancellationToken);

    private static Task<IResult> GetReportTableAsync(HttpRequest request, string conventionId, string table, ReportApi api, CancellationToken cancellationToken) =>
        api.GetCsvAsync(request, conventionId, table, cancellationToken);

    private static Task<IResult> GetReportWorkbookAsync(HttpRequest request, string conventionId, ReportApi api, CancellationToken cancellationToken) =>
        api.GetWorkbookAsync(request, conventionId, cancellationToken);

    private static Task<IResult> GetReportChartAsync(HttpRequest request, string conventionId, string chart, ReportApi api, CancellationToken cancellationToken) =>
        api.GetChartAsync(request, conventionId, chart, cancellationToken);

    private static Task<IResult> RebuildReportProjectionAsync(HttpRequest request, ReportApi api, CancellationToken cancellationToken) =>
        api.RebuildProjectionAsync(request, cancellationToken);

    private static Task<IResult> ExportAuditAsync(HttpRequest request, AuditApi api, CancellationToken cancellationToken) =>
        api.ExportAsync(request, cancellationToken);
}
