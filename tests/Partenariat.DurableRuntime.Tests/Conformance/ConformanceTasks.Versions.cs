using Microsoft.DurableTask;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>The conformance tasks that tell their version.</summary>
public static partial class ConformanceTasks
{
    public const string Versioned = "Conf.Versioned";
    public const string VersionEcho = "Conf.VersionEcho";
    public const string ActivityVersion = "Conf.ActivityVersion";
    public const string ActivityVersionEcho = "Conf.ActivityVersionEcho";
    public const string VersionedParent = "Conf.VersionedParent";
    public const string ActivityOfAnotherVersion = "Conf.ActivityOfAnotherVersion";

    private static void RegisterVersions(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<string, string>(Versioned, (context, _) => context.CallActivityAsync<string>(VersionEcho, context.Version))
        .AddActivityFunc<string, string>(VersionEcho, (_, version) => $"Orchestration version: {version}")
        .AddOrchestratorFunc<string, string>(ActivityVersion, (context, _) => context.CallActivityAsync<string>(ActivityVersionEcho))
        .AddActivityFunc<string, string>(ActivityVersionEcho, (context, _) => $"Activity version: {context.Version}")
        .AddOrchestratorFunc<string?, string>(VersionedParent, (context, childVersion) => childVersion is null
            ? context.CallSubOrchestratorAsync<string>(Versioned)
            : context.CallSubOrchestratorAsync<string>(Versioned, options: new SubOrchestrationOptions { Version = childVersion }))
        .AddOrchestratorFunc<string, string>(ActivityOfAnotherVersion, (context, version) =>
            context.CallActivityAsync<string>(ActivityVersionEcho, options: new TaskOptions { Version = version }));
}
