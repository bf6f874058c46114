using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Partenariat.Workflow.Diagnostics;

namespace Partenariat.Workflow;

/// <summary>The services the workflow's orchestrators, activities and handlers need, the same in both hosts.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>Adds the workflow's services (not the durable runtime, which each host brings).</summary>
    public static IServiceCollection AddWorkflowServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<AttemptCounter>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
