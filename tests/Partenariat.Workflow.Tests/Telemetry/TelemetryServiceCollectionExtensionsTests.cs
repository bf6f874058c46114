using System.Diagnostics;
using System.IO.Compression;
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
        var received = await ExportedAsync(port => new()
        {
            [TelemetryServiceCollectionExtensions.OtlpEndpointSetting] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });

        Assert.Contains("/v1/traces", received.Select(r => r.Path));
        Assert.Contains("/v1/metrics", received.Select(r => r.Path));
    }

    [Fact]
    public async Task AddPartenariatTelemetry_ApplicationInsightsConnectionStringSet_ExportsTracesAndMetricsThere()
    {
        // The ingestion endpoint is the local collector; no authentication string: no token to fetch.
        var received = await ExportedAsync(port => new()
        {
            [TelemetryServiceCollectionExtensions.ApplicationInsightsConnectionStringSetting] =
                $"InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:{port}/",
        });

        var bodies = string.Concat(received.Where(r => r.Path == "/v2.1/track").Select(r => r.Body));
        Assert.Contains("create_orchestration:Test", bodies, StringComparison.Ordinal);
        Assert.Contains(StorageRequestCounter.CounterName, bodies, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPartenariatTelemetry_NoExporterSetting_ExportsNothing()
    {
        var received = await ExportedAsync(_ => []);

        Assert.Empty(received);
    }

    [Fact]
    public void ApplicationInsightsCredential_NoAuthenticationString_None()
    {
        Assert.Null(TelemetryServiceCollectionExtensions.ApplicationInsightsCredential(null));
    }

    [Theory]
    [InlineData("ClientId=3f2504e0-4f89-11d3-9a0c-0305e82c3301;Authorization=AAD")]
    [InlineData("Authorization=AAD")]
    public void ApplicationInsightsCredential_EntraAuthorization_ManagedIdentity(string authentication)
    {
        Assert.NotNull(TelemetryServiceCollectionExtensions.ApplicationInsightsCredential(authentication));
    }

    [Fact]
    public void ApplicationInsightsCredential_OtherAuthorization_SaysWhatToWrite()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => TelemetryServiceCollectionExtensions.ApplicationInsightsCredential("ClientId=abc"));

        Assert.Contains("Authorization=AAD", exception.Message, StringComparison.Ordinal);
    }

    // A host with the telemetry and the settings made for the collector's port, one durable span and
    // one storage request recorded, then stopped (which flushes the exporters); the requests (path,
    // body unzipped) a fake collector was sent.
    private static async Task<List<(string Path, string Body)>> ExportedAsync(Func<int, Dictionary<string, string?>> settings)
    {
        var port = FreePort();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new List<(string Path, string Body)>();
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

                var body = context.Request.Headers["Content-Encoding"] == "gzip"
                    ? new GZipStream(context.Request.InputStream, CompressionMode.Decompress)
                    : context.Request.InputStream;
                using (var reader = new StreamReader(body))
                {
                    var text = await reader.ReadToEndAsync();
                    lock (received)
                    {
                        received.Add((context.Request.Url!.AbsolutePath, text));
                    }
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings(port));

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
