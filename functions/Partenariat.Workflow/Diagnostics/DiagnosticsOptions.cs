using System.ComponentModel.DataAnnotations;

namespace Partenariat.Workflow.Diagnostics;

/// <summary>
/// The diagnostic orchestrations' starter (section <c>Partenariat:Diagnostics</c>): off unless an
/// operator turns it on, for it starts orchestrations of the runtime outside the workflow.
/// </summary>
public sealed record DiagnosticsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Partenariat:Diagnostics";

    /// <summary>Whether <c>POST /api/diagnostics/{orchestrator}</c> starts anything (default: off).</summary>
    public bool Enabled { get; set; }

    /// <summary>The largest input accepted, in bytes (default 16 KiB).</summary>
    [Range(1, 1024 * 1024)]
    public int MaxInputBytes { get; set; } = 16 * 1024;
}
