using Partenariat.Infrastructure.Tests.Bicep;
using Partenariat.Workflow.Storage;

namespace Partenariat.Infrastructure.Tests.Templates;

/// <summary>
/// The storage accounts, the app's and the deployed package's: both locked to Entra ID over TLS 1.2;
/// the app's holds what the code expects, the package's the deployment container and nothing else.
/// </summary>
[Collection(BicepCollection.Name)]
public sealed class StorageAccountTests(CompiledInfrastructure infrastructure)
{
    /// <summary>The container where the Flex Consumption plan keeps the deployed package.</summary>
    internal const string DeploymentContainer = "deployment-package";

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void StorageAccounts_SharedKeyAccess_IsDisabled(string environment) =>
        Assert.All(Accounts(environment), account =>
        {
            Assert.False(account.At("properties.allowSharedKeyAccess").GetBoolean());
            Assert.True(account.At("properties.defaultToOAuthAuthentication").GetBoolean());
        });

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void StorageAccounts_Transport_IsHttpsOnlyWithTls12Minimum(string environment) =>
        Assert.All(Accounts(environment), account =>
        {
            Assert.True(account.At("properties.supportsHttpsTrafficOnly").GetBoolean());
            Assert.Equal("TLS1_2", account.StringAt("properties.minimumTlsVersion"));
        });

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void StorageAccounts_PublicBlobAccess_IsOffForTheAccountsAndEveryContainer(string environment)
    {
        Assert.All(Accounts(environment), account => Assert.False(account.At("properties.allowBlobPublicAccess").GetBoolean()));
        var containers = Deployment(environment).OfType(ResourceTypes.Container);
        Assert.NotEmpty(containers);
        Assert.All(containers, c => Assert.Equal("None", c.StringAt("properties.publicAccess")));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void StorageAccounts_Kind_IsGeneralPurposeV2(string environment) =>
        Assert.All(Accounts(environment), account => Assert.Equal("StorageV2", account.StringAt("kind")));

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void Queues_Created_AreTheAppsQueues(string environment) =>
        Assert.Equal(
            StorageNames.Queues.Order(StringComparer.Ordinal),
            NamesOf(environment, ResourceTypes.Queue));

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void Containers_InTheAppsAccount_AreTheAppsContainers(string environment) =>
        Assert.Equal(
            StorageNames.Containers.Order(StringComparer.Ordinal),
            NamesIn(environment, Deployment(environment).DataAccount, ResourceTypes.Container));

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void PackageAccount_Contents_AreTheDeploymentContainerOnly(string environment)
    {
        var package = Deployment(environment).PackageAccount;
        Assert.Equal([DeploymentContainer], NamesIn(environment, package, ResourceTypes.Container));
        Assert.Empty(NamesIn(environment, package, ResourceTypes.Queue));
        Assert.Empty(NamesIn(environment, package, ResourceTypes.Table));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void Tables_Created_AreTheAppsTables(string environment) =>
        Assert.Equal(
            StorageNames.Tables.Order(StringComparer.Ordinal),
            NamesOf(environment, ResourceTypes.Table));

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void QueuesAndTables_Created_AreInTheAppsAccount(string environment)
    {
        var account = Deployment(environment).DataAccount.StringAt("id");
        var children = Deployment(environment).OfType(ResourceTypes.Queue)
            .Concat(Deployment(environment).OfType(ResourceTypes.Table));
        Assert.All(children, c => Assert.StartsWith(account + "/", c.StringAt("id"), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void BlobServices_DeletedDocumentsAndPackages_CanBeRestored(string environment)
    {
        var blobServices = Deployment(environment).OfType(ResourceTypes.BlobService);
        Assert.Equal(2, blobServices.Count);
        Assert.All(blobServices, blobService =>
        {
            Assert.True(blobService.At("properties.deleteRetentionPolicy.enabled").GetBoolean());
            Assert.InRange(blobService.At("properties.deleteRetentionPolicy.days").GetInt32(), 1, 365);
            Assert.True(blobService.At("properties.containerDeleteRetentionPolicy.enabled").GetBoolean());
        });
    }

    [Fact]
    public void StorageAccounts_Production_AreZoneRedundantAtLeast() =>
        Assert.All(Accounts("prod"), account => Assert.Contains("ZRS", account.StringAt("sku.name"), StringComparison.Ordinal));

    private PredictedDeployment Deployment(string environment) => infrastructure.For(environment).Deployment;

    /// <summary>Both accounts (the test fails if there are not two).</summary>
    private IReadOnlyList<System.Text.Json.JsonElement> Accounts(string environment)
    {
        var accounts = Deployment(environment).OfType(ResourceTypes.StorageAccount);
        Assert.Equal(2, accounts.Count);
        return accounts;
    }

    private List<string> NamesOf(string environment, string type) =>
        [.. Deployment(environment).OfType(type).Select(PredictedDeployment.ShortName).Order(StringComparer.Ordinal)];

    private List<string> NamesIn(string environment, System.Text.Json.JsonElement account, string type) =>
        [.. Deployment(environment).OfType(type)
            .Where(r => r.StringAt("id").StartsWith(account.StringAt("id") + "/", StringComparison.OrdinalIgnoreCase))
            .Select(PredictedDeployment.ShortName)
            .Order(StringComparer.Ordinal)];
}
