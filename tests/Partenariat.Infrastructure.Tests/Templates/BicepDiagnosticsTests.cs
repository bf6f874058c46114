using System.Text.Json;
using System.Text.RegularExpressions;
using Partenariat.Infrastructure.Tests.Bicep;

namespace Partenariat.Infrastructure.Tests.Templates;

/// <summary>
/// The templates build and lint clean with the Bicep CLI (warnings included), offline, under the
/// rules of infra/bicepconfig.json.
/// </summary>
[Collection(BicepCollection.Name)]
public sealed partial class BicepDiagnosticsTests(CompiledInfrastructure infrastructure)
{
    /// <summary>The only rules switched off, each with its reason written in bicepconfig.json.</summary>
    private static readonly string[] RulesOffOnPurpose = ["use-recent-api-versions", "use-recent-module-versions"];

    [Fact]
    public void Build_MainTemplate_SucceedsWithoutAnyDiagnostic()
    {
        Assert.True(infrastructure.Build.ExitCode == 0, infrastructure.Build.Transcript);
        Assert.True(string.IsNullOrWhiteSpace(infrastructure.Build.StandardError + infrastructure.Build.StandardOutput), infrastructure.Build.Transcript);
    }

    [Fact]
    public void Lint_MainTemplate_ReportsNothing()
    {
        Assert.True(infrastructure.Lint.ExitCode == 0, infrastructure.Lint.Transcript);
        Assert.True(string.IsNullOrWhiteSpace(infrastructure.Lint.StandardError + infrastructure.Lint.StandardOutput), infrastructure.Lint.Transcript);
    }

    [Fact]
    public void Lint_EveryBicepFile_ReportsNothing()
    {
        Assert.True(infrastructure.LintAll.ExitCode == 0, infrastructure.LintAll.Transcript);
        Assert.True(string.IsNullOrWhiteSpace(infrastructure.LintAll.StandardError + infrastructure.LintAll.StandardOutput), infrastructure.LintAll.Transcript);
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void Lint_ParameterFile_ReportsNothing(string environment)
    {
        var lint = infrastructure.For(environment).Lint;
        Assert.True(lint.ExitCode == 0, lint.Transcript);
        Assert.True(string.IsNullOrWhiteSpace(lint.StandardError + lint.StandardOutput), lint.Transcript);
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void BuildParams_ParameterFile_SucceedsWithoutAnyDiagnostic(string environment)
    {
        var build = infrastructure.For(environment).BuildParams;
        Assert.True(build.ExitCode == 0, build.Transcript);
        Assert.True(string.IsNullOrWhiteSpace(build.StandardError + build.StandardOutput), build.Transcript);
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void Snapshot_ParameterFile_PredictsTheDeploymentWithoutAnyDiagnostic(string environment)
    {
        var build = infrastructure.For(environment);
        Assert.True(build.SnapshotCommand.ExitCode == 0, build.SnapshotCommand.Transcript);
        Assert.Empty(build.Deployment.Diagnostics);
        Assert.NotEmpty(build.Deployment.Resources);
    }

    [Fact]
    public void ParameterFiles_Environments_IncludeDevAndProd()
    {
        Assert.Contains("dev", CompiledInfrastructure.EnvironmentNames);
        Assert.Contains("prod", CompiledInfrastructure.EnvironmentNames);
    }

    [Fact]
    public void Templates_Modules_AreLocalFilesOnly()
    {
        // A registry (br:) or template spec (ts:) module would need the network at build time.
        var offenders = Directory.GetFiles(CompiledInfrastructure.InfraDirectory, "*.bicep*", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => RemoteReference().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(CompiledInfrastructure.InfraDirectory, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void BicepConfig_RulesSwitchedOff_AreOnlyTheOnesExplainedThere()
    {
        var path = Path.Combine(CompiledInfrastructure.InfraDirectory, "bicepconfig.json");
        var rules = Json.ParseFile(path).At("analyzers.core.rules");
        var off = rules.EnumerateObject()
            .Where(r => string.Equals(r.Value.StringAt("level"), "off", StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(RulesOffOnPurpose.Order(StringComparer.Ordinal), off);

        // Each is explained by a comment naming it, just above its entry.
        var lines = File.ReadAllLines(path);
        foreach (var rule in off)
        {
            var entry = Array.FindIndex(lines, l => l.TrimStart().StartsWith($"\"{rule}\"", StringComparison.Ordinal));
            Assert.True(entry > 0 && lines[entry - 1].TrimStart().StartsWith("//", StringComparison.Ordinal), $"'{rule}' is off in bicepconfig.json without a comment saying why.");
            Assert.Contains(lines.Take(entry), l => l.TrimStart().StartsWith("//", StringComparison.Ordinal) && l.Contains(rule, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void BicepConfig_Linter_IsOnWithNoExperimentalFeature()
    {
        var config = Json.ParseFile(Path.Combine(CompiledInfrastructure.InfraDirectory, "bicepconfig.json"));
        Assert.True(config.At("analyzers.core.enabled").GetBoolean());
        Assert.False(config.TryAt("experimentalFeaturesEnabled", out var features)
            && features.EnumerateObject().Any(f => f.Value.ValueKind == JsonValueKind.True));
    }

    [GeneratedRegex(@"^\s*module\s+\w+\s+'(br|ts)[:/]", RegexOptions.CultureInvariant)]
    private static partial Regex RemoteReference();
}
