using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Partenariat.Workflow.Telemetry;

namespace Partenariat.Workflow.Tests.Telemetry;

public sealed class TelemetryServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddPartenariatTelemetry_OtlpEndpointSet_ExportsTracesAndMetricsThere()
    {
        var received = await ExportedPathsAsync(otlp: true);

        Assert.Contains("/v1/traces", received);
        Assert.Contains("/v1/metrics", received);
    }

    [Fact]
    public async Task AddPartenariatTelemetry_NoOtlpEndpoint_ExportsNothing()
    {
        var received = await ExportedPathsAsync(otlp: false);

        Assert.Empty(received);
    }

    // A host with the telemetry, one durable span and one storage request recorded, then stopped
    // (which flushes the exporters); the paths a fake OTLP/HTTP collector was sent.
    private static async Task<List<string>> ExportedPathsAsync(bool otlp)
    {
        var port = FreePort();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new List<string>();
        var listening = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await collector.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                lock (received)
                {
                    received.Add(context.Request.Url!.AbsolutePath);
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (otlp)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [TelemetryServiceCollectionExtensions.OtlpEndpointSetting] = $"http://127.0.0.1:{port}",
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            });
        }

        builder.Services.AddPartenariatTelemetry(builder.Configuration);
        using (var host = builder.Build())
        {
            await host.StartAsync();
            using (var span = DurableTelemetry.Source.StartActivity("create_orchestration:Test", ActivityKind.Producer))
            {
                span?.SetTag(DurableTelemetry.InstanceIdTag, "test");
            }

            host.Services.GetRequiredService<StorageRequestCounter>().Record(StorageService.Queue, "GetMessages");
            await host.StopAsync();
        }

        collector.Stop();
        await listening;
        lock (received)
        {
            return [.. received];
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
