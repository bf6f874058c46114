using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Partenariat.Workflow.Audit;
using Partenariat.Workflow.Diagnostics;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Documents;
using Partenariat.Workflow.Pages;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Health;
using Partenariat.Workflow.Reconciliation;
using Partenariat.Workflow.Reports;
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
        services.TryAddSingleton<MilestoneEvidence>();
        services.TryAddSingleton<DocumentApi>();
        services.TryAddSingleton<EnvelopeApi>();
        services.TryAddSingleton<ReservationRightsApi>();
        services.TryAddSingleton<CommitteeDecisionHandler>();
        services.TryAddSingleton<CommitteeApi>();
        services.AddPeopleServices();
        services.AddOptions<DiagnosticsOptions>()
            .BindConfiguration(DiagnosticsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The ledgers' invariants, in the health answer of both hosts.
        services.AddHealthChecks().AddCheck<EnvelopeLedgerHealthCheck>(EnvelopeLedgerHealthCheck.Name, HealthStatus.Unhealthy, [StorageHealthChecks.StorageTag], TimeSpan.FromSeconds(5));
        services.TryAddSingleton<ReconciliationStore>();
        services.TryAddSingleton<CreditReconciler>();
        services.TryAddSingleton<ReconciliationApi>();
        // The reports' read model listens to the views' writes (FinancingRequestStore's observers).
        services.TryAddSingleton<ReportProjectionStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRequestViewObserver, ReportProjectionStore>(sp => sp.GetRequiredService<ReportProjectionStore>()));
        services.TryAddSingleton<ReportService>();
        services.TryAddSingleton<ReportApi>();
        services.TryAddSingleton<AuditService>();
        services.TryAddSingleton<AuditApi>();
        services.TryAddSingleton<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        return services;
    }
}
