using System.IO.Compression;
using Partenariat.Testing;

namespace Partenariat.Infrastructure.Tests.Package;

/// <summary>
/// The deployment package, built once by the project's own command (<c>eng/package.sh --output</c>)
/// into a temporary folder: a Release publish of functions/Partenariat.Functions, zipped.
/// </summary>
public sealed class DeploymentPackage : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);
    private DirectoryInfo? _workspace;

    /// <summary>The packaging command's run.</summary>
    internal CommandResult Packaging { get; private set; } = null!;

    /// <summary>The zip it made.</summary>
    public string ZipPath { get; private set; } = string.Empty;

    /// <summary>The zip's entries by full name (folders end with '/').</summary>
    public IReadOnlyList<string> EntryNames { get; private set; } = [];

    /// <summary>The text of one entry.</summary>
    public string ReadText(string entryName)
    {
        using var zip = ZipFile.OpenRead(ZipPath);
        var entry = zip.GetEntry(entryName) ?? throw new Xunit.Sdk.XunitException($"No '{entryName}' in the package.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    /// <summary>The bytes of one entry.</summary>
    public byte[] ReadBytes(string entryName)
    {
        using var zip = ZipFile.OpenRead(ZipPath);
        var entry = zip.GetEntry(entryName) ?? throw new Xunit.Sdk.XunitException($"No '{entryName}' in the package.");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public async Task InitializeAsync()
    {
        _workspace = Directory.CreateTempSubdirectory("partenariat-package-");
        ZipPath = Path.Combine(_workspace.FullName, "partenariat-functions.zip");
        Packaging = await CommandLine.RunAsync(
            "bash",
            [Path.Combine(RepositoryPaths.Root, "eng", "package.sh"), "--output", ZipPath],
            RepositoryPaths.Root,
            Timeout);
        if (Packaging.ExitCode == 0 && File.Exists(ZipPath))
        {
            using var zip = ZipFile.OpenRead(ZipPath);
            EntryNames = [.. zip.Entries.Select(e => e.FullName)];
        }
    }

    public Task DisposeAsync()
    {
        _workspace?.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
