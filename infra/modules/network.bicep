// The app's private network: a virtual network with two subnets, and the private DNS zones that
// make the storage accounts' and the vault's ordinary host names resolve to their private endpoints
// inside it.
//
// - snet-app: the Function App's outbound (virtual network integration). Flex Consumption requires
//   the delegation to Microsoft.App/environments and sends all of the app's outbound traffic through
//   it (no "route all" setting to set). Its shared gateways take their addresses from this subnet:
//   a /26, room for one app at full scale (1,000 instances) and a second one.
// - snet-private-endpoints: the private endpoints of the storage accounts and the vault. Its
//   network security group lets in HTTPS from snet-app and nothing else from the network.
//
// More zones (another service behind a private endpoint) go in privateDnsZoneNames.
import { privateDnsZoneIds, resourceTags } from 'types.bicep'

@description('Azure region of the virtual network.')
param location string

@description('Name of the virtual network.')
param name string

@description('Address space of the virtual network: a /24 or larger. The app\'s subnet is its first /26, the private endpoints\' subnet its third /27; the rest is free for later subnets.')
param addressPrefix string

@description('Tags of every resource.')
param tags resourceTags

var appSubnetName = 'snet-app'
var privateEndpointSubnetName = 'snet-private-endpoints'
var appSubnetPrefix = cidrSubnet(addressPrefix, 26, 0)
var privateEndpointSubnetPrefix = cidrSubnet(addressPrefix, 27, 2)

// The zones Azure's private endpoints register their records in, for the cloud deployed to (in
// Azure's public cloud: privatelink.blob.core.windows.net... and privatelink.vaultcore.azure.net),
// in the order of the output privateDnsZoneIds.
var privateDnsZoneNames = [
  'privatelink.blob.${environment().suffixes.storage}'
  'privatelink.queue.${environment().suffixes.storage}'
  'privatelink.table.${environment().suffixes.storage}'
  'privatelink${replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.')}'
]

resource privateEndpointRules 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-${name}-private-endpoints'
  location: location
  tags: tags
  properties: {
    securityRules: [
      {
        name: 'allow-https-from-app'
        properties: {
          description: 'The Function App (its virtual network integration) reaches storage and Key Vault over HTTPS.'
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: appSubnetPrefix
          sourcePortRange: '*'
          destinationAddressPrefix: privateEndpointSubnetPrefix
          destinationPortRange: '443'
        }
      }
      {
        name: 'deny-other-network-traffic'
        properties: {
          description: 'Nothing else in the network (or peered to it later) reaches the private endpoints.'
          priority: 4000
          direction: 'Inbound'
          access: 'Deny'
          protocol: '*'
          sourceAddressPrefix: 'VirtualNetwork'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
        }
      }
    ]
  }
}

resource network 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    // Both subnets in the network's own definition: a redeployment keeps them (separate subnet
    // resources would be removed and re-added by every update of the network).
    subnets: [
      {
        name: appSubnetName
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: privateEndpointSubnetName
        properties: {
          addressPrefix: privateEndpointSubnetPrefix
          networkSecurityGroup: {
            id: privateEndpointRules.id
          }
          // The security group applies to the private endpoints (by default they ignore it).
          privateEndpointNetworkPolicies: 'NetworkSecurityGroupEnabled'
          // Private endpoints open no connection: the subnet needs no way out.
          defaultOutboundAccess: false
        }
      }
    ]
  }

  resource appSubnet 'subnets' existing = {
    name: appSubnetName
  }

  resource privateEndpointSubnet 'subnets' existing = {
    name: privateEndpointSubnetName
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zoneName in privateDnsZoneNames: {
    name: zoneName
    location: 'global'
    tags: tags
  }
]

// Each zone answers for the names looked up from this network only (nothing registers in it
// automatically: the private endpoints' DNS zone groups write their records).
resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zoneName, i) in privateDnsZoneNames: {
    parent: zones[i]
    name: name
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: network.id
      }
    }
  }
]

@description('Resource id of the subnet the Function App integrates with.')
output appSubnetId string = network::appSubnet.id

@description('Resource id of the subnet of the private endpoints.')
output privateEndpointSubnetId string = network::privateEndpointSubnet.id

@description('Resource ids of the private DNS zones, by service.')
output privateDnsZoneIds privateDnsZoneIds = {
  blob: zones[0].id
  queue: zones[1].id
  table: zones[2].id
  vault: zones[3].id
}
