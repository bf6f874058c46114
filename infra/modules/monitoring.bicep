// Telemetry: a Log Analytics workspace and a workspace-based Application Insights component that
// accepts only Microsoft Entra-authenticated telemetry (local authentication, i.e. the bare
// instrumentation key, is off); the app's identity may publish to it. Two log alerts watch the
// reconciler's metrics and mail the operators through an action group.
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

@description('Address the alerts are mailed to; empty: the alerts still fire (Azure Monitor, Alerts) but mail no one.')
param alertEmail string

@description('Tags of every resource.')
param tags resourceTags

// The reconciler's counters (functions/Partenariat.Workflow/Reconciliation/CreditReconciler.cs;
// the infrastructure tests compare the names): credit it released, disagreements it left to
// operators. Either is 0 in a sound system; the second needs a person.
var reconciliationAlerts = [
  {
    name: 'released'
    metric: 'partenariat.reconciliation.released'
    severity: 2
    description: 'The reconciler released credit held by requests whose orchestration no longer ran: see GET /api/operations/reconciliation and each request\'s timeline (docs/operations.md, "What to watch").'
  }
  {
    name: 'findings'
    metric: 'partenariat.reconciliation.findings'
    severity: 1
    description: 'The reconciler found the ledger and the requests disagreeing and left it to operators: see GET /api/operations/reconciliation (docs/operations.md, "What to watch").'
  }
]

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

resource operators 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${applicationInsightsName}-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'partenariat'
    enabled: true
    emailReceivers: empty(alertEmail)
      ? []
      : [
          {
            name: 'operators'
            emailAddress: alertEmail
            useCommonAlertSchema: true
          }
        ]
  }
}

// A log alert per counter on the workspace (the app's metrics are rows of AppMetrics there): any
// count over the last 15 minutes, looked at every 5 (the reconciler passes every 5).
resource reconciliationAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for alert in reconciliationAlerts: {
    name: 'alert-${applicationInsightsName}-reconciliation-${alert.name}'
    location: location
    tags: tags
    properties: {
      displayName: 'Partenariat: ${alert.metric}'
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [
        workspace.id
      ]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      criteria: {
        allOf: [
          {
            query: 'AppMetrics | where Name == \'${alert.metric}\''
            timeAggregation: 'Total'
            metricMeasureColumn: 'Sum'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: [
          operators.id
        ]
      }
    }
  }
]

@description('The Application Insights connection string: an endpoint and the component\'s id, not a secret; with local authentication off it is useless without an Entra token.')
output connectionString string = applicationInsights.properties.ConnectionString

@description('Resource id of the Log Analytics workspace (the storage accounts\' and the vault\'s logs go there too).')
output workspaceId string = workspace.id

@description('Name of the Application Insights component.')
output applicationInsightsName string = applicationInsights.name
