using System.Reflection;

namespace Partenariat.Infrastructure.Tests.Bicep;

/// <summary>
/// The Bicep CLI of the NuGet package Azure.Bicep.CommandLine.linux-x64, restored with this test
/// project (its path is written into the assembly at build time). It builds, lints and evaluates
/// local files offline.
/// </summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The path of the bicep executable.</summary>
    public static string Path { get; } = FindPath();

    /// <summary>Runs bicep with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static Task<CommandResult> RunAsync(string workingDirectory, params string[] arguments) =>
        CommandLine.RunAsync(Path, arguments, workingDirectory, Timeout);

    private static string FindPath()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepPath")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Bicep CLI is not at '{path}': restore tests/Partenariat.Infrastructure.Tests (it brings the NuGet package Azure.Bicep.CommandLine.linux-x64, for Linux x64).");
        }

        // NuGet does not always keep the executable bit of a package's files.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if (!mode.HasFlag(UnixFileMode.UserExecute))
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }

        return path;
    }
}
