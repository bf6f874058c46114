using System.Text.Json;
using Partenariat.Infrastructure.Tests.Bicep;

namespace Partenariat.Infrastructure.Tests.Templates;

/// <summary>
/// Closed by default: both storage accounts and the vault refuse every request from a public
/// network (no firewall exception, no trusted-service bypass) in every environment's parameter
/// file; an operator opens them to listed public addresses only by passing allowedPublicIpRanges,
/// and then everyone else stays out.
/// </summary>
[Collection(BicepCollection.Name)]
public sealed class NetworkAccessTests(CompiledInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void StorageAccounts_PublicNetworkAccess_IsDisabledWithNoException(string environment)
    {
        var accounts = Deployment(environment).OfType(ResourceTypes.StorageAccount);
        Assert.Equal(2, accounts.Count);
        Assert.All(accounts, AssertClosed);
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void KeyVault_PublicNetworkAccess_IsDisabledWithNoException(string environment) =>
        AssertClosed(Deployment(environment).Single(ResourceTypes.KeyVault));

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void ParameterFile_AllowedPublicIpRanges_IsSetAndEmpty(string environment)
    {
        // Written in each file, so that opening an environment is a visible change to it.
        var ranges = infrastructure.For(environment).Parameter("allowedPublicIpRanges");
        Assert.True(ranges is { ValueKind: JsonValueKind.Array }, $"infra/main.{environment}.bicepparam does not set allowedPublicIpRanges.");
        Assert.Equal(0, ranges.Value.GetArrayLength());
    }

    [Fact]
    public void TemplateDefault_AllowedPublicIpRanges_IsEmpty()
    {
        var parameter = infrastructure.Template.At("parameters.allowedPublicIpRanges");
        Assert.Equal(0, parameter.At("defaultValue").GetArrayLength());
    }

    [Fact]
    public void StorageAccounts_OpenedToAddresses_LetInThoseAddressesOnly()
    {
        var accounts = Opened.OfType(ResourceTypes.StorageAccount);
        Assert.Equal(2, accounts.Count);
        Assert.All(accounts, account =>
        {
            AssertOpenedBehindFirewall(account);

            // Storage firewalls take a single address without /32.
            var rules = account.At("properties.networkAcls.ipRules").EnumerateArray().ToList();
            Assert.Equal(["203.0.113.7", "198.51.100.0/28"], rules.Select(r => r.StringAt("value")));
            Assert.All(rules, r => Assert.Equal("Allow", r.StringAt("action")));
        });
    }

    [Fact]
    public void KeyVault_OpenedToAddresses_LetsInThoseAddressesOnly()
    {
        var vault = Opened.Single(ResourceTypes.KeyVault);
        AssertOpenedBehindFirewall(vault);
        Assert.Equal(
            CompiledInfrastructure.OpenedRanges,
            vault.At("properties.networkAcls.ipRules").EnumerateArray().Select(r => r.StringAt("value")));
    }

    [Fact]
    public void PrivateEndpoints_Opened_StayInPlace()
    {
        // Opening adds a way in for the listed addresses; the app keeps its private one.
        Assert.Equal(
            Deployment("prod").OfType(ResourceTypes.PrivateEndpoint).Count,
            Opened.OfType(ResourceTypes.PrivateEndpoint).Count);
    }

    private static void AssertClosed(JsonElement resource)
    {
        var name = resource.StringAt("name");
        Assert.True(resource.StringAt("properties.publicNetworkAccess") == "Disabled", $"{name} accepts public network traffic.");
        AssertFirewallDeniesByDefault(resource);
        Assert.Equal(0, resource.At("properties.networkAcls.ipRules").GetArrayLength());
    }

    private static void AssertOpenedBehindFirewall(JsonElement resource)
    {
        Assert.Equal("Enabled", resource.StringAt("properties.publicNetworkAccess"));
        AssertFirewallDeniesByDefault(resource);
    }

    private static void AssertFirewallDeniesByDefault(JsonElement resource)
    {
        var acls = resource.At("properties.networkAcls");
        Assert.Equal("Deny", acls.StringAt("defaultAction"));
        Assert.Equal("None", acls.StringAt("bypass"));
        Assert.Equal(0, acls.At("virtualNetworkRules").GetArrayLength());
    }

    private PredictedDeployment Opened => infrastructure.For(CompiledInfrastructure.Opened).Deployment;

    private PredictedDeployment Deployment(string environment) => infrastructure.For(environment).Deployment;
}
