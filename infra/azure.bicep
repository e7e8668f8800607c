// Azure resources for Dealbot, provisioned by `atk provision` (m365agents.yml):
// - a Linux App Service on Node 24 LTS, whose identity is a user-assigned managed identity: the Azure Bot's
//   identity (Azure has created no multi-tenant bots since 31 July 2025, and a managed identity has no
//   secret to rotate) and the database login;
// - Azure Database for PostgreSQL as the store (App Service's /home is an SMB share, on which SQLite's WAL
//   is not safe), reachable only inside a virtual network, with Microsoft Entra authentication only: no
//   password exists anywhere;
// - Application Insights on a Log Analytics workspace, the App Service's and the database's logs there,
//   and alert rules that mail an action group;
// - a Key Vault for the API keys' hashes.
// Every operator setting is a parameter filled from the toolkit's env files (infra/azure.parameters.json),
// so provisioning again leaves each as the env file says: set them there, never in the portal.
@maxLength(20)
@minLength(4)
@description('Used to name every resource')
param resourceBaseName string
param webAppSKU string = 'B1'
@maxLength(42)
param botDisplayName string
param location string = resourceGroup().location

param postgresSku string = 'Standard_B1ms'
param postgresTier string = 'Burstable'
@minValue(7)
@maxValue(35)
@description('Days of point-in-time restore PostgreSQL keeps')
param postgresBackupRetentionDays int = 35
@allowed(['Enabled', 'Disabled'])
@description('Whether PostgreSQL\'s backups are also kept in the paired region (chosen at creation only)')
param postgresGeoRedundantBackup string = 'Disabled'

@minValue(1)
@maxValue(365)
@description('Days a deleted or overwritten deal file can be brought back (blob soft delete; versions are kept too)')
param filesSoftDeleteDays int = 14

@description('Where alerts are mailed; "-" for none (the alerts still fire in the portal)')
param alertEmail string = '-'
@description('Alert when more than this percentage of requests in 5 minutes answer 5xx')
param alert5xxPercent int = 5
@description('Alert when an undelivered notification has waited longer than this many minutes')
param alertOldestNoticeMinutes int = 30

// The bot's settings (docs/operations.md). "-" leaves a setting unset, so the bot's default applies: the
// toolkit refuses an empty value in a parameters file.
@description('REVIEWERS: tenantId:entraObjectId,… (who may decide deals in Teams)')
param reviewers string = '-'
@secure()
@description('API_KEYS: tenantId:role:sha256,… (npm run api-key); kept in Key Vault')
param apiKeys string = '-'
param allowedTenants string = '-'
param organisationCountry string = '-'
param supportContact string = '-'
param minAnnualValue string = '-'
param signedWithinDays string = '-'
param startWithinDays string = '-'
param reminderAfter string = '-'
param reminderEvery string = '-'
param windowWarningBefore string = '-'
param reviewReminderAfter string = '-'
param retentionClosed string = '-'
param pageSize string = '-'
param logLevel string = '-'

func setting(value string) string => value == '-' ? '' : value

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: resourceBaseName
  location: location
}

// ---- Network: PostgreSQL has no public endpoint; App Service reaches it through VNet integration.

resource network 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: resourceBaseName
  location: location
  properties: {
    addressSpace: { addressPrefixes: ['10.40.0.0/16'] }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: '10.40.1.0/26'
          delegations: [{ name: 'app-service', properties: { serviceName: 'Microsoft.Web/serverFarms' } }]
        }
      }
      {
        name: 'postgres'
        properties: {
          addressPrefix: '10.40.2.0/28'
          delegations: [{ name: 'postgres', properties: { serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers' } }]
        }
      }
    ]
  }
}

resource postgresDns 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: '${resourceBaseName}.private.postgres.database.azure.com'
  location: 'global'
}

resource postgresDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: postgresDns
  name: resourceBaseName
  location: 'global'
  properties: { virtualNetwork: { id: network.id }, registrationEnabled: false }
}

// ---- PostgreSQL: Entra authentication only, the bot's identity its principal. Each sub-resource waits for
// the one before: the server takes one change at a time, and parallel ones fail with ServerIsBusy.

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: resourceBaseName
  location: location
  sku: { name: postgresSku, tier: postgresTier }
  dependsOn: [postgresDnsLink]
  properties: {
    version: '16'
    authConfig: { activeDirectoryAuth: 'Enabled', passwordAuth: 'Disabled', tenantId: subscription().tenantId }
    storage: { storageSizeGB: 32, autoGrow: 'Enabled' }
    backup: { backupRetentionDays: postgresBackupRetentionDays, geoRedundantBackup: postgresGeoRedundantBackup }
    highAvailability: { mode: 'Disabled' }
    network: {
      delegatedSubnetResourceId: resourceId('Microsoft.Network/virtualNetworks/subnets', network.name, 'postgres')
      privateDnsZoneArmResourceId: postgresDns.id
      publicNetworkAccess: 'Disabled'
    }
  }
}

