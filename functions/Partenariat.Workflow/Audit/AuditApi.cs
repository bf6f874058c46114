using Microsoft.AspNetCore.Http;
using Partenariat.Domain.Common;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Reports;

namespace Partenariat.Workflow.Audit;

/// <summary>
/// GET /api/audit/export?conventionId=, shared by both hosts: a period's record for an auditor
/// (<see cref="AuditExport"/>), for the steering committee and operators; verify it with
/// <c>dotnet run --project tools/Partenariat.AuditCli -- verify export.json</c>.
/// </summary>
public sealed class AuditApi(CallerAuthentication authentication, AuditService audit, ConventionDirectory conventions)
{
    /// <summary>The route, under host.json's prefix.</summary>
    public const string Route = "audit/export";

    /// <summary>GET /api/audit/export?conventionId=.</summary>
    public async Task<IResult> ExportAsync(HttpRequest http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = await authentication.AuthenticateAsync(http, cancellationToken).ConfigureAwait(false);
        if (caller is null)
        {
            return Problems.Unauthenticated();
        }

        if (caller.Role is not (CallerRole.Steering or CallerRole.Operator))
        {
            return ReportProblems.AuditForbidden();
        }

        var conventionId = http.Query["conventionId"].ToString();
        if (conventionId.Length == 0)
        {
            return Problems.Invalid([new ValidationError("conventionId", ErrorCodes.Required, "Give the period to export in conventionId, e.g. ?conventionId=dijon-2020-2022.")], "The query is not valid");
        }

        return conventions.Catalog.Find(conventionId) is { } convention
            ? ApiResults.Ok(await audit.ExportAsync(convention, cancellationToken).ConfigureAwait(false))
            : ReportProblems.ConventionNotFound(conventionId, conventions.Catalog.Conventions.Select(c => c.Id));
    }
}
