using System.Xml.Linq;
using Partenariat.Testing;

namespace Partenariat.Architecture.Tests;

/// <summary>
/// The tools under <c>tools/</c> sit above the workflow, beside the hosts: the decision command line
/// uses the workflow's message schema and storage connection, the audit command line its export
/// schema and verifier, and nothing under <c>functions/</c>
/// depends on a tool.
/// </summary>
public sealed class ToolsLayeringTests
{
    [Theory]
    [InlineData("Partenariat.DecisionCli")]
    [InlineData("Partenariat.AuditCli")]
    public void ToolProjectFile_References_OnlyTheWorkflow(string tool)
    {
        var references = XDocument.Load(Path.Combine(RepositoryPaths.Root, "tools", tool, tool + ".csproj"))
            .Descendants("ProjectReference")
            .Select(p => Path.GetFileNameWithoutExtension((string)p.Attribute("Include")!));

        Assert.Equal(["Partenariat.Workflow"], references);
    }

    [Fact]
    public void FunctionsProjects_ReferenceNoTool()
    {
        var projects = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "functions"), "*.csproj", SearchOption.AllDirectories);

        Assert.NotEmpty(projects);
        Assert.All(projects, project => Assert.DoesNotContain(
            XDocument.Load(project).Descendants("ProjectReference").Select(p => ((string)p.Attribute("Include")!).Replace('\\', '/')),
            reference => reference.Contains("/tools/", StringComparison.Ordinal)));
    }
}
