using System.Text.Json;
using Partenariat.Infrastructure.Tests.Bicep;

namespace Partenariat.Infrastructure.Tests.Templates;

/// <summary>
/// The app's identity gets the least roles it needs, each on one resource: the three data roles
/// Durable Functions needs on the app's storage account, Key Vault Secrets User on the vault,
/// Monitoring Metrics Publisher on Application Insights. The deployed package is out of its reach:
/// only the deployment identity has a role there, Storage Blob Data Contributor on the package's
/// container, and no other. Nothing else and nobody else.
/// </summary>
[Collection(BicepCollection.Name)]
public sealed class RoleAssignmentTests(CompiledInfrastructure infrastructure)
{
    // Azure built-in role definition ids (the same in every tenant).
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void StorageAccount_IdentityRoles_AreBlobOwnerQueueContributorAndTableContributor(string environment)
    {
        var deployment = Deployment(environment);
        var account = deployment.DataAccount.StringAt("id");
        Assert.Equal(
            new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor }.Order(StringComparer.Ordinal),
            RolesOn(environment, account));
        Assert.All(AssignmentsOn(environment, account), a => AssertFor(deployment.AppIdentity, a));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void DeploymentContainer_Roles_AreTheDeploymentIdentitysBlobContributorOnly(string environment)
    {
        var deployment = Deployment(environment);
        var container = DeploymentContainer(environment);

        // Every assignment that reaches the package: on the container itself or on anything above it.
        var reaching = deployment.OfType(ResourceTypes.RoleAssignment)
            .Where(a => PredictedDeployment.Covers(PredictedDeployment.ScopeOf(a), container))
            .ToList();
        var assignment = Assert.Single(reaching);
        Assert.Equal(container, PredictedDeployment.ScopeOf(assignment), ignoreCase: true);
        Assert.Equal(StorageBlobDataContributor, RoleOf(assignment));
        AssertFor(deployment.DeploymentIdentity, assignment);
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void AppIdentity_RoleScopes_ExcludeTheDeploymentPackage(string environment)
    {
        var deployment = Deployment(environment);
        var identity = deployment.AppIdentity.StringAt("id");
        var package = deployment.PackageAccount.StringAt("id");
        var appRoles = deployment.OfType(ResourceTypes.RoleAssignment)
            .Where(a => PredictedDeployment.IsReference(a.StringAt("properties.principalId"), identity, "principalId"))
            .ToList();
        Assert.Equal(5, appRoles.Count);
        Assert.All(appRoles, a =>
        {
            var scope = PredictedDeployment.ScopeOf(a);
            Assert.False(PredictedDeployment.Covers(scope, package) || PredictedDeployment.Covers(package, scope), $"The app's identity has {RoleOf(a)} on {scope}, which reaches the deployed package.");
        });
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void DeploymentIdentity_Roles_AreOnTheDeploymentContainerOnly(string environment)
    {
        var deployment = Deployment(environment);
        var identity = deployment.DeploymentIdentity.StringAt("id");
        var roles = deployment.OfType(ResourceTypes.RoleAssignment)
            .Where(a => PredictedDeployment.IsReference(a.StringAt("properties.principalId"), identity, "principalId"))
            .Select(a => (Scope: PredictedDeployment.ScopeOf(a), Role: RoleOf(a)))
            .ToList();
        Assert.Equal([(DeploymentContainer(environment), StorageBlobDataContributor)], roles);
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void RoleAssignments_Each_SaysWhatItIsForInItsDescription(string environment) =>
        Assert.All(Deployment(environment).OfType(ResourceTypes.RoleAssignment), a =>
            Assert.True(a.TryAt("properties.description", out var description) && description.GetString()!.Length > 20, $"{a.StringAt("id")} has no description."));

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void KeyVault_IdentityRole_IsSecretsUserOnly(string environment)
    {
        var vault = Deployment(environment).Single(ResourceTypes.KeyVault).StringAt("id");
        Assert.Equal([KeyVaultSecretsUser], RolesOn(environment, vault));
        AssertFor(Deployment(environment).AppIdentity, Assert.Single(AssignmentsOn(environment, vault)));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void ApplicationInsights_IdentityRole_IsMetricsPublisherOnly(string environment)
    {
        var component = Deployment(environment).Single(ResourceTypes.ApplicationInsights).StringAt("id");
        Assert.Equal([MonitoringMetricsPublisher], RolesOn(environment, component));
        AssertFor(Deployment(environment).AppIdentity, Assert.Single(AssignmentsOn(environment, component)));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void RoleAssignments_All_AreTheSixExpectedAndNoOther(string environment)
    {
        var roles = Deployment(environment).OfType(ResourceTypes.RoleAssignment).Select(RoleOf).Order(StringComparer.Ordinal);
        Assert.Equal(
            new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, KeyVaultSecretsUser, MonitoringMetricsPublisher, StorageBlobDataContributor }.Order(StringComparer.Ordinal),
            roles);
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void RoleAssignments_Principal_IsOneOfTheDeploymentsUserAssignedIdentities(string environment)
    {
        var identities = Deployment(environment).OfType(ResourceTypes.Identity).Select(i => i.StringAt("id")).ToList();
        Assert.Equal(2, identities.Count);
        Assert.All(Deployment(environment).OfType(ResourceTypes.RoleAssignment), assignment =>
        {
            var principal = assignment.StringAt("properties.principalId");
            Assert.True(identities.Any(i => PredictedDeployment.IsReference(principal, i, "principalId")), $"{assignment.StringAt("id")} is for {principal}, not an identity of the deployment.");
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
        [.. AssignmentsOn(environment, scope).Select(RoleOf).Order(StringComparer.Ordinal)];

    private List<JsonElement> AssignmentsOn(string environment, string scope) =>
        [.. Deployment(environment).OfType(ResourceTypes.RoleAssignment)
            .Where(a => string.Equals(PredictedDeployment.ScopeOf(a), scope, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The deployed package's container: the container of the deployment account.</summary>
    private string DeploymentContainer(string environment)
    {
        var package = Deployment(environment).PackageAccount.StringAt("id");
        return Assert.Single(Deployment(environment).OfType(ResourceTypes.Container), c => c.StringAt("id").StartsWith(package + "/", StringComparison.OrdinalIgnoreCase)).StringAt("id");
    }

    private static void AssertFor(JsonElement identity, JsonElement assignment) =>
        Assert.True(
            PredictedDeployment.IsReference(assignment.StringAt("properties.principalId"), identity.StringAt("id"), "principalId"),
            $"{assignment.StringAt("id")} is not for {identity.StringAt("name")}.");

    private static string RoleOf(JsonElement assignment)
    {
        var definition = assignment.StringAt("properties.roleDefinitionId");
        Assert.StartsWith($"/subscriptions/{CompiledInfrastructure.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/", definition, StringComparison.OrdinalIgnoreCase);
        return definition.Split('/')[^1];
    }
}
