// Telemetry: a Log Analytics workspace and a workspace-based Application Insights component that
// accepts only Microsoft Entra-authenticated telemetry (local authentication, i.e. the bare
// instrumentation key, is off); the app's identity may publish to it.
import { monitoringMetricsPublisher } from 'roles.bicep'
import { resourceTags } from 'types.bicep'

@description('Azure region of the resources.')
param location string

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Days logs are kept in the workspace.')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Resource id of the app\'s user-assigned identity (names its role assignment).')
param identityId string

@description('Principal (object) id of the app\'s user-assigned identity.')
param identityPrincipalId string

@description('Tags of every resource.')
param tags resourceTags

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identityId, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    description: 'The Function App sends its telemetry with this identity (local authentication is off).'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

@description('The Application Insights connection string: an endpoint and the component\'s id, not a secret; with local authentication off it is useless without an Entra token.')
output connectionString string = applicationInsights.properties.ConnectionString

@description('Resource id of the Log Analytics workspace (the storage accounts\' and the vault\'s logs go there too).')
output workspaceId string = workspace.id

@description('Name of the Application Insights component.')
output applicationInsightsName string = applicationInsights.name
