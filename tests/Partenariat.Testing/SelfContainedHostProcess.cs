namespace Partenariat.Testing;

/// <summary>The self-contained host as a user runs it: its build output in a process of its own, on a port of 127.0.0.1 the system picks.</summary>
public static class SelfContainedHostProcess
{
    /// <summary>The host's build output in the tests' configuration.</summary>
    public static string Dll => Path.Combine(RepositoryPaths.ProjectOutput("Partenariat.SelfContainedHost"), "Partenariat.SelfContainedHost.dll");

    /// <summary>Starts the host with <paramref name="environment"/> (its settings, as environment variables).</summary>
    public static SupervisedProcess Start(IReadOnlyDictionary<string, string?> environment) =>
        SupervisedProcess.Start("dotnet", [Dll, "--urls", "http://127.0.0.1:0"], environment);
}
