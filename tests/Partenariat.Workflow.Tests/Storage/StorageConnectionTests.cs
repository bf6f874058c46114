using Microsoft.Extensions.Configuration;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Tests.Storage;

public sealed class StorageConnectionTests
{
    [Fact]
    public void FromConfiguration_DevelopmentStorage_UsesTheConnectionString()
    {
        var connection = StorageConnection.FromConfiguration(Configuration(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal("UseDevelopmentStorage=true", connection.ConnectionString);
        Assert.Equal("connection string", connection.Description);
        Assert.Equal("devstoreaccount1", connection.CreateBlobServiceClient().AccountName);
        Assert.Equal("devstoreaccount1", connection.CreateQueueServiceClient().AccountName);
        Assert.Equal("devstoreaccount1", connection.CreateTableServiceClient().AccountName);
    }

    [Fact]
    public void FromConfiguration_AccountName_BuildsIdentityBasedEndpoints()
    {
        var connection = StorageConnection.FromConfiguration(Configuration(("AzureWebJobsStorage:accountName", "stpartenariat")));

        Assert.Null(connection.ConnectionString);
        Assert.Equal(new Uri("https://stpartenariat.blob.core.windows.net"), connection.BlobServiceUri);
        Assert.Equal(new Uri("https://stpartenariat.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.Equal(new Uri("https://stpartenariat.table.core.windows.net"), connection.TableServiceUri);
        Assert.Equal("stpartenariat", connection.CreateBlobServiceClient().AccountName);
    }

    [Fact]
    public void FromConfiguration_ExplicitServiceUri_WinsOverTheAccountName()
    {
        var connection = StorageConnection.FromConfiguration(Configuration(
            ("AzureWebJobsStorage:accountName", "stpartenariat"),
            ("AzureWebJobsStorage:queueServiceUri", "https://other.queue.core.windows.net"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.Equal(new Uri("https://other.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.Equal(new Uri("https://stpartenariat.blob.core.windows.net"), connection.BlobServiceUri);
        Assert.Contains("identity-based", connection.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_Unset_ThrowsSayingWhatToSet()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConfiguration(Configuration()));

        Assert.Contains("'AzureWebJobsStorage' is not set", exception.Message, StringComparison.Ordinal);
        Assert.Contains("UseDevelopmentStorage=true", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_MalformedConnectionString_ThrowsNamingTheSetting()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConfiguration(Configuration(("AzureWebJobsStorage", "not a connection string"))));

        Assert.Contains("'AzureWebJobsStorage' cannot be used", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_HttpServiceUri_IsRefused()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConfiguration(Configuration(
            ("AzureWebJobsStorage:blobServiceUri", "http://insecure.blob.core.windows.net"),
            ("AzureWebJobsStorage:queueServiceUri", "https://a.queue.core.windows.net"),
            ("AzureWebJobsStorage:tableServiceUri", "https://a.table.core.windows.net"))));

        Assert.Contains("blobServiceUri' must be an absolute https URI", exception.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) => new ConfigurationBuilder()
        .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
        .Build();
}
