import assert from 'node:assert/strict';
import { IncomingActivity } from '../../bot/activity.js';
import { localeOf, todayOf } from '../../bot/seller-of.js';

const activity = (extra: Record<string, unknown>) =>
  IncomingActivity.parse({ type: 'message', from: { id: 'u' }, conversation: { id: 'c' }, ...extra });

describe('the user’s language and date, from the activity', () => {
  const cases: [Record<string, unknown>, string, string][] = [
    [{ locale: 'sv-SE' }, 'sv', 'sv-SE'],
    [{ locale: 'sv' }, 'sv', 'sv-SE'],
    [{ locale: 'en-GB' }, 'en', 'en-GB'],
    [{ locale: 'de-DE' }, 'en', 'en-US'],
    [{ entities: [{ type: 'clientInfo', locale: 'sv-FI' }] }, 'sv', 'sv-FI'],
    [{ locale: 'en-US', entities: [{ type: 'clientInfo', locale: 'sv-SE' }] }, 'en', 'en-US'],
    [{}, 'en', 'en-US'],
    [{ locale: 'not a locale!' }, 'en', 'en-US'],
  ];
  for (const [extra, locale, formatLocale] of cases) {
    it(`${JSON.stringify(extra)} speaks ${locale}, formats as ${formatLocale}`, () => {
      assert.deepEqual(localeOf(activity(extra)), { locale, formatLocale });
    });
  }

  it('takes the client’s calendar date within a day of UTC, else UTC’s', () => {
    const now = new Date('2026-11-24T23:30:00Z');
    assert.equal(todayOf(activity({ localTimestamp: '2026-11-25T01:30:00+02:00' }), now), '2026-11-25');
    assert.equal(todayOf(activity({ localTimestamp: '2026-11-24T13:30:00-10:00' }), now), '2026-11-24');
    assert.equal(todayOf(activity({ localTimestamp: '2027-01-01T00:00:00+00:00' }), now), '2026-11-24');
    assert.equal(todayOf(activity({}), now), '2026-11-24');
  });
});
