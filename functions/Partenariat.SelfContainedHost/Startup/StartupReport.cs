using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Partenariat.Workflow.Configuration;
using Partenariat.Workflow.Storage;

namespace Partenariat.SelfContainedHost.Startup;

/// <summary>
/// Checks the storage setting when the host starts (a malformed one stops the start with its
/// reason) and, once listening, logs the URLs to open.
/// </summary>
internal sealed partial class StartupReport(
    IServer server,
    IHostApplicationLifetime lifetime,
    IServiceProvider services,
    IOptions<HttpOptions> http,
    ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        StorageConnection storage;
        try
        {
            storage = services.GetRequiredService<StorageConnection>();
            _ = services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>();
            _ = services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>();
            _ = services.GetRequiredService<Azure.Data.Tables.TableServiceClient>();
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException($"The storage setting '{StorageConnection.SettingName}' cannot be used: {exception.Message}", exception);
        }

        LogStorage(storage.Description);
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                var root = address.TrimEnd('/');
                LogListening(root, $"{root}/{http.Value.Route(Workflow.Health.HealthEndpoint.Route)}", $"{root}/openapi/v1.json");
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Storage: {Storage}")]
    private partial void LogStorage(string storage);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Partenariat is listening on {Root}. Health: {HealthUrl}  OpenAPI: {OpenApiUrl}")]
    private partial void LogListening(string root, string healthUrl, string openApiUrl);
}