// The bot's managed identity is the server's Entra administrator: Bicep has no way to create a lesser Entra
// principal (that takes SQL run by an administrator), docs/decisions.md says what that grants.
resource postgresAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: postgres
  name: identity.properties.principalId
  properties: { principalName: identity.name, principalType: 'ServicePrincipal', tenantId: subscription().tenantId }
}

resource requireTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: postgres
  name: 'require_secure_transport'
  dependsOn: [postgresAdmin]
  properties: { value: 'ON', source: 'user-override' }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'dealbot'
  dependsOn: [requireTls]
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

// ---- Key Vault: the API keys' hashes (a key itself is never stored anywhere).

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${resourceBaseName}kv'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
  }
}

resource apiKeysSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (setting(apiKeys) != '') {
  parent: vault
  name: 'api-keys'
  properties: { value: apiKeys }
}

resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---- Deals' files (contracts, purchase orders, emails): Blob Storage, private, reached by the identity alone.

resource filesAccount 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  // 3-24 lowercase letters and digits.
  name: take('${toLower(replace(resourceBaseName, '-', ''))}files', 24)
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: false
    // No account keys: the bot signs in with its managed identity, so there is no key to leak or rotate.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource filesBlobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: filesAccount
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: filesSoftDeleteDays }
    containerDeleteRetentionPolicy: { enabled: true, days: filesSoftDeleteDays }
    isVersioningEnabled: true
  }
}

resource filesContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: filesBlobs
  name: 'deal-files'
  properties: { publicAccess: 'None' }
}

// Storage Blob Data Contributor on this container only: read, write and delete its blobs, nothing else.
var blobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
resource identityWritesFiles 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: filesContainer
  name: guid(filesContainer.id, identity.id, blobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---- Observability: Application Insights on a workspace; the bot exports to it with OpenTelemetry.

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: resourceBaseName
  location: location
  properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30 }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: resourceBaseName
  location: location
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: workspace.id }
}

// ---- The bot.

resource serverfarm 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: resourceBaseName
  location: location
  kind: 'linux'
  sku: { name: webAppSKU }
  properties: { reserved: true }
}

resource webApp 'Microsoft.Web/sites@2024-04-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  dependsOn: [identityReadsSecrets, database]
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    // Outbound to private addresses (PostgreSQL) through the VNet, with its private DNS zone; the rest
    // (Teams, the Bot Connector, Application Insights) goes out directly: a new VNet has no default way
    // out to the internet.
    virtualNetworkSubnetId: resourceId('Microsoft.Network/virtualNetworks/subnets', network.name, 'app')
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      alwaysOn: true
      vnetRouteAllEnabled: false
      // The same command as `npm start` and the container's CMD.
      appCommandLine: 'node dist/src/main.js'
      healthCheckPath: '/readyz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appSettings: [
        { name: 'NODE_ENV', value: 'production' }
        // Every request reaches the app through App Service's front ends, from private addresses, which name
        // the client in X-Forwarded-For: trusted, so lockouts and per-client limits see clients, not front ends.
        { name: 'TRUST_PROXY', value: 'loopback, linklocal, uniquelocal' }
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppTenantId', value: identity.properties.tenantId }
        // The identity DefaultAzureCredential uses for the database's Entra token.
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        // No password: the bot logs in as its identity with a Microsoft Entra token (src/store/entra-password.ts).
        {
          name: 'STORE_URL'
          value: 'postgres://${identity.name}@${postgres.properties.fullyQualifiedDomainName}:5432/${database.name}?sslmode=verify-full'
        }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        // Deals' files, in the private container (the identity's role assignment above).
        { name: 'FILES_URL', value: '${filesAccount.properties.primaryEndpoints.blob}${filesContainer.name}' }
        // Deal links ("Copy link", unfurled in Teams) point here; the site's own default host name.
        { name: 'BOT_DOMAIN', value: '${resourceBaseName}.azurewebsites.net' }
        {
          name: 'API_KEYS'
          value: setting(apiKeys) == '' ? '' : '@Microsoft.KeyVault(SecretUri=${apiKeysSecret!.properties.secretUri})'
        }
        { name: 'REVIEWERS', value: setting(reviewers) }
        { name: 'ALLOWED_TENANTS', value: setting(allowedTenants) }
        { name: 'ORGANISATION_COUNTRY', value: setting(organisationCountry) }
        { name: 'SUPPORT_CONTACT', value: setting(supportContact) }
        { name: 'MIN_ANNUAL_VALUE', value: setting(minAnnualValue) }
        { name: 'SIGNED_WITHIN_DAYS', value: setting(signedWithinDays) }
        { name: 'START_WITHIN_DAYS', value: setting(startWithinDays) }
        { name: 'REMINDER_AFTER', value: setting(reminderAfter) }
        { name: 'REMINDER_EVERY', value: setting(reminderEvery) }
        { name: 'WINDOW_WARNING_BEFORE', value: setting(windowWarningBefore) }
        { name: 'REVIEW_REMINDER_AFTER', value: setting(reviewReminderAfter) }
        { name: 'RETENTION_CLOSED', value: setting(retentionClosed) }
        { name: 'PAGE_SIZE', value: setting(pageSize) }
        { name: 'LOG_LEVEL', value: setting(logLevel) }
        // Deploy ships dist/ and the lock file; App Service installs the production dependencies on Linux,
        // where the SQLite driver's native code must be built anyway. Optional dependencies are left out:
        // the only ones are TypeScript (i18next's optional peer) and build tools npm brings itself.
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
        { name: 'CUSTOM_BUILD_COMMAND', value: 'npm ci --omit=dev --omit=optional --no-audit --no-fund' }
      ]
    }
  }
}

