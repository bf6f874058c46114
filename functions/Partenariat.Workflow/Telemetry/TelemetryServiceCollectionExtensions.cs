using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Partenariat.Workflow.Telemetry;

/// <summary>OpenTelemetry traces and metrics, wired the same way in both hosts.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The service name telemetry is reported under (<c>OTEL_SERVICE_NAME</c> overrides it).</summary>
    public const string ServiceName = "partenariat";

    /// <summary>The setting that turns the OTLP exporter on, with OpenTelemetry's own name and meaning.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

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
    /// HTTP calls other than storage's) and metrics (storage requests by service and operation,
    /// ASP.NET Core and HTTP client metrics). Exported over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (with the other <c>OTEL_*</c> settings' meaning),
    /// nowhere otherwise; telemetry stays readable in-process either way.
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
                .AddMeter(StorageRequestCounter.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());
        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]))
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }
}
