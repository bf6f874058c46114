using System.Text.Json;
using Partenariat.Infrastructure.Tests.Bicep;

namespace Partenariat.Infrastructure.Tests.Templates;

/// <summary>
/// The app's identity gets the least roles it needs, each on one resource: the three data roles
/// Durable Functions needs on the storage account, Key Vault Secrets User on the vault, Monitoring
/// Metrics Publisher on Application Insights; nothing else and nobody else.
/// </summary>
[Collection(BicepCollection.Name)]
public sealed class RoleAssignmentTests(CompiledInfrastructure infrastructure)
{
    // Azure built-in role definition ids (the same in every tenant).
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void StorageAccount_IdentityRoles_AreBlobOwnerQueueContributorAndTableContributor(string environment)
    {
        var account = Deployment(environment).Single(ResourceTypes.StorageAccount).StringAt("id");
        Assert.Equal(
            new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor }.Order(StringComparer.Ordinal),
            RolesOn(environment, account));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void KeyVault_IdentityRole_IsSecretsUserOnly(string environment)
    {
        var vault = Deployment(environment).Single(ResourceTypes.KeyVault).StringAt("id");
        Assert.Equal([KeyVaultSecretsUser], RolesOn(environment, vault));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void ApplicationInsights_IdentityRole_IsMetricsPublisherOnly(string environment)
    {
        var component = Deployment(environment).Single(ResourceTypes.ApplicationInsights).StringAt("id");
        Assert.Equal([MonitoringMetricsPublisher], RolesOn(environment, component));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void RoleAssignments_All_AreTheFiveExpectedAndNoOther(string environment)
    {
        var roles = Deployment(environment).OfType(ResourceTypes.RoleAssignment).Select(RoleOf).Order(StringComparer.Ordinal);
        Assert.Equal(
            new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, KeyVaultSecretsUser, MonitoringMetricsPublisher }.Order(StringComparer.Ordinal),
            roles);
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void RoleAssignments_Principal_IsTheAppsUserAssignedIdentity(string environment)
    {
        var identity = Deployment(environment).Single(ResourceTypes.Identity).StringAt("id");
        Assert.All(Deployment(environment).OfType(ResourceTypes.RoleAssignment), assignment =>
        {
            var principal = assignment.StringAt("properties.principalId");
            Assert.True(PredictedDeployment.IsReference(principal, identity, "principalId"), $"{assignment.StringAt("id")} is for {principal}, not the app's identity {identity}.");
            Assert.Equal("ServicePrincipal", assignment.StringAt("properties.principalType"));
        });
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void RoleAssignments_Names_AreStableAcrossDeployments(string environment)
    {
        // A name derived from values known before deployment (scope, identity id, role) makes a
        // redeployment update the assignment instead of failing on a duplicate.
        Assert.All(Deployment(environment).OfType(ResourceTypes.RoleAssignment), assignment =>
            Assert.True(Guid.TryParse(assignment.StringAt("name"), out _), assignment.StringAt("name")));
    }

    private PredictedDeployment Deployment(string environment) => infrastructure.For(environment).Deployment;

    private List<string> RolesOn(string environment, string scope) =>
        [.. Deployment(environment).OfType(ResourceTypes.RoleAssignment)
            .Where(a => string.Equals(ScopeOf(a), scope, StringComparison.OrdinalIgnoreCase))
            .Select(RoleOf)
            .Order(StringComparer.Ordinal)];

    private static string ScopeOf(JsonElement assignment)
    {
        var id = assignment.StringAt("id");
        var marker = id.IndexOf("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.OrdinalIgnoreCase);
        return marker > 0 ? id[..marker] : throw new Xunit.Sdk.XunitException($"Role assignment with an unresolved scope: {id}");
    }

    private static string RoleOf(JsonElement assignment)
    {
        var definition = assignment.StringAt("properties.roleDefinitionId");
        Assert.StartsWith($"/subscriptions/{CompiledInfrastructure.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/", definition, StringComparison.OrdinalIgnoreCase);
        return definition.Split('/')[^1];
    }
}
