using System.Text.Json;
using Partenariat.AuditCli;
using Partenariat.Domain.Common;
using Partenariat.Workflow.Audit;
using Partenariat.Workflow.Http;

namespace Partenariat.AuditCli.Tests;

/// <summary>The auditor's command: an export that holds exits 0, an altered entry exits 1 naming it, an unreadable file exits 2.</summary>
public sealed class AuditCommandTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task RunAsync_ExportThatHolds_ExitsZero()
    {
        await WriteAsync(Export(Chain("123456782/fr-1", "a", "b", "c")));

        var (code, output) = await RunAsync("verify", _file);

        Assert.Equal(0, code);
        Assert.Contains("holds: 1 chains, 3 entries", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EntryAltered_ExitsOneNamingIt()
    {
        var chain = Chain("dijon-2020-2022|housing-production", "a", "b", "c");
        var altered = chain with { Entries = [chain.Entries[0], chain.Entries[1] with { Content = "B" }, chain.Entries[2]] };
        await WriteAsync(Export(altered));

        var (code, output) = await RunAsync("verify", _file);

        Assert.Equal(1, code);
        Assert.Contains("dijon-2020-2022|housing-production: entry 2 was altered", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("check", "x")]
    public async Task RunAsync_WrongArguments_ExitsTwo(params string[] args)
    {
        Assert.Equal(2, (await RunAsync(args)).Code);
    }

    [Fact]
    public async Task RunAsync_NotJson_ExitsTwo()
    {
        await File.WriteAllTextAsync(_file, "not json");

        Assert.Equal(2, (await RunAsync("verify", _file)).Code);
    }

    public void Dispose() => File.Delete(_file);

    private static AuditExport Export(params ExportedChain[] chains) => new("dijon-2020-2022", DateTimeOffset.UnixEpoch, chains);

    private static ExportedChain Chain(string name, params string[] contents)
    {
        var entries = new List<ChainedEntry>();
        var previous = AuditChain.Genesis;
        foreach (var content in contents)
        {
            var sequence = entries.Count + 1;
            var hash = AuditChain.Hash(name, sequence, previous, content);
            entries.Add(new ChainedEntry(sequence, previous, content, hash));
            previous = hash;
        }

        return new ExportedChain(name, ChainKind.Ledger, previous, entries);
    }

    private Task WriteAsync(AuditExport export) => File.WriteAllTextAsync(_file, JsonSerializer.Serialize(export, PartenariatJson.Options));

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AuditCommand.RunAsync(args, output, error);
        return (code, output + error.ToString());
    }
}
