import assert from 'node:assert/strict';
import { get } from 'node:http';
import { connect, type Socket } from 'node:net';
import { clientGroupOf } from '../../src/http/client-address.js';
import { API_KEYS_ENV, KEYS } from '../support/api-client.js';
import { BotUnderTest } from '../support/bot-under-test.js';
import { eventually } from '../support/eventually.js';

/** A GET on a connection of its own, from `localAddress`: its status. */
function probe(url: string, localAddress = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false, localAddress }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    }).on('error', reject);
  });
}

describe('no one client starves the rest', () => {
  describe('connections', () => {
    let bot: BotUnderTest;
    before(async () => {
      bot = await new BotUnderTest({ HTTP_MAX_CONNECTIONS: '60', HTTP_HEADERS_TIMEOUT: 'PT20S' }).start();
    });
    after(async () => bot.stop());

    it('one address trickling 70 connections holds its share; health probes from elsewhere all get through', async () => {
      const port = Number(new URL(bot.url).port);
      const trickling: Socket[] = [];
      const answers: string[] = [];
      for (let i = 0; i < 70; i++) {
        const socket = connect({ port, host: '127.0.0.1', localAddress: '127.0.0.2' });
        socket.on('error', () => {});
        socket.on('data', (d) => answers.push(String(d)));
        socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'); // and never the blank line
        trickling.push(socket);
      }
      try {
        // Past its share (an eighth of 60, at least 10) the address is told why, at once.
        await eventually(
          async () => answers.filter((a) => a.includes('Too many connections from your address')).length >= 60,
          30_000,
          'refused past the share',
        );
        const probes = [];
        for (let i = 0; i < 40; i++) probes.push(await probe(`${bot.url}/readyz`));
        assert.deepEqual(
          probes.filter((s) => s !== 200),
          [],
          'every probe from another address answered',
        );
        assert.equal(await probe(`${bot.url}/healthz`, '127.0.0.2'), 503, 'the trickling address itself is at its share');
      } finally {
        for (const socket of trickling) socket.destroy();
      }
      await eventually(async () => (await probe(`${bot.url}/healthz`, '127.0.0.2')) === 200, 30_000, 'its share is back once it lets go');
    });
  });

  describe('failed API keys', () => {
    let bot: BotUnderTest;
    before(async () => {
      bot = await new BotUnderTest({ API_KEYS: API_KEYS_ENV, TRUST_PROXY: 'loopback' }).start();
    });
    after(async () => bot.stop());

    const badKeyFrom = async (address: string) =>
      (await fetch(`${bot.url}/api/v1/deals`, { headers: { authorization: 'Bearer wrong', 'x-forwarded-for': address } })).status;

    it('lock out an IPv6 /64 as one client: 5,000 addresses of it are not 5,000 chances', async () => {
      const statuses: number[] = [];
      for (let i = 1; i <= 12; i++) statuses.push(await badKeyFrom(`2001:db8:aa:bb::${i.toString(16)}`));
      assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
      assert.deepEqual(statuses.slice(10), [429, 429], 'the eleventh address of the /64 is locked out');
      assert.equal(await badKeyFrom('2001:db8:aa:cc::1'), 401, 'another /64 is another client');
      const good = await fetch(`${bot.url}/api/v1/deals`, {
        headers: { authorization: `Bearer ${KEYS.reviewer}`, 'x-forwarded-for': '2001:db8:aa:bb::99' },
      });
      assert.equal(good.status, 200, 'a valid key is never locked out');
    });

    it('groups addresses as one client: an IPv6 /64, an IPv4 address, an IPv4-mapped address as its IPv4', () => {
      assert.equal(clientGroupOf('2001:db8:aa:bb:1:2:3:4'), clientGroupOf('2001:db8:aa:bb::ffff'));
      assert.notEqual(clientGroupOf('2001:db8:aa:bb::1'), clientGroupOf('2001:db8:aa:bc::1'));
      assert.equal(clientGroupOf('::ffff:192.0.2.7'), '192.0.2.7');
      assert.notEqual(clientGroupOf('192.0.2.7'), clientGroupOf('192.0.2.8'));
    });
  });
});
