// Azure resources for Dealbot: a Linux App Service on Node 22 LTS, an Azure Bot whose identity is a
// user-assigned managed identity (Azure has created no multi-tenant bots since 31 July 2025, and a managed
// identity needs no secret to rotate), and Azure Database for PostgreSQL as the store: App Service's
// /home is an SMB share, on which SQLite's WAL is not safe. The store's connection string is a Key Vault
// secret the app reads through the same identity; the server accepts TLS connections only.
@maxLength(20)
@minLength(4)
@description('Used to name every resource')
param resourceBaseName string
param webAppSKU string = 'B1'
@maxLength(42)
param botDisplayName string
param location string = resourceGroup().location

@description('PostgreSQL administrator password: 16 characters or more, kept in env/.env.<env>.user as SECRET_POSTGRES_ADMIN_PASSWORD')
@secure()
@minLength(16)
param postgresAdminPassword string
param postgresAdminLogin string = 'dealbot'
param postgresSku string = 'Standard_B1ms'
param postgresTier string = 'Burstable'

@description('REVIEWERS, API_KEYS and any other setting, as name/value pairs; added to the app settings')
param extraAppSettings array = []

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: resourceBaseName
  location: location
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: resourceBaseName
  location: location
  sku: { name: postgresSku, tier: postgresTier }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
  }
}

resource requireTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2022-12-01' = {
  parent: postgres
  name: 'require_secure_transport'
  properties: { value: 'ON', source: 'user-override' }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = {
  parent: postgres
  name: 'dealbot'
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

// 0.0.0.0 to 0.0.0.0 is Azure's rule for "services inside Azure"; use private networking for more isolation.
resource allowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

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

// sslmode=verify-full: TLS, with the server's certificate checked against the public CAs Node trusts.
resource storeUrl 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'store-url'
  properties: {
    value: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${database.name}?sslmode=verify-full'
  }
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

resource serverfarm 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: resourceBaseName
  location: location
  kind: 'linux'
  sku: { name: webAppSKU }
  properties: { reserved: true }
}

resource webApp 'Microsoft.Web/sites@2023-01-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  dependsOn: [identityReadsSecrets]
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      alwaysOn: true
      // The same command as `npm start` and the container's CMD.
      appCommandLine: 'node --disable-warning=DEP0111 dist/src/main.js'
      healthCheckPath: '/readyz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appSettings: concat(
        [
          { name: 'NODE_ENV', value: 'production' }
          { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
          { name: 'MicrosoftAppId', value: identity.properties.clientId }
          { name: 'MicrosoftAppTenantId', value: identity.properties.tenantId }
          { name: 'STORE_URL', value: '@Microsoft.KeyVault(SecretUri=${storeUrl.properties.secretUri})' }
          // Deal links ("Copy link", unfurled in Teams) point here; the site's own default host name.
          { name: 'BOT_DOMAIN', value: '${resourceBaseName}.azurewebsites.net' }
          // Deploy ships dist/ and the lock file; App Service installs the production dependencies on Linux,
          // where the SQLite driver's native code must be built anyway.
          { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
          { name: 'CUSTOM_BUILD_COMMAND', value: 'npm ci --omit=dev --no-audit --no-fund' }
        ],
        extraAppSettings
      )
    }
  }
}

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
