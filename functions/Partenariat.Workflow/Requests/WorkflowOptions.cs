using System.ComponentModel.DataAnnotations;

namespace Partenariat.Workflow.Requests;

/// <summary>The financing workflow's settings (section <c>Partenariat:Workflow</c>); every assumption of ours about the convention (docs/domain.md) is here.</summary>
public sealed class WorkflowOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Partenariat:Workflow";

    /// <summary>Days the landlord has to answer an information request (assumption; default 30).</summary>
    [Range(1, 365)]
    public int InformationDueDays { get; set; } = 30;

    /// <summary>
    /// Overrides the answer delay with a duration (e.g. <c>00:00:05</c>), for demonstrations and tests;
    /// when set, it wins over <see cref="InformationDueDays"/>.
    /// </summary>
    public TimeSpan? InformationDueAfter { get; set; }

    /// <summary>Share of the approved amount paid on the works start order, the balance on completion (assumption; default 50).</summary>
    [Range(1, 100)]
    public decimal WorksStartOrderPercent { get; set; } = 50m;

    /// <summary>Largest supporting document accepted, in bytes (default 20 MiB).</summary>
    [Range(1, 256L * 1024 * 1024)]
    public long MaxDocumentBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>
    /// Days before the period closes when the landlord of a request not yet committed is warned
    /// that it will expire (assumption; default 30; 0: no warning).
    /// </summary>
    [Range(0, 365)]
    public int LapseWarningDays { get; set; } = 30;

    /// <summary>The answer delay in effect.</summary>
    public TimeSpan InformationDue => InformationDueAfter ?? TimeSpan.FromDays(InformationDueDays);
}
