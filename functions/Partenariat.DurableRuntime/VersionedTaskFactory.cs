using System.Reflection;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;

namespace Partenariat.DurableRuntime;

/// <summary>
/// Creates orchestrators and activities by name and version, as the SDK's own worker does: the
/// implementation registered for that version (<c>[DurableTask("name", Version = "v2")]</c>,
/// <c>AddOrchestrator(name, version, ...)</c>), else, for a name registered without versions, its one
/// implementation. The worker builder's factory does this lookup, but the SDK keeps its versioned
/// interface internal; its public methods are reached by reflection, once, and a factory without them
/// (another implementation of <see cref="IDurableTaskFactory"/>) is asked by name only.
/// </summary>
internal sealed class VersionedTaskFactory
{
    private readonly IDurableTaskFactory _factory;
    private readonly TryCreate<ITaskOrchestrator>? _orchestrators;
    private readonly TryCreate<ITaskActivity>? _activities;

    public VersionedTaskFactory(IDurableTaskFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
        _orchestrators = Find<ITaskOrchestrator>(factory, nameof(IDurableTaskFactory.TryCreateOrchestrator));
        _activities = Find<ITaskActivity>(factory, nameof(IDurableTaskFactory.TryCreateActivity));
    }

    private delegate bool TryCreate<T>(TaskName name, TaskVersion version, IServiceProvider services, out T? task);

    /// <summary>Whether the factory tells versions apart (else every version of a name gets its one implementation).</summary>
    public bool KnowsVersions => _orchestrators is not null && _activities is not null;

    public bool TryCreateOrchestrator(TaskName name, string? version, IServiceProvider services, out ITaskOrchestrator? orchestrator) =>
        _orchestrators is not null
            ? _orchestrators(name, VersionOf(version), services, out orchestrator)
            : _factory.TryCreateOrchestrator(name, services, out orchestrator);

    public bool TryCreateActivity(TaskName name, string? version, IServiceProvider services, out ITaskActivity? activity) =>
        _activities is not null
            ? _activities(name, VersionOf(version), services, out activity)
            : _factory.TryCreateActivity(name, services, out activity);

    /// <summary>The SDK's version of a stored version string (none for an empty one).</summary>
    private static TaskVersion VersionOf(string? version) => string.IsNullOrWhiteSpace(version) ? default : new TaskVersion(version);

    private static TryCreate<T>? Find<T>(IDurableTaskFactory factory, string name)
    {
        var method = factory.GetType().GetMethod(
            name,
            BindingFlags.Instance | BindingFlags.Public,
            [typeof(TaskName), typeof(TaskVersion), typeof(IServiceProvider), typeof(T).MakeByRefType()]);
        return method is not null && method.ReturnType == typeof(bool)
            ? (TryCreate<T>)Delegate.CreateDelegate(typeof(TryCreate<T>), factory, method)
            : null;
    }
}
