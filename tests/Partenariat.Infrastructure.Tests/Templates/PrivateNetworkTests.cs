using System.Net;
using System.Text.Json;
using Partenariat.Infrastructure.Tests.Bicep;

namespace Partenariat.Infrastructure.Tests.Templates;

/// <summary>
/// The app's network: the Function App's outbound traffic goes through a subnet delegated to
/// Microsoft.App/environments (what Flex Consumption requires), and each storage service and the
/// vault have a private endpoint in a second subnet, their names resolving to it through a private
/// DNS zone linked to the network; only the app's subnet reaches the endpoints.
/// </summary>
[Collection(BicepCollection.Name)]
public sealed class PrivateNetworkTests(CompiledInfrastructure infrastructure)
{
    /// <summary>The private DNS zone of each private endpoint group, in Azure's public cloud.</summary>
    private static readonly Dictionary<string, string> ZoneOfGroup = new(StringComparer.Ordinal)
    {
        ["blob"] = "privatelink.blob.core.windows.net",
        ["queue"] = "privatelink.queue.core.windows.net",
        ["table"] = "privatelink.table.core.windows.net",
        ["vault"] = "privatelink.vaultcore.azure.net",
    };

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void FunctionApp_VirtualNetworkSubnet_IsDelegatedToMicrosoftAppEnvironmentsOnly(string environment)
    {
        var subnet = AppSubnet(environment);
        var delegations = subnet.At("properties.delegations").EnumerateArray().Select(d => d.StringAt("properties.serviceName"));
        Assert.Equal(["Microsoft.App/environments"], delegations);
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void FunctionApp_VirtualNetworkSubnet_IsAtLeastTheSizeFlexConsumptionRecommends(string environment)
    {
        // Flex Consumption routes the app's outbound traffic through gateways with addresses in the
        // subnet: a /27 for one app.
        var prefix = IPNetwork.Parse(AppSubnet(environment).StringAt("properties.addressPrefix"));
        Assert.InRange(prefix.PrefixLength, 8, 27);
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void Subnets_AddressPrefixes_AreInTheNetworkAndApart(string environment)
    {
        var network = Network(environment);
        var space = network.At("properties.addressSpace.addressPrefixes").EnumerateArray().Select(p => IPNetwork.Parse(p.GetString()!)).ToList();
        var subnets = network.At("properties.subnets").EnumerateArray().Select(s => IPNetwork.Parse(s.StringAt("properties.addressPrefix"))).ToList();
        Assert.Equal(2, subnets.Count);
        Assert.All(subnets, s => Assert.Contains(space, n => n.Contains(s.BaseAddress) && n.PrefixLength <= s.PrefixLength));
        Assert.False(subnets[0].Contains(subnets[1].BaseAddress) || subnets[1].Contains(subnets[0].BaseAddress));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void PrivateEndpoints_EveryServiceUsed_HasOneInThePrivateEndpointSubnet(string environment)
    {
        var deployment = Deployment(environment);
        var data = deployment.DataAccount.StringAt("id");
        var package = deployment.PackageAccount.StringAt("id");
        var vault = deployment.Single(ResourceTypes.KeyVault).StringAt("id");
        string[] expected = [$"{data} blob", $"{data} queue", $"{data} table", $"{package} blob", $"{vault} vault"];

        var endpoints = deployment.OfType(ResourceTypes.PrivateEndpoint);
        var actual = endpoints
            .SelectMany(e => e.At("properties.privateLinkServiceConnections").EnumerateArray())
            .SelectMany(c => c.At("properties.groupIds").EnumerateArray().Select(g => $"{c.StringAt("properties.privateLinkServiceId")} {g.GetString()}"));
        Assert.Equal(expected.Order(StringComparer.OrdinalIgnoreCase), actual.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        Assert.All(endpoints, e => Assert.Equal(SubnetId(environment, PrivateEndpointSubnet(environment)), e.StringAt("properties.subnet.id"), ignoreCase: true));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void PrivateEndpoints_DnsZoneGroup_WritesInTheServicesPrivateDnsZone(string environment)
    {
        var deployment = Deployment(environment);
        var zones = deployment.OfType(ResourceTypes.PrivateDnsZone)
            .ToDictionary(z => PublicCloud.Resolve(z.StringAt("id")), z => PublicCloud.Resolve(z.StringAt("name")), StringComparer.OrdinalIgnoreCase);
        var endpoints = deployment.OfType(ResourceTypes.PrivateEndpoint);
        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, endpoint =>
        {
            var group = endpoint.At("properties.privateLinkServiceConnections").EnumerateArray().Single().At("properties.groupIds").EnumerateArray().Single().GetString()!;
            var zoneGroup = deployment.OfType(ResourceTypes.PrivateDnsZoneGroup)
                .Single(g => PublicCloud.Resolve(g.StringAt("id")).StartsWith(endpoint.StringAt("id") + "/", StringComparison.OrdinalIgnoreCase));
            var zoneId = PublicCloud.Resolve(zoneGroup.At("properties.privateDnsZoneConfigs").EnumerateArray().Single().StringAt("properties.privateDnsZoneId"));
            Assert.True(zones.TryGetValue(zoneId, out var zoneName), $"{endpoint.StringAt("name")} writes in {zoneId}, which the deployment does not create.");
            Assert.Equal(ZoneOfGroup[group], zoneName);
        });
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void PrivateDnsZones_Each_IsLinkedToTheNetworkWithoutRegistration(string environment)
    {
        var deployment = Deployment(environment);
        var network = Network(environment).StringAt("id");
        var zones = deployment.OfType(ResourceTypes.PrivateDnsZone).Select(z => PublicCloud.Resolve(z.StringAt("name"))).Order(StringComparer.Ordinal);
        Assert.Equal(ZoneOfGroup.Values.Order(StringComparer.Ordinal), zones);

        var links = deployment.OfType(ResourceTypes.PrivateDnsZoneLink).ToList();
        var linked = links.Select(l => PublicCloud.Resolve(l.StringAt("name")).Split('/')[0]).Order(StringComparer.Ordinal);
        Assert.Equal(ZoneOfGroup.Values.Order(StringComparer.Ordinal), linked);
        Assert.All(links, l =>
        {
            Assert.Equal(network, l.StringAt("properties.virtualNetwork.id"), ignoreCase: true);
            Assert.False(l.At("properties.registrationEnabled").GetBoolean());
        });
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void PrivateEndpointSubnet_SecurityGroup_LetsInHttpsFromTheAppSubnetOnly(string environment)
    {
        var subnet = PrivateEndpointSubnet(environment);
        Assert.Equal("NetworkSecurityGroupEnabled", subnet.StringAt("properties.privateEndpointNetworkPolicies"));
        Assert.False(subnet.TryAt("properties.delegations", out var delegations) && delegations.GetArrayLength() > 0);
        var group = Deployment(environment).OfType(ResourceTypes.NetworkSecurityGroup)
            .Single(g => string.Equals(g.StringAt("id"), subnet.StringAt("properties.networkSecurityGroup.id"), StringComparison.OrdinalIgnoreCase));
        var inbound = group.At("properties.securityRules").EnumerateArray()
            .Select(r => r.At("properties"))
            .Where(r => r.StringAt("direction") == "Inbound")
            .OrderBy(r => r.At("priority").GetInt32())
            .ToList();

        var allow = Assert.Single(inbound, r => r.StringAt("access") == "Allow");
        Assert.Equal(AppSubnet(environment).StringAt("properties.addressPrefix"), allow.StringAt("sourceAddressPrefix"));
        Assert.Equal("Tcp", allow.StringAt("protocol"));
        Assert.Equal("443", allow.StringAt("destinationPortRange"));

        // After the allowance, every other source in the network (the default rules would let it in) is refused.
        var deny = inbound.SkipWhile(r => r.StringAt("access") == "Allow").First();
        Assert.Equal("Deny", deny.StringAt("access"));
        Assert.Equal("VirtualNetwork", deny.StringAt("sourceAddressPrefix"));
        Assert.Equal("*", deny.StringAt("destinationPortRange"));
    }

    private PredictedDeployment Deployment(string environment) => infrastructure.For(environment).Deployment;

    private JsonElement Network(string environment) => Deployment(environment).Single(ResourceTypes.VirtualNetwork);

    /// <summary>The subnet the Function App's virtualNetworkSubnetId names.</summary>
    private JsonElement AppSubnet(string environment)
    {
        var id = Deployment(environment).Single(ResourceTypes.Site).StringAt("properties.virtualNetworkSubnetId");
        return Network(environment).At("properties.subnets").EnumerateArray()
            .SingleOrDefault(s => string.Equals(SubnetId(environment, s), id, StringComparison.OrdinalIgnoreCase)) is { ValueKind: JsonValueKind.Object } subnet
            ? subnet
            : throw new Xunit.Sdk.XunitException($"The Function App's subnet {id} is not one of the network's.");
    }

    /// <summary>The network's other subnet, where the private endpoints are.</summary>
    private JsonElement PrivateEndpointSubnet(string environment)
    {
        var app = SubnetId(environment, AppSubnet(environment));
        return Network(environment).At("properties.subnets").EnumerateArray().Single(s => SubnetId(environment, s) != app);
    }

    private string SubnetId(string environment, JsonElement subnet) => $"{Network(environment).StringAt("id")}/subnets/{subnet.StringAt("name")}";
}
