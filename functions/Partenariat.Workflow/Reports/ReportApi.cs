using System.Globalization;
using Microsoft.AspNetCore.Http;
using Partenariat.Domain.Common;
using Partenariat.Domain.Reports;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Reports;

/// <summary>
/// The steering committee's reports, shared by both hosts: a period's report as JSON, each of its
/// tables as CSV, all of them as an Excel workbook with the charts, each chart as SVG or PNG.
/// The steering committee, reviewers and operators see every landlord's figures (<c>?landlordId=</c>
/// narrows to one); a landlord sees its own only. <c>?asOf=yyyy-mm-dd</c> sets the report's day
/// (default today, or the period's last day once it is over). Operators rebuild the read model.
/// </summary>
public sealed class ReportApi(CallerAuthentication authentication, ReportService reports, ReportProjectionStore projection, FinancingRequestStore requests)
{
    /// <summary>GET: a period's report as JSON.</summary>
    public const string Route = "reports/{conventionId}";

    /// <summary>GET: one table of the report as CSV.</summary>
    public const string CsvRoute = Route + "/csv/{table}";

    /// <summary>GET: the report as an Excel workbook.</summary>
    public const string WorkbookRoute = Route + "/xlsx";

    /// <summary>GET: one chart, <c>?format=svg</c> (default) or <c>png</c>.</summary>
    public const string ChartRoute = Route + "/charts/{chart}";

    /// <summary>POST: rebuilds the read model from the views (operators).</summary>
    public const string RebuildRoute = "reports/projection/rebuild";

    /// <summary>GET /api/reports/{conventionId}.</summary>
    public async Task<IResult> GetAsync(HttpRequest http, string conventionId, CancellationToken cancellationToken = default)
    {
        var (report, failure) = await ReportAsync(http, conventionId, cancellationToken).ConfigureAwait(false);
        return failure ?? ApiResults.Ok(report!);
    }

    /// <summary>GET /api/reports/{conventionId}/csv/{table}.</summary>
    public async Task<IResult> GetCsvAsync(HttpRequest http, string conventionId, string table, CancellationToken cancellationToken = default)
    {
        var (report, failure) = await ReportAsync(http, conventionId, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var found = ReportTables.Of(report!).FirstOrDefault(t => t.Name == table);
        return found is null
            ? ReportProblems.UnknownPart("table", table, ReportTables.Names)
            : Results.File(ReportCsv.Write(found), ReportCsv.ContentType, FileName(report!, table, "csv"));
    }

    /// <summary>GET /api/reports/{conventionId}/xlsx.</summary>
    public async Task<IResult> GetWorkbookAsync(HttpRequest http, string conventionId, CancellationToken cancellationToken = default)
    {
        var (report, failure) = await ReportAsync(http, conventionId, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var charts = ReportCharts.Titles
            .Select(c => new WorkbookChart(c.Value, ReportCharts.Draw(report!, c.Key, ChartFormat.Png), ReportCharts.Width, ReportCharts.Height))
            .ToList();
        return Results.File(ReportWorkbook.Write(ReportTables.Of(report!), charts), ReportWorkbook.ContentType, FileName(report!, "rapport", "xlsx"));
    }

    /// <summary>GET /api/reports/{conventionId}/charts/{chart}?format=svg|png.</summary>
    public async Task<IResult> GetChartAsync(HttpRequest http, string conventionId, string chart, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var formatText = http.Query["format"].ToString();
        if (!Enum.TryParse<ChartFormat>(formatText.Length == 0 ? nameof(ChartFormat.Svg) : formatText, ignoreCase: true, out var format) || !Enum.IsDefined(format))
        {
            return Problems.Invalid([new ValidationError("format", ErrorCodes.InvalidValue, "format must be svg or png.")], "The query is not valid");
        }

        var (report, failure) = await ReportAsync(http, conventionId, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        return ReportCharts.Titles.ContainsKey(chart)
            ? Results.File(ReportCharts.Draw(report!, chart, format), ReportCharts.ContentType(format))
            : ReportProblems.UnknownPart("chart", chart, ReportCharts.Titles.Keys);
    }

    /// <summary>POST /api/reports/projection/rebuild: compares the read model with the views and mends it (operators).</summary>
    public async Task<IResult> RebuildProjectionAsync(HttpRequest http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = await authentication.AuthenticateAsync(http, cancellationToken).ConfigureAwait(false);
        if (caller is null)
        {
            return Problems.Unauthenticated();
        }

        return caller.Role != CallerRole.Operator
            ? Problems.Forbidden("operator")
            : ApiResults.Ok(await projection.RebuildAsync(requests, cancellationToken).ConfigureAwait(false));
    }

    private async Task<(SteeringReport? Report, IResult? Failure)> ReportAsync(HttpRequest http, string conventionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = await authentication.AuthenticateAsync(http, cancellationToken).ConfigureAwait(false);
        if (caller is null)
        {
            return (null, Problems.Unauthenticated());
        }

        var landlordId = http.Query["landlordId"].ToString() is { Length: > 0 } asked ? asked : null;
        if (caller.Role == CallerRole.Landlord)
        {
            if (landlordId is not null && landlordId != caller.Id)
            {
                return (null, Problems.Invalid([new ValidationError("landlordId", ErrorCodes.Mismatch, $"A landlord sees only its own figures: leave landlordId out, or give your own SIREN ({caller.Id}).")], "The query is not valid"));
            }

            landlordId = caller.Id;
        }

        if (reports.Find(conventionId) is not { } convention)
        {
            return (null, ReportProblems.ConventionNotFound(conventionId, reports.Conventions));
        }

        var today = reports.Today;
        var asOf = SteeringReports.DefaultAsOf(convention, today);
        if (http.Query["asOf"].ToString() is { Length: > 0 } asOfText
            && !DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out asOf))
        {
            return (null, Problems.Invalid([new ValidationError("asOf", ErrorCodes.InvalidValue, $"'{asOfText}' is not a date: give asOf as yyyy-mm-dd.")], "The query is not valid"));
        }

        if (SteeringReports.AsOfProblem(convention, asOf, today) is { } problem)
        {
            return (null, ReportProblems.AsOfOutOfRange(problem));
        }

        return (await reports.BuildAsync(convention, asOf, landlordId, cancellationToken).ConfigureAwait(false), null);
    }

    private static string FileName(SteeringReport report, string name, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{report.ConventionId}-{name}-{report.AsOf:yyyy-MM-dd}{(report.LandlordId is { } l ? "-" + l : string.Empty)}.{extension}");
}
