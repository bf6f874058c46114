using System.Reflection;
using System.Xml.Linq;
using Partenariat.Testing;

namespace Partenariat.Architecture.Tests;

/// <summary>
/// The layers of docs/architecture.md: the domain references only the base class library; the workflow only
/// the domain below it; the durable hosting library (the runtime the Functions host provides in
/// Azure) only the workflow; the two hosts the workflow, never each other, and the Functions app
/// never the durable hosting library. Checked twice: in the project
/// files (what may be referenced) and in the compiled assemblies (what is).
/// </summary>
public sealed class LayeringTests
{
    private const string Domain = "Partenariat.Domain";
    private const string Workflow = "Partenariat.Workflow";
    private const string DurableRuntime = "Partenariat.DurableRuntime";
    private const string FunctionsApp = "Partenariat.Functions";
    private const string SelfContainedHost = "Partenariat.SelfContainedHost";

    /// <summary>Each layer, lowest first, and the projects it may reference.</summary>
    public static TheoryData<string, string[]> AllowedProjectReferences => new()
    {
        { Domain, [] },
        { Workflow, [Domain] },
        { DurableRuntime, [Workflow] },
        { FunctionsApp, [Workflow] },
        { SelfContainedHost, [Workflow, DurableRuntime] },
    };

    [Theory]
    [MemberData(nameof(AllowedProjectReferences))]
    public void ProjectFile_References_OnlyTheLayersBelow(string project, string[] allowed)
    {
        var references = ProjectReferences(project);

        Assert.All(references, reference => Assert.Contains(reference, allowed));
    }

    [Fact]
    public void DomainProjectFile_HasNoPackageReference_ButAnalyzers()
    {
        var packages = Csproj(Domain).Descendants("PackageReference")
            .Select(p => (string?)p.Attribute("Include"))
            .Where(p => p != "Microsoft.CodeAnalysis.BannedApiAnalyzers");

        Assert.Empty(packages);
    }

    [Fact]
    public void DomainAssembly_References_OnlyTheBaseClassLibrary()
    {
        var references = Assembly.Load(Domain).GetReferencedAssemblies().Select(a => a.Name!);

        Assert.All(references, name => Assert.True(
            name is "netstandard" or "mscorlib" || name.StartsWith("System", StringComparison.Ordinal),
            $"The domain references '{name}': it may reference only the base class library."));
    }

    [Theory]
    [InlineData(Domain, new[] { Workflow, DurableRuntime, FunctionsApp, SelfContainedHost })]
    [InlineData(Workflow, new[] { DurableRuntime, FunctionsApp, SelfContainedHost })]
    [InlineData(DurableRuntime, new[] { FunctionsApp, SelfContainedHost })]
    [InlineData(FunctionsApp, new[] { SelfContainedHost, DurableRuntime })]
    [InlineData(SelfContainedHost, new[] { FunctionsApp })]
    public void Assembly_References_NoLayerAboveNorTheOtherHost(string assembly, string[] forbidden)
    {
        var references = Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!);

        Assert.Empty(references.Intersect(forbidden, StringComparer.Ordinal));
    }

    [Fact]
    public void Hosts_ReferenceTheWorkflow()
    {
        Assert.Contains(Workflow, ProjectReferences(FunctionsApp));
        Assert.Contains(Workflow, ProjectReferences(SelfContainedHost));
    }

    private static XDocument Csproj(string project) =>
        XDocument.Load(Path.Combine(RepositoryPaths.Root, "functions", project, project + ".csproj"));

    private static string[] ProjectReferences(string project) => Csproj(project)
        .Descendants("ProjectReference")
        .Select(p => Path.GetFileNameWithoutExtension((string)p.Attribute("Include")!))
        .ToArray();
}
