using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Partenariat.DurableRuntime;
using Partenariat.SelfContainedHost.Authentication;
using Partenariat.SelfContainedHost.Committee;
using Partenariat.SelfContainedHost.Diagnostics;
using Partenariat.SelfContainedHost.Documents;
using Partenariat.SelfContainedHost.DurableWebhooks;
using Partenariat.SelfContainedHost.Envelopes;
using Partenariat.SelfContainedHost.Health;
using Partenariat.SelfContainedHost.Pages;
using Partenariat.SelfContainedHost.Reconciliation;
using Partenariat.SelfContainedHost.Reports;
using Partenariat.SelfContainedHost.Requests;
using Partenariat.SelfContainedHost.ReservationRights;
using Partenariat.Workflow;
using Partenariat.Workflow.Configuration;
using Partenariat.Workflow.Durable;
using Partenariat.Workflow.Health;
using Partenariat.Workflow.Storage;
using Partenariat.Workflow.Telemetry;

namespace Partenariat.SelfContainedHost.Startup;

/// <summary>The self-contained host's wiring: configuration as in Azure Functions, services, endpoints.</summary>
internal static class HostBuilderExtensions
{
    /// <summary>The address of a local run, the same as Core Tools' <c>func start</c>.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static WebApplicationBuilder AddPartenariatHost(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddFunctionsConfiguration(FunctionsConfiguration.ResolveScriptRoot(builder.Configuration));
        builder.Logging.AddConfiguration(builder.Configuration.GetSection(FunctionsConfiguration.JobHostSection + ":logging"));
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddOptions<HttpOptions>()
            .BindConfiguration(HttpOptions.SectionPath)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StorageUnavailableHandler>();
        // A call that storage did not answer is answered 503 and logged as a warning by the handler (the one exception handler), not as an error.
        builder.Services.Configure<ExceptionHandlerOptions>(options => options.SuppressDiagnosticsCallback = context => context.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService);
        builder.Services.AddPartenariatOpenApi();
        // First: it checks the settings before anything else starts.
        builder.Services.AddHostedService<StartupReport>();
        builder.Services.AddHostedService<ReconciliationTimer>();
        builder.Services.AddPartenariatTelemetry(builder.Configuration);
        builder.Services.AddPartenariatStorage();
        builder.Services.AddHealthChecks().AddStorageChecks();
        builder.Services.AddWorkflowServices();
        builder.Services.AddDurableTaskHosting(registry => registry.AddWorkflowTasks());
        builder.AddCommitteeQueueTrigger();
        builder.Services.AddSingleton(sp => HostKeys.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<ILogger<HostKeys>>()));
        return builder;
    }

    public static WebApplication MapPartenariatHost(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        var http = app.Services.GetRequiredService<IOptions<HttpOptions>>().Value;
        app.MapOpenApi();
        // Anonymous (health, pages) or keyed as the Functions host keys its function-level endpoints (diagnostics).
        app.MapGroup(http.RoutePrefix).MapHealthEndpoints().MapDiagnosticsEndpoints().MapPages();
        // Each of these authenticates its caller by API key or bearer token (CallerAuthentication).
        app.MapGroup(http.RoutePrefix).RequireCaller()
            .MapFinancingRequestsApi().MapDocumentsApi().MapEnvelopesApi().MapReservationRightsApi().MapReconciliationApi().MapReportsApi()
            .MapCommitteeApi().MapCommitteeDesk();
        // Not under the route prefix: the Functions host serves them at the root too.
        app.MapDurableWebhooks();
        return app;
    }
}
