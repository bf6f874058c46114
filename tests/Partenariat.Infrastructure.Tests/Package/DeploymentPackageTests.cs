using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using Partenariat.Infrastructure.Tests.Bicep;
using Partenariat.Infrastructure.Tests.Templates;
using Partenariat.Testing;

namespace Partenariat.Infrastructure.Tests.Package;

/// <summary>
/// The zip the Flex Consumption plan deploys: what the Functions host needs to start the .NET
/// isolated worker, at the zip's root, with the repository's host.json and no local settings.
/// </summary>
public sealed class DeploymentPackageTests(DeploymentPackage package) : IClassFixture<DeploymentPackage>
{
    [Fact]
    public void Package_Command_SucceedsAndWritesTheZip()
    {
        Assert.True(package.Packaging.ExitCode == 0, package.Packaging.Transcript);
        Assert.True(File.Exists(package.ZipPath), package.Packaging.Transcript);
        Assert.Contains(package.ZipPath, package.Packaging.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("host.json")]
    [InlineData("functions.metadata")]
    [InlineData("worker.config.json")]
    [InlineData("Partenariat.Functions.dll")]
    [InlineData("Partenariat.Functions.runtimeconfig.json")]
    [InlineData("Partenariat.Functions.deps.json")]
    public void Package_Root_HoldsWhatTheHostNeeds(string file) =>
        Assert.Contains(file, package.EntryNames);

    [Fact]
    public void Package_AzureFunctionsFolder_HoldsTheWorkerExtensions()
    {
        Assert.Contains(package.EntryNames, e => e.StartsWith(".azurefunctions/", StringComparison.Ordinal));
        Assert.Contains(".azurefunctions/function.deps.json", package.EntryNames);
    }

    [Fact]
    public void Package_Entries_AreNotUnderAFolderOfTheirOwn()
    {
        // One deploy unzips to the app's root: a publish/ (or any) top folder would hide host.json.
        Assert.DoesNotContain(package.EntryNames, e => e.EndsWith("/host.json", StringComparison.Ordinal));
        Assert.DoesNotContain(package.EntryNames, e => e.StartsWith('/') || e.Contains('\\', StringComparison.Ordinal));
    }

    [Fact]
    public void Package_HostJson_IsTheRepositorysHostJson()
    {
        var packaged = package.ReadText("host.json");
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")), packaged);
        using var document = JsonDocument.Parse(packaged);
        Assert.Equal(TaskHubTests.HostJsonHubName(), document.RootElement.Clone().StringAt("extensions.durableTask.hubName"));
    }

    [Fact]
    public void Package_WorkerConfig_StartsTheEntryAssemblyWithDotnet()
    {
        using var document = JsonDocument.Parse(package.ReadText("worker.config.json"));
        var description = document.RootElement.Clone().At("description");
        Assert.Equal("dotnet-isolated", description.StringAt("language"));
        Assert.Equal("dotnet", description.StringAt("defaultExecutablePath"));
        Assert.Equal("Partenariat.Functions.dll", description.StringAt("defaultWorkerPath"));
    }

    [Fact]
    public void Package_FunctionsMetadata_ListsFunctionsOfTheEntryAssembly()
    {
        using var document = JsonDocument.Parse(package.ReadText("functions.metadata"));
        var functions = document.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(functions);
        Assert.All(functions, f => Assert.Equal("Partenariat.Functions.dll", f.GetProperty("scriptFile").GetString()));
    }

    [Fact]
    public void Package_LocalSettings_AreLeftOut()
    {
        // local.settings.json points at Azurite; in Azure the settings come from the Function App.
        Assert.DoesNotContain("local.settings.json", package.EntryNames);
    }

    [Fact]
    public void Package_EntryAssembly_IsAnOptimizedReleaseBuild()
    {
        // A Debug build carries [Debuggable(DisableOptimizations)]; a Release build does not.
        var assembly = package.ReadBytes("Partenariat.Functions.dll");
        using var pe = new PEReader(new MemoryStream(assembly));
        var metadata = pe.GetMetadataReader();
        var modes = metadata.GetAssemblyDefinition().GetCustomAttributes()
            .Select(metadata.GetCustomAttribute)
            .Where(a => AttributeTypeName(metadata, a) == "DebuggableAttribute")
            .Select(a => metadata.GetBlobReader(a.Value))
            .Select(blob => { blob.ReadUInt16(); return (DebuggableAttribute.DebuggingModes)blob.ReadInt32(); })
            .ToList();
        Assert.DoesNotContain(modes, m => m.HasFlag(DebuggableAttribute.DebuggingModes.DisableOptimizations));
    }

    private static string AttributeTypeName(MetadataReader metadata, CustomAttribute attribute) =>
        attribute.Constructor.Kind == HandleKind.MemberReference
            && metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent is { Kind: HandleKind.TypeReference } parent
            ? metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)parent).Name)
            : string.Empty;
}
