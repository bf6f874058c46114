using System.Text.Json;
using System.Xml.Linq;
using Partenariat.Infrastructure.Tests.Bicep;
using Partenariat.Testing;

namespace Partenariat.Infrastructure.Tests.Templates;

/// <summary>
/// The Function App: Flex Consumption, the .NET isolated worker at the app's own .NET version, run
/// as the user-assigned identity, HTTPS only, its package pulled from the deployment account with
/// the deployment identity.
/// </summary>
[Collection(BicepCollection.Name)]
public sealed class FunctionAppTests(CompiledInfrastructure infrastructure)
{
    /// <summary>Settings the Flex Consumption plan deprecates or rejects (its runtime and package come from functionAppConfig).</summary>
    private static readonly string[] DeprecatedOnFlexConsumption =
    [
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_WORKER_RUNTIME_VERSION",
        "FUNCTIONS_EXTENSION_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_CONTENTSHARE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT",
        "WEBSITE_NODE_DEFAULT_VERSION",
        "SCM_DO_BUILD_DURING_DEPLOYMENT",
        "ENABLE_ORYX_BUILD",
        "WEBSITE_TIME_ZONE",
    ];

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void Plan_Sku_IsFlexConsumptionOnLinux(string environment)
    {
        var plan = Deployment(environment).Single(ResourceTypes.Plan);
        Assert.Equal("FC1", plan.StringAt("sku.name"));
        Assert.Equal("FlexConsumption", plan.StringAt("sku.tier"));
        Assert.True(plan.At("properties.reserved").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void FunctionApp_Plan_IsTheFlexConsumptionPlanAndKindIsLinuxFunctionApp(string environment)
    {
        var site = Site(environment);
        Assert.Equal(Deployment(environment).Single(ResourceTypes.Plan).StringAt("id"), site.StringAt("properties.serverFarmId"));
        Assert.Equal("functionapp,linux", site.StringAt("kind"));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void FunctionApp_Runtime_IsDotnetIsolatedAtTheAppsTargetFramework(string environment)
    {
        var runtime = Site(environment).At("properties.functionAppConfig.runtime");
        Assert.Equal("dotnet-isolated", runtime.StringAt("name"));
        Assert.Equal(FunctionsAppDotnetVersion(), runtime.StringAt("version"));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void FunctionApp_Identities_AreTheAppsAndTheDeploymentsUserAssignedIdentitiesOnly(string environment)
    {
        var identity = Deployment(environment).AppIdentity.StringAt("id");
        var deploymentIdentity = Deployment(environment).DeploymentIdentity.StringAt("id");
        var site = Site(environment);
        Assert.Equal("UserAssigned", site.StringAt("identity.type"));
        Assert.Equal(
            new[] { identity, deploymentIdentity }.Order(StringComparer.Ordinal),
            site.At("identity.userAssignedIdentities").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(identity, site.StringAt("properties.keyVaultReferenceIdentity"));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void FunctionApp_Transport_IsHttpsOnlyWithTls12Minimum(string environment)
    {
        var site = Site(environment);
        Assert.True(site.At("properties.httpsOnly").GetBoolean());
        Assert.Equal("1.2", site.StringAt("properties.siteConfig.minTlsVersion"));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void FunctionApp_DeploymentStorage_IsThePackageAccountsContainerReadWithTheDeploymentIdentity(string environment)
    {
        var storage = Site(environment).At("properties.functionAppConfig.deployment.storage");
        var account = Deployment(environment).PackageAccount.StringAt("name");
        var identity = Deployment(environment).DeploymentIdentity.StringAt("id");
        Assert.Equal("blobContainer", storage.StringAt("type"));
        Assert.Equal(
            $"[format('https://{{0}}.blob.{{1}}/{{2}}', '{account}', environment().suffixes.storage, '{StorageAccountTests.DeploymentContainer}')]",
            storage.StringAt("value"));
        Assert.Equal("UserAssignedIdentity", storage.StringAt("authentication.type"));
        Assert.Equal(identity, storage.StringAt("authentication.userAssignedIdentityResourceId"));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void FunctionApp_Scale_IsWithinFlexConsumptionLimits(string environment)
    {
        var scale = Site(environment).At("properties.functionAppConfig.scaleAndConcurrency");
        Assert.InRange(scale.At("maximumInstanceCount").GetInt32(), 1, 1000);
        Assert.Contains(scale.At("instanceMemoryMB").GetInt32(), new[] { 512, 2048, 4096 });
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void PublishingCredentials_FtpAndScmBasicAuthentication_AreDisabled(string environment)
    {
        var policies = Deployment(environment).OfType(ResourceTypes.PublishingCredentialsPolicy)
            .ToDictionary(PredictedDeployment.ShortName, p => p.At("properties.allow").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["ftp"] = false, ["scm"] = false }, policies);
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void AppSettings_FlexConsumption_HoldNoDeprecatedSetting(string environment)
    {
        var settings = Deployment(environment).AppSettings;
        var found = DeprecatedOnFlexConsumption.Where(settings.ContainsKey).ToList();
        Assert.True(found.Count == 0, $"Settings Flex Consumption deprecates: {string.Join(", ", found)}.");
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void AppSettings_ApplicationInsights_AreTheComponentsWithEntraAuthentication(string environment)
    {
        var deployment = Deployment(environment);
        var settings = deployment.AppSettings;
        var component = deployment.Single(ResourceTypes.ApplicationInsights).StringAt("id");
        var identity = deployment.AppIdentity.StringAt("id");
        Assert.True(
            PredictedDeployment.IsReference(settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], component, "ConnectionString"),
            settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        var authentication = settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"];
        Assert.StartsWith("[format('ClientId={0};Authorization=AAD', reference('" + identity + "', ", authentication, StringComparison.Ordinal);
        Assert.EndsWith(").clientId)]", authentication, StringComparison.Ordinal);
        Assert.DoesNotContain("APPINSIGHTS_INSTRUMENTATIONKEY", settings.Keys);
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void AppSettings_AzureClientId_IsTheIdentitysClientId(string environment)
    {
        var deployment = Deployment(environment);
        var identity = deployment.AppIdentity.StringAt("id");
        Assert.True(PredictedDeployment.IsReference(deployment.AppSettings["AZURE_CLIENT_ID"], identity, "clientId"), deployment.AppSettings["AZURE_CLIENT_ID"]);
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void ApplicationInsights_Workspace_IsTheLogAnalyticsWorkspaceWithLocalAuthenticationOff(string environment)
    {
        var deployment = Deployment(environment);
        var component = deployment.Single(ResourceTypes.ApplicationInsights);
        Assert.Equal(deployment.Single(ResourceTypes.Workspace).StringAt("id"), component.StringAt("properties.WorkspaceResourceId"));
        Assert.True(component.At("properties.DisableLocalAuth").GetBoolean());
    }

    /// <summary>The .NET version the Functions app targets (net10.0 -> 10.0), from its project or the shared build props.</summary>
    private static string FunctionsAppDotnetVersion()
    {
        static string? TargetFramework(string path) =>
            XDocument.Load(path).Descendants("TargetFramework").Select(e => e.Value.Trim()).FirstOrDefault();

        var framework = TargetFramework(Path.Combine(RepositoryPaths.Root, "functions", "Partenariat.Functions", "Partenariat.Functions.csproj"))
            ?? TargetFramework(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"))
            ?? throw new Xunit.Sdk.XunitException("No TargetFramework for functions/Partenariat.Functions.");
        Assert.StartsWith("net", framework, StringComparison.Ordinal);
        return framework["net".Length..];
    }

    private PredictedDeployment Deployment(string environment) => infrastructure.For(environment).Deployment;

    private JsonElement Site(string environment) => Deployment(environment).Single(ResourceTypes.Site);
}
