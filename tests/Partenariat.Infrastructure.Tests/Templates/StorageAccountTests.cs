using Partenariat.Infrastructure.Tests.Bicep;
using Partenariat.Workflow.Storage;

namespace Partenariat.Infrastructure.Tests.Templates;

/// <summary>The app's storage account: locked to Entra ID over TLS 1.2, and holding what the code expects.</summary>
[Collection(BicepCollection.Name)]
public sealed class StorageAccountTests(CompiledInfrastructure infrastructure)
{
    /// <summary>The container where the Flex Consumption plan keeps the deployed package.</summary>
    internal const string DeploymentContainer = "deployment-package";

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void StorageAccount_SharedKeyAccess_IsDisabled(string environment)
    {
        var account = Account(environment);
        Assert.False(account.At("properties.allowSharedKeyAccess").GetBoolean());
        Assert.True(account.At("properties.defaultToOAuthAuthentication").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void StorageAccount_Transport_IsHttpsOnlyWithTls12Minimum(string environment)
    {
        var account = Account(environment);
        Assert.True(account.At("properties.supportsHttpsTrafficOnly").GetBoolean());
        Assert.Equal("TLS1_2", account.StringAt("properties.minimumTlsVersion"));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void StorageAccount_PublicBlobAccess_IsOffForTheAccountAndEveryContainer(string environment)
    {
        Assert.False(Account(environment).At("properties.allowBlobPublicAccess").GetBoolean());
        var containers = Deployment(environment).OfType(ResourceTypes.Container);
        Assert.NotEmpty(containers);
        Assert.All(containers, c => Assert.Equal("None", c.StringAt("properties.publicAccess")));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void StorageAccount_Kind_IsGeneralPurposeV2(string environment) =>
        Assert.Equal("StorageV2", Account(environment).StringAt("kind"));

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void Queues_Created_AreTheAppsQueues(string environment) =>
        Assert.Equal(
            StorageNames.Queues.Order(StringComparer.Ordinal),
            NamesOf(environment, ResourceTypes.Queue));

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void Containers_Created_AreTheAppsContainersAndTheDeploymentContainer(string environment) =>
        Assert.Equal(
            StorageNames.Containers.Append(DeploymentContainer).Order(StringComparer.Ordinal),
            NamesOf(environment, ResourceTypes.Container));

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void Tables_Created_AreTheAppsTables(string environment) =>
        Assert.Equal(
            StorageNames.Tables.Order(StringComparer.Ordinal),
            NamesOf(environment, ResourceTypes.Table));

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void QueuesContainersAndTables_Created_AreInTheAppsAccount(string environment)
    {
        var account = Account(environment).StringAt("id");
        var children = Deployment(environment).OfType(ResourceTypes.Queue)
            .Concat(Deployment(environment).OfType(ResourceTypes.Container))
            .Concat(Deployment(environment).OfType(ResourceTypes.Table));
        Assert.All(children, c => Assert.StartsWith(account + "/", c.StringAt("id"), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void BlobService_DeletedDocuments_CanBeRestored(string environment)
    {
        var blobService = Deployment(environment).Single(ResourceTypes.BlobService);
        Assert.True(blobService.At("properties.deleteRetentionPolicy.enabled").GetBoolean());
        Assert.InRange(blobService.At("properties.deleteRetentionPolicy.days").GetInt32(), 1, 365);
        Assert.True(blobService.At("properties.containerDeleteRetentionPolicy.enabled").GetBoolean());
    }

    [Fact]
    public void StorageAccount_Production_IsZoneRedundantAtLeast()
    {
        var sku = infrastructure.For("prod").Deployment.Single(ResourceTypes.StorageAccount).StringAt("sku.name");
        Assert.Contains("ZRS", sku, StringComparison.Ordinal);
    }

    private PredictedDeployment Deployment(string environment) => infrastructure.For(environment).Deployment;

    private System.Text.Json.JsonElement Account(string environment) => Deployment(environment).Single(ResourceTypes.StorageAccount);

    private List<string> NamesOf(string environment, string type) =>
        [.. Deployment(environment).OfType(type).Select(PredictedDeployment.ShortName).Order(StringComparer.Ordinal)];
}
