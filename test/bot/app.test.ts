import assert from 'node:assert/strict';
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import pino from 'pino';
import { createAdapter } from '../../bot/app.js';
import { parseConfig } from '../../src/config.js';

describe('the Bot Framework adapter', () => {
  it('reuses one Bot Connector client and one token client per app and service URL, not one a turn', async () => {
    const config = parseConfig({
      MicrosoftAppId: 'app-1',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppTenantId: 'tenant-1',
      MicrosoftAppType: 'SingleTenant',
    });
    const adapter = createAdapter(config, pino({ level: 'silent' }));
    const auth = (adapter as unknown as { botFrameworkAuthentication: ConfigurationBotFrameworkAuthentication }).botFrameworkAuthentication;
    const identity = () =>
      new ClaimsIdentity([
        { type: AuthenticationConstants.AudienceClaim, value: 'app-1' },
        { type: AuthenticationConstants.AppIdClaim, value: 'app-1' },
      ]);
    const client = (url: string) => auth.createConnectorFactory(identity()).create(url);
    const first = await client('https://smba.trafficmanager.net/emea/');
    assert.equal(await client('https://smba.trafficmanager.net/emea/'), first, 'the same client for the same service URL');
    assert.notEqual(await client('https://smba.trafficmanager.net/amer/'), first, 'another for another');
    assert.equal(await auth.createUserTokenClient(identity()), await auth.createUserTokenClient(identity()));
  });
});
