using Microsoft.AspNetCore.Http;

namespace Partenariat.Workflow.Reports;

/// <summary>The reports' and the audit export's errors as ProblemDetails, each with a stable <c>type</c> and a detail that says what to fix.</summary>
public static class ReportProblems
{
    private const string TypePrefix = "urn:partenariat:problems:";

    /// <summary>404: no convention period of that id.</summary>
    public static IResult ConventionNotFound(string conventionId, IEnumerable<string> known) => Results.Problem(
        type: TypePrefix + "convention-not-found", title: "No such convention period", statusCode: StatusCodes.Status404NotFound,
        detail: $"No convention period '{conventionId}': use one of {string.Join(", ", known)} (GET /api/envelopes lists them with their lines).");

    /// <summary>400: the asOf date is not one a report can be for.</summary>
    public static IResult AsOfOutOfRange(string reason) => Results.Problem(
        type: TypePrefix + "as-of-out-of-range", title: "No report can be made for that day", statusCode: StatusCodes.Status400BadRequest, detail: reason);

    /// <summary>403: the audit export is for the steering committee and operators.</summary>
    public static IResult AuditForbidden() => Results.Problem(
        type: TypePrefix + "forbidden", title: "Not allowed", statusCode: StatusCodes.Status403Forbidden,
        detail: "The audit export is for the steering committee and operators: use the steering committee's or an operator's key.");

    /// <summary>404: no table or chart of that name.</summary>
    public static IResult UnknownPart(string what, string name, IEnumerable<string> known) => Results.Problem(
        type: TypePrefix + "report-part-not-found", title: $"No such {what}", statusCode: StatusCodes.Status404NotFound,
        detail: $"The reports have no {what} '{name}': use one of {string.Join(", ", known)}.");
}
