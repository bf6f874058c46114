using System.Diagnostics.Metrics;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Partenariat.Workflow.Reconciliation;

namespace Partenariat.Workflow.Telemetry;

/// <summary>OpenTelemetry traces and metrics, wired the same way in both hosts.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The service name telemetry is reported under (<c>OTEL_SERVICE_NAME</c> overrides it).</summary>
    public const string ServiceName = "partenariat";

    /// <summary>The setting that turns the OTLP exporter on, with OpenTelemetry's own name and meaning.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The setting that turns the Application Insights exporter on, with the Azure Monitor SDKs' name and meaning.</summary>
    public const string ApplicationInsightsConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// How telemetry authenticates to Application Insights, with the Functions host's name and
    /// format: <c>Authorization=AAD</c> (the system-assigned identity) or
    /// <c>ClientId=&lt;client id&gt;;Authorization=AAD</c> (a user-assigned one); absent, the
    /// connection string's instrumentation key alone.
    /// </summary>
    public const string ApplicationInsightsAuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>
    /// The activity sources traced: the Durable Task Framework's (orchestration, activity, timer and
    /// event spans, tagged <c>durabletask.task.instance_id</c>), Microsoft.DurableTask's, the
    /// self-contained host's own (<see cref="DurableTelemetry.ActivitySourceName"/>) and the Functions
    /// worker's (function invocations).
    /// </summary>
    public static IReadOnlyList<string> ActivitySources { get; } =
        ["DurableTask.Core", "Microsoft.DurableTask", DurableTelemetry.ActivitySourceName, "Microsoft.Azure.Functions.Worker"];

    /// <summary>
    /// Adds OpenTelemetry tracing (the durable sources above, incoming ASP.NET Core requests, outgoing
    /// HTTP calls other than storage's) and metrics (storage requests by service and operation, the
    /// reconciler's released positions and findings, ASP.NET Core and HTTP client metrics). Exported
    /// over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (with the other <c>OTEL_*</c>
    /// settings' meaning), to Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>
    /// is (with a managed identity's token when <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> says
    /// so), nowhere otherwise; telemetry stays readable in-process either way.
    /// </summary>
    public static IServiceCollection AddPartenariatTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMetrics();
        services.TryAddSingleton(sp => new StorageRequestCounter(sp.GetService<IMeterFactory>()));
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource([.. ActivitySources])
                .AddAspNetCoreInstrumentation()
                // Storage requests are counted by the storage meter, not traced one by one: queue
                // polling alone would be most of the traces.
                .AddHttpClientInstrumentation(options => options.FilterHttpRequestMessage = request => !request.Headers.Contains("x-ms-version")))
            .WithMetrics(metrics => metrics
                .AddMeter(StorageRequestCounter.MeterName, CreditReconciler.MeterName, DurableTelemetry.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());
        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]))
        {
            telemetry.UseOtlpExporter();
        }

        if (configuration[ApplicationInsightsConnectionStringSetting] is { Length: > 0 } connectionString)
        {
            var credential = ApplicationInsightsCredential(configuration[ApplicationInsightsAuthenticationSetting]);
            void Configure(AzureMonitorExporterOptions options)
            {
                (options.ConnectionString, options.Credential) = (connectionString, credential);
                // Every trace, as over OTLP: the exporter's default (at most 5 traces a second) is
                // made for far busier apps, and drops traces that start before its budget fills.
                (options.SamplingRatio, options.TracesPerSecond) = (1.0F, null);
            }

            telemetry
                .WithTracing(tracing => tracing.AddAzureMonitorTraceExporter(Configure))
                .WithMetrics(metrics => metrics.AddAzureMonitorMetricExporter(Configure));
        }

        return services;
    }

    /// <summary>
    /// The credential <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> names: a managed identity
    /// (user-assigned by its <c>ClientId</c>, system-assigned without one) when it says
    /// <c>Authorization=AAD</c>; none (the instrumentation key) when it is absent.
    /// </summary>
    /// <exception cref="InvalidOperationException">The setting is there but does not say <c>Authorization=AAD</c>.</exception>
    internal static ManagedIdentityCredential? ApplicationInsightsCredential(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication))
        {
            return null;
        }

        var parts = authentication
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : string.Empty, StringComparer.OrdinalIgnoreCase);
        if (!string.Equals(parts.GetValueOrDefault("Authorization"), "AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{ApplicationInsightsAuthenticationSetting} must say Authorization=AAD (with ClientId=<client id> for a user-assigned identity); remove it to send with the connection string's instrumentation key.");
        }

        return parts.GetValueOrDefault("ClientId") is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
