using Partenariat.Domain.Requests;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Committee;

/// <summary>
/// The checks a request goes before the committee with: the domain validator's committee stage
/// (e.g. the State approval reference for PLAI, PLUS and PLS). Their findings go to the reviewers
/// with the review message and into the timeline; they inform the decision, they do not block it.
/// </summary>
public static class EligibilityChecks
{
    /// <summary>What the committee-stage checks find in a stored request (empty when nothing).</summary>
    public static IReadOnlyList<string> Run(FinancingRequestView view, ConventionDirectory conventions)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(conventions);
        var validator = new FinancingRequestValidator(conventions.Catalog, conventions.Territory);
        var report = validator.Validate(view.Request, ValidationStage.Committee, DateOnly.FromDateTime(view.SubmittedAt.UtcDateTime));
        return report.Errors.Select(e => $"{e.Field}: {e.Message}").ToList();
    }

    /// <summary>The timeline's words for what the checks found.</summary>
    public static string Describe(IReadOnlyList<string> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return findings.Count == 0 ? "Sent to the committee; the checks found nothing." : "Sent to the committee; the checks found: " + string.Join(" ", findings);
    }
}
