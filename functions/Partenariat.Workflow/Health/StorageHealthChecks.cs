using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Partenariat.Workflow.Health;

/// <summary>One health check per storage service: each makes one cheap request and reports whether it answered.</summary>
public static class StorageHealthChecks
{
    /// <summary>The names under which the checks report.</summary>
    public const string Tables = "tables";

    /// <inheritdoc cref="Tables"/>
    public const string Queues = "queues";

    /// <inheritdoc cref="Tables"/>
    public const string Blobs = "blobs";

    /// <summary>The tag carried by the storage checks.</summary>
    public const string StorageTag = "storage";

    /// <summary>Adds the three storage checks.</summary>
    public static IHealthChecksBuilder AddStorageChecks(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var timeout = TimeSpan.FromSeconds(5);
        string[] tags = [StorageTag];
        builder.Add(new HealthCheckRegistration(
            Tables, sp => new DelegateCheck(async ct =>
            {
                var client = sp.GetRequiredService<TableServiceClient>();
                await foreach (var unused in client.QueryAsync(maxPerPage: 1, cancellationToken: ct).AsPages().ConfigureAwait(false))
                {
                    break;
                }
            }), HealthStatus.Unhealthy, tags, timeout));
        builder.Add(new HealthCheckRegistration(
            Queues, sp => new DelegateCheck(ct => sp.GetRequiredService<QueueServiceClient>().GetPropertiesAsync(ct)), HealthStatus.Unhealthy, tags, timeout));
        builder.Add(new HealthCheckRegistration(
            Blobs, sp => new DelegateCheck(ct => sp.GetRequiredService<BlobServiceClient>().GetPropertiesAsync(ct)), HealthStatus.Unhealthy, tags, timeout));
        return builder;
    }

    private sealed class DelegateCheck(Func<CancellationToken, Task> probe) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await probe(cancellationToken).ConfigureAwait(false);
                return HealthCheckResult.Healthy("answers");
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, FirstLine(exception.Message), exception);
            }
        }

        private static string FirstLine(string message)
        {
            var end = message.IndexOfAny(['\r', '\n']);
            return end < 0 ? message : message[..end];
        }
    }
}
