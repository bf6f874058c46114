using Microsoft.Extensions.Configuration;
using Partenariat.Infrastructure.Tests.Bicep;
using Partenariat.Workflow.Storage;

namespace Partenariat.Infrastructure.Tests.Templates;

/// <summary>
/// The app reaches its storage with its identity: AzureWebJobsStorage__* settings name the account
/// and the user-assigned identity, there is no connection string, and the app's own reader of that
/// setting (StorageConnection) understands them as an identity-based connection to that account.
/// </summary>
[Collection(BicepCollection.Name)]
public sealed class StorageConnectionSettingsTests(CompiledInfrastructure infrastructure)
{
    private const string SampleClientId = "0f0e0d0c-0b0a-0908-0706-050403020100";

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void AppSettings_AzureWebJobsStorage_IsNotAConnectionString(string environment)
    {
        var settings = Deployment(environment).AppSettings;
        Assert.False(settings.ContainsKey(StorageConnection.SettingName), $"'{StorageConnection.SettingName}' is set: it would be a connection string, with a key.");
        Assert.False(settings.ContainsKey("AzureWebJobsStorage__connectionString"));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void AppSettings_AzureWebJobsStorage_NameTheAccountAndTheManagedIdentity(string environment)
    {
        var deployment = Deployment(environment);
        var settings = deployment.AppSettings;
        var account = deployment.DataAccount.StringAt("name");
        var identity = deployment.AppIdentity.StringAt("id");
        Assert.Equal(account, settings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.True(PredictedDeployment.IsReference(settings["AzureWebJobsStorage__clientId"], identity, "clientId"), settings["AzureWebJobsStorage__clientId"]);
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void AppSettings_ServiceUris_AreTheAccountsEndpointsInTheCurrentCloud(string environment)
    {
        var deployment = Deployment(environment);
        var settings = deployment.AppSettings;
        var account = deployment.DataAccount.StringAt("name");
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.Equal(
                $"[format('https://{{0}}.{service}.{{1}}', '{account}', environment().suffixes.storage)]",
                settings[$"AzureWebJobsStorage__{service}ServiceUri"]);
        }
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void StorageConnection_FromTheAppSettings_IsIdentityBasedOnTheAccount(string environment)
    {
        var deployment = Deployment(environment);
        var account = deployment.DataAccount.StringAt("name");

        // The settings as the app sees them in Azure's public cloud once deployed (expressions resolved).
        var values = deployment.AppSettings
            .Where(s => s.Key.StartsWith(StorageConnection.SettingName, StringComparison.Ordinal))
            .ToDictionary(
                s => s.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal),
                s => (string?)Resolve(s.Key, s.Value, account));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var connection = StorageConnection.FromConfiguration(configuration);

        Assert.Null(connection.ConnectionString);
        Assert.Equal(new Uri($"https://{account}.blob.core.windows.net"), connection.BlobServiceUri);
        Assert.Equal(new Uri($"https://{account}.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.Equal(new Uri($"https://{account}.table.core.windows.net"), connection.TableServiceUri);
        Assert.StartsWith("identity-based", connection.Description, StringComparison.Ordinal);
    }

    private static string Resolve(string name, string value, string account) => name switch
    {
        "AzureWebJobsStorage__clientId" => SampleClientId,
        "AzureWebJobsStorage__blobServiceUri" => $"https://{account}.blob.core.windows.net",
        "AzureWebJobsStorage__queueServiceUri" => $"https://{account}.queue.core.windows.net",
        "AzureWebJobsStorage__tableServiceUri" => $"https://{account}.table.core.windows.net",
        _ when value.StartsWith('[') => throw new Xunit.Sdk.XunitException($"'{name}' is an expression this test does not know how to resolve: {value}"),
        _ => value,
    };

    private PredictedDeployment Deployment(string environment) => infrastructure.For(environment).Deployment;
}
