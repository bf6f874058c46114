using System.Text.Json;
using Partenariat.Infrastructure.Tests.Bicep;

namespace Partenariat.Infrastructure.Tests.Templates;

/// <summary>
/// Who touched the data and the secrets is on record: every storage service of both accounts sends
/// its read, write and delete logs, and the vault its audit events, to the Log Analytics workspace.
/// </summary>
[Collection(BicepCollection.Name)]
public sealed class DiagnosticSettingsTests(CompiledInfrastructure infrastructure)
{
    private static readonly string[] StorageLogs = ["StorageDelete", "StorageRead", "StorageWrite"];

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void StorageServices_EveryService_LogsReadsWritesAndDeletesToTheWorkspace(string environment)
    {
        var deployment = Deployment(environment);
        var accounts = deployment.OfType(ResourceTypes.StorageAccount);
        Assert.Equal(2, accounts.Count);
        foreach (var account in accounts)
        {
            foreach (var service in new[] { "blobServices", "queueServices", "tableServices" })
            {
                var scope = $"{account.StringAt("id")}/{service}/default";
                AssertLogsToWorkspace(environment, scope, StorageLogs);
            }
        }
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void KeyVault_DiagnosticSettings_LogAuditEventsToTheWorkspace(string environment)
    {
        var vault = Deployment(environment).Single(ResourceTypes.KeyVault).StringAt("id");
        AssertLogsToWorkspace(environment, vault, ["AuditEvent"]);
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void DiagnosticSettings_All_GoToTheDeploymentsWorkspace(string environment)
    {
        var deployment = Deployment(environment);
        var workspace = deployment.Single(ResourceTypes.Workspace).StringAt("id");
        var settings = deployment.OfType(ResourceTypes.DiagnosticSetting);
        Assert.Equal(7, settings.Count);
        Assert.All(settings, s =>
        {
            Assert.Equal(workspace, s.StringAt("properties.workspaceId"), ignoreCase: true);
            Assert.False(s.TryAt("properties.storageAccountId", out _) || s.TryAt("properties.eventHubAuthorizationRuleId", out _));
        });
    }

    private void AssertLogsToWorkspace(string environment, string scope, string[] categories)
    {
        var deployment = Deployment(environment);
        var workspace = deployment.Single(ResourceTypes.Workspace).StringAt("id");
        var setting = Assert.Single(
            deployment.OfType(ResourceTypes.DiagnosticSetting),
            s => string.Equals(PredictedDeployment.ScopeOf(s), scope, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(workspace, setting.StringAt("properties.workspaceId"), ignoreCase: true);
        var enabled = setting.At("properties.logs").EnumerateArray()
            .Where(l => l.At("enabled").GetBoolean())
            .Select(l => l.TryAt("category", out var category) ? category.GetString()! : l.StringAt("categoryGroup"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(categories.Order(StringComparer.Ordinal), enabled);
    }

    private PredictedDeployment Deployment(string environment) => infrastructure.For(environment).Deployment;
}
