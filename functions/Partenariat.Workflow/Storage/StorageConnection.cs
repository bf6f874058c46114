using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Partenariat.Workflow.Storage;

/// <summary>
/// The storage account every component uses, read from the <c>AzureWebJobsStorage</c> setting with
/// Azure Functions' meaning: either a connection string (the setting's own value, e.g.
/// <c>UseDevelopmentStorage=true</c> for Azurite), or an identity-based connection whose properties
/// are children of the setting (<c>AzureWebJobsStorage__accountName</c>, or
/// <c>__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c>, with
/// <c>__credential=managedidentity</c> and <c>__clientId</c> for a user-assigned identity).
/// </summary>
/// <remarks>
/// Written here rather than taken from Microsoft.Extensions.Azure because that library does not
/// understand the Functions host's <c>accountName</c> convention, which the deployment relies on.
/// </remarks>
public sealed class StorageConnection
{
    /// <summary>The name of the setting, as in Azure Functions.</summary>
    public const string SettingName = "AzureWebJobsStorage";

    private readonly string? _connectionString;
    private readonly TokenCredential? _credential;

    private StorageConnection(string connectionString)
    {
        _connectionString = connectionString;
        Description = "connection string";
    }

    private StorageConnection(Uri blobServiceUri, Uri queueServiceUri, Uri tableServiceUri, TokenCredential credential)
    {
        BlobServiceUri = blobServiceUri;
        QueueServiceUri = queueServiceUri;
        TableServiceUri = tableServiceUri;
        _credential = credential;
        Description = $"identity-based ({blobServiceUri.Host})";
    }

    /// <summary>How the account is reached, for logs (never a secret).</summary>
    public string Description { get; }

    /// <summary>The blob endpoint of an identity-based connection; null for a connection string.</summary>
    public Uri? BlobServiceUri { get; }

    /// <summary>The queue endpoint of an identity-based connection; null for a connection string.</summary>
    public Uri? QueueServiceUri { get; }

    /// <summary>The table endpoint of an identity-based connection; null for a connection string.</summary>
    public Uri? TableServiceUri { get; }

    /// <summary>The connection string, where the connection is one; null for identity-based.</summary>
    public string? ConnectionString => _connectionString;

    /// <summary>The credential of an identity-based connection; null for a connection string.</summary>
    public TokenCredential? Credential => _credential;

    /// <summary>Reads the connection from configuration.</summary>
    /// <exception cref="InvalidOperationException">The setting is missing or incomplete; the message says what to set.</exception>
    public static StorageConnection FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SettingName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            var connection = new StorageConnection(section.Value.Trim());
            try
            {
                // Parses the connection string now, so that a malformed one is reported by its setting's name.
                _ = connection.CreateBlobServiceClient();
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException)
            {
                throw new InvalidOperationException(
                    $"The storage setting '{SettingName}' cannot be used: it is not a storage connection string ({exception.Message}). " +
                    "Use e.g. 'UseDevelopmentStorage=true' for Azurite, or an account's connection string.", exception);
            }

            return connection;
        }

        var accountName = section["accountName"];
        var blob = ServiceUri(section, "blobServiceUri", accountName, "blob");
        var queue = ServiceUri(section, "queueServiceUri", accountName, "queue");
        var table = ServiceUri(section, "tableServiceUri", accountName, "table");
        if (blob is null || queue is null || table is null)
        {
            throw new InvalidOperationException(
                $"The storage setting '{SettingName}' is not set. Set it to a connection string " +
                $"(e.g. 'UseDevelopmentStorage=true' for Azurite), or give an identity-based connection with " +
                $"'{SettingName}__accountName' (or all of '{SettingName}__blobServiceUri', '__queueServiceUri' and '__tableServiceUri').");
        }

        return new StorageConnection(blob, queue, table, CreateCredential(section));
    }

    /// <summary>A client for the blob service.</summary>
    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null) =>
        _connectionString is not null
            ? new BlobServiceClient(_connectionString, options)
            : new BlobServiceClient(BlobServiceUri, _credential, options);

    /// <summary>A client for the queue service.</summary>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null) =>
        _connectionString is not null
            ? new QueueServiceClient(_connectionString, options)
            : new QueueServiceClient(QueueServiceUri, _credential, options);

    /// <summary>A client for the table service.</summary>
    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null) =>
        _connectionString is not null
            ? new TableServiceClient(_connectionString, options)
            : new TableServiceClient(TableServiceUri, _credential, options);

    private static Uri? ServiceUri(IConfigurationSection section, string key, string? accountName, string service)
    {
        var explicitUri = section[key];
        if (!string.IsNullOrWhiteSpace(explicitUri))
        {
            return Uri.TryCreate(explicitUri, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
                ? uri
                : throw new InvalidOperationException(
                    $"'{SettingName}__{key}' must be an absolute https URI, e.g. 'https://<account>.{service}.core.windows.net'; it is '{explicitUri}'.");
        }

        return string.IsNullOrWhiteSpace(accountName) ? null : new Uri($"https://{accountName}.{service}.core.windows.net");
    }

    private static TokenCredential CreateCredential(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        var kind = section["credential"];
        if (string.Equals(kind, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId,
        });
    }
}
