using Partenariat.Domain.Common;

namespace Partenariat.Workflow.Audit;

/// <summary>What a chain records.</summary>
public enum ChainKind
{
    /// <summary>An envelope line's ledger: one entry per change of the line.</summary>
    Ledger,

    /// <summary>A request's timeline: one entry per step.</summary>
    Timeline,
}

/// <summary>
/// The record behind a period's reports, for an auditor: every chain of the period (each line's
/// ledger, each request's timeline) with its entries as stored and the head kept beside it.
/// Checked by <see cref="AuditVerifier"/>, also offline (<c>tools/Partenariat.AuditCli</c>).
/// </summary>
/// <param name="ConventionId">The period.</param>
/// <param name="ExportedAt">When the export was made.</param>
/// <param name="Chains">Every chain, ledgers first.</param>
public sealed record AuditExport(string ConventionId, DateTimeOffset ExportedAt, IReadOnlyList<ExportedChain> Chains);

/// <summary>One chain: its name (what each hash covers with its entry), what it records, the head its record keeps, its entries in order.</summary>
public sealed record ExportedChain(string Chain, ChainKind Kind, string Head, IReadOnlyList<ChainedEntry> Entries);

/// <summary>Checks an export: every chain with <see cref="AuditChain.Verify"/>, against the head its record keeps.</summary>
public static class AuditVerifier
{
    /// <summary>Every problem found, each naming its chain and entry; empty when the record holds.</summary>
    public static IReadOnlyList<string> Verify(AuditExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return [.. (export.Chains ?? []).SelectMany(c => AuditChain.Verify(c.Chain, c.Entries ?? [], c.Head))];
    }
}