resource webAppLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: webApp
  name: 'to-log-analytics'
  properties: {
    workspaceId: workspace.id
    logs: [
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

resource postgresLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: postgres
  name: 'to-log-analytics'
  dependsOn: [database]
  properties: {
    workspaceId: workspace.id
    logs: [{ category: 'PostgreSQLLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

// ---- Alerts, each mailed to the action group.

resource operators 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: resourceBaseName
  location: 'global'
  properties: {
    groupShortName: 'dealbot'
    enabled: true
    emailReceivers: setting(alertEmail) == '' ? [] : [{ name: 'operators', emailAddress: alertEmail, useCommonAlertSchema: true }]
  }
}

resource readyzFailing 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${resourceBaseName}-readyz-failing'
  location: 'global'
  properties: {
    description: 'App Service health check (/readyz) failing: the store does not answer, or the bot is down'
    severity: 1
    enabled: true
    scopes: [webApp.id]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'healthy-instances'
          metricName: 'HealthCheckStatus'
          operator: 'LessThan'
          threshold: 100
          timeAggregation: 'Average'
        }
      ]
    }
    actions: [{ actionGroupId: operators.id }]
  }
}

// Log alerts on what the bot exports (Application Insights' tables in the workspace). The tables appear
// with the first telemetry, so the queries are not validated at creation.
var logAlerts = [
  {
    name: '5xx-rate'
    description: 'More than ${alert5xxPercent}% of requests answered 5xx in 5 minutes'
    severity: 1
    query: 'AppRequests | summarize total = count(), failed = countif(toint(ResultCode) >= 500) | extend percent = iff(total == 0, 0.0, 100.0 * failed / total)'
    column: 'percent'
    threshold: alert5xxPercent
    windowSize: 'PT5M'
    periods: 1
  }
  {
    name: 'oldest-notice'
    description: 'A notification has waited more than ${alertOldestNoticeMinutes} minutes to be delivered'
    severity: 2
    query: 'AppMetrics | where Name == "dealbot_outbox_oldest_pending_seconds" | summarize oldest = max(Max)'
    column: 'oldest'
    threshold: alertOldestNoticeMinutes * 60
    windowSize: 'PT15M'
    periods: 1
  }
  {
    name: 'teams-429s'
    description: 'Teams answered 429 (too many requests) in each of the last three 5-minute windows'
    severity: 2
    query: 'AppMetrics | where Name == "dealbot_teams_429_total" | summarize throttled = sum(Sum)'
    column: 'throttled'
    threshold: 0
    windowSize: 'PT5M'
    periods: 3
  }
]

resource logAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for alert in logAlerts: {
    name: '${resourceBaseName}-${alert.name}'
    location: location
    kind: 'LogAlert'
    properties: {
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [workspace.id]
      evaluationFrequency: 'PT5M'
      windowSize: alert.windowSize
      skipQueryValidation: true
      criteria: {
        allOf: [
          {
            query: alert.query
            metricMeasureColumn: alert.column
            timeAggregation: 'Maximum'
            operator: 'GreaterThan'
            threshold: alert.threshold
            failingPeriods: { numberOfEvaluationPeriods: alert.periods, minFailingPeriodsToAlert: alert.periods }
          }
        ]
      }
      actions: { actionGroups: [operators.id] }
    }
  }
]

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  location: 'global'
  name: 'MsTeamsChannel'
  properties: { channelName: 'MsTeamsChannel' }
}

// Microsoft 365 Copilot (and Outlook) reach the bot's search command through this channel.
resource m365Channel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  location: 'global'
  name: 'M365Extensions'
  properties: { channelName: 'M365Extensions' }
}

output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output POSTGRES_SERVER string = postgres.name
