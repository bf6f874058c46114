using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Partenariat.Workflow.Diagnostics;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Documents;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.ReservationRights;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow;

/// <summary>The services the workflow's orchestrators, activities and handlers need, the same in both hosts.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>Adds the workflow's services (not the durable runtime, which each host brings).</summary>
    public static IServiceCollection AddWorkflowServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddPartenariatStorage();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AttemptCounter>();
        services.AddOptions<WorkflowOptions>()
            .BindConfiguration(WorkflowOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<InputOptions>()
            .BindConfiguration(InputOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => ConventionDirectory.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<CallerAuthentication>();
        services.TryAddSingleton<FinancingRequestStore>();
        services.TryAddSingleton<EnvelopeLedgerStore>();
        services.TryAddSingleton<IdempotencyStore>();
        services.TryAddSingleton<FinancingRequestService>();
        services.TryAddSingleton<FinancingRequestApi>();
        services.TryAddSingleton<DocumentStore>();
        services.TryAddSingleton<DocumentApi>();
        services.TryAddSingleton<EnvelopeApi>();
        services.TryAddSingleton<ReservationRightsApi>();
        services.TryAddSingleton<CommitteeDecisionHandler>();
        services.TryAddSingleton<CommitteeApi>();
        services.TryAddSingleton<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        return services;
    }
}
