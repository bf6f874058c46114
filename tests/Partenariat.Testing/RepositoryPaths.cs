using System.Reflection;

namespace Partenariat.Testing;

/// <summary>Where things are in this repository, found from the running test assembly.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository's root: the folder holding Partenariat.Functions.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration =>
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The build output of a project under <c>functions/</c>, in the tests' configuration.</summary>
    public static string ProjectOutput(string projectName) =>
        Path.Combine(Root, "functions", projectName, "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Partenariat.Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Partenariat.Functions.sln above '{AppContext.BaseDirectory}': run the tests from the repository.");
    }
}
