import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../src/config.js';

describe('configuration', () => {
  it('needs nothing to start locally', () => {
    const config = parseConfig({});
    assert.equal(config.port, 3978);
    assert.equal(config.storeUrl, 'sqlite://./data/dealbot.sqlite');
    assert.equal(config.policy.signedWithinDays, 60);
    assert.deepEqual(config.policy.minAnnualValue, { USD: '25000' });
    assert.equal(config.botFramework.MicrosoftAppId, '');
    assert.deepEqual(config.reminders, { afterMs: 3 * 86_400_000, everyMs: 7 * 86_400_000, windowWarningMs: 7 * 86_400_000 });
  });

  it('reads reminder periods as ISO 8601 durations', () => {
    const config = parseConfig({ REMINDER_AFTER: 'PT36H', REMINDER_EVERY: 'P1D', WINDOW_WARNING_BEFORE: 'PT30M' });
    assert.deepEqual(config.reminders, { afterMs: 36 * 3_600_000, everyMs: 86_400_000, windowWarningMs: 30 * 60_000 });
  });

  it('reads every setting', () => {
    const config = parseConfig({
      PORT: '8080',
      STORE_URL: 'sqlite:///var/lib/dealbot/deals.sqlite',
      LOG_LEVEL: 'warn',
      SIGNED_WITHIN_DAYS: '30',
      MIN_ANNUAL_VALUE: 'USD 25000, EUR 23000.50',
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'tenant',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.policy.signedWithinDays, 30);
    assert.deepEqual(config.policy.minAnnualValue, { USD: '25000', EUR: '23000.50' });
    assert.equal(config.botFramework.MicrosoftAppTenantId, 'tenant');
  });

  const bad: [Record<string, string>, RegExp][] = [
    [{ PORT: 'eighty' }, /^ {2}PORT: must be a port number$/m],
    [{ PORT: '70000' }, /PORT:/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL:/],
    [{ STORE_URL: 'mysql://x' }, /STORE_URL: must be sqlite:/],
    [{ SIGNED_WITHIN_DAYS: '-1' }, /SIGNED_WITHIN_DAYS: must be above 0/],
    [{ MIN_ANNUAL_VALUE: '25000 dollars' }, /MIN_ANNUAL_VALUE: "25000 dollars" is not "CUR amount"/],
    [{ REMINDER_EVERY: '7 days' }, /REMINDER_EVERY: "7 days" is not a positive ISO 8601 duration/],
    [{ WINDOW_WARNING_BEFORE: 'P0D' }, /WINDOW_WARNING_BEFORE: "P0D" is not a positive/],
    [{ MicrosoftAppType: 'Anything' }, /MicrosoftAppType:/],
    [{ MicrosoftAppId: 'app', MicrosoftAppTenantId: 't' }, /MicrosoftAppPassword: is required when MicrosoftAppId is set/],
    [{ MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' }, /MicrosoftAppTenantId: is required/],
    [
      { MicrosoftAppId: 'a', MicrosoftAppPassword: 'p' },
      /^ {2}MicrosoftAppTenantId: is required when MicrosoftAppType is SingleTenant: the id of the Entra tenant/m,
    ],
    [
      { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' },
      /^ {2}MicrosoftAppId: is required when MicrosoftAppType is UserAssignedMSI: the managed identity's client id$/m,
    ],
    [
      { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: 'client-id' },
      /^ {2}MicrosoftAppTenantId: is required when MicrosoftAppType is UserAssignedMSI/m,
    ],
    [
      { MicrosoftAppType: 'MultiTenant', MicrosoftAppId: 'a' },
      /MicrosoftAppPassword: is required when MicrosoftAppId is set and MicrosoftAppType is MultiTenant/,
    ],
  ];
  for (const [env, message] of bad) {
    it(`refuses ${JSON.stringify(env)} naming the variable`, () => {
      assert.throws(
        () => parseConfig(env),
        (e: Error) => e instanceof ConfigError && message.test(e.message),
      );
    });
  }

  describe('the bot identity Azure accepts', () => {
    it('is SingleTenant unless told otherwise, with its tenant', () => {
      const config = parseConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant' });
      assert.equal(config.botFramework.MicrosoftAppType, 'SingleTenant');
      assert.equal(config.botFramework.MicrosoftAppTenantId, 'tenant');
    });

    it('takes a user-assigned managed identity: its client id and tenant, no password', () => {
      const config = parseConfig({
        MicrosoftAppType: 'userassignedmsi',
        MicrosoftAppId: 'identity-client-id',
        MicrosoftAppTenantId: 'tenant',
      });
      assert.equal(config.botFramework.MicrosoftAppType, 'UserAssignedMSI');
      assert.equal(config.botFramework.MicrosoftAppPassword, '');
    });

    it('serves its own tenant alone when SingleTenant or UserAssignedMSI, unless ALLOWED_TENANTS says otherwise', () => {
      const single = parseConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant' });
      assert.deepEqual([...single.allowedTenants!], ['tenant']);
      const msi = parseConfig({ MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: 'id', MicrosoftAppTenantId: 'tenant' });
      assert.deepEqual([...msi.allowedTenants!], ['tenant']);
      const listed = parseConfig({
        MicrosoftAppId: 'app',
        MicrosoftAppPassword: 's',
        MicrosoftAppTenantId: 'tenant',
        ALLOWED_TENANTS: 'a, b',
      });
      assert.deepEqual([...listed.allowedTenants!], ['a', 'b']);
      const any = parseConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 's', MicrosoftAppTenantId: 'tenant', ALLOWED_TENANTS: '*' });
      assert.equal(any.allowedTenants, undefined);
      assert.equal(
        parseConfig({ MicrosoftAppType: 'MultiTenant', MicrosoftAppId: 'a', MicrosoftAppPassword: 'p' }).allowedTenants,
        undefined,
      );
      assert.equal(parseConfig({}).allowedTenants, undefined, 'local development: the playground’s tenant too');
    });

    it('still takes MultiTenant, for a bot Azure created before August 2025', () => {
      assert.equal(
        parseConfig({ MicrosoftAppType: 'MultiTenant', MicrosoftAppId: 'a', MicrosoftAppPassword: 'p' }).botFramework.MicrosoftAppType,
        'MultiTenant',
      );
    });

    it('says what each refusal needs in one line per variable', () => {
      assert.throws(
        () => parseConfig({ MicrosoftAppType: 'UserAssignedMSI' }),
        (e: Error) => e.message.split('\n').length === 2 && /MicrosoftAppId: is required/.test(e.message),
      );
    });
  });

  it('treats an empty variable as unset', () => {
    assert.equal(parseConfig({ PORT: '' }).port, 3978);
  });
});
