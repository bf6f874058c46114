using System.Text.Json;
using Partenariat.Workflow.Audit;
using Partenariat.Workflow.Http;

namespace Partenariat.AuditCli;

/// <summary>
/// <c>verify FILE</c>: reads an audit export (the JSON of <c>GET /api/audit/export?conventionId=</c>)
/// and checks every chain in it, each entry's hash against its content and the entry before it and
/// each chain's end against the head its record keeps. Exit code 0 when the record holds, 1 when it
/// does not (each problem printed, naming its chain and entry), 2 when the file cannot be read.
/// </summary>
internal static class AuditCommand
{
    public const string Usage =
        "usage: partenariat-audit verify FILE\n" +
        "  FILE  an audit export: curl -H 'X-Api-Key: <steering or operator key>' '<host>/api/audit/export?conventionId=<period>' > export.json";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count != 2 || args[0] != "verify")
        {
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        AuditExport? export;
        try
        {
            await using var file = File.OpenRead(args[1]);
            export = await JsonSerializer.DeserializeAsync<AuditExport>(file, PartenariatJson.Options).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            await error.WriteLineAsync($"Cannot read the export '{args[1]}': {exception.Message}").ConfigureAwait(false);
            return 2;
        }

        if (export?.Chains is null)
        {
            await error.WriteLineAsync($"'{args[1]}' is not an audit export (no chains).").ConfigureAwait(false);
            return 2;
        }

        var problems = AuditVerifier.Verify(export);
        var entries = export.Chains.Sum(c => c.Entries?.Count ?? 0);
        foreach (var problem in problems)
        {
            await output.WriteLineAsync(problem).ConfigureAwait(false);
        }

        await output.WriteLineAsync(problems.Count == 0
            ? $"The record of {export.ConventionId} holds: {export.Chains.Count} chains, {entries} entries, exported {export.ExportedAt:O}."
            : $"The record of {export.ConventionId} does NOT hold: {problems.Count} problems in {export.Chains.Count} chains, {entries} entries.").ConfigureAwait(false);
        return problems.Count == 0 ? 0 : 1;
    }
}
