import assert from 'node:assert/strict';
import { Metrics } from '../src/metrics.js';

describe('metrics', () => {
  it('report how long the longest-waiting notice has waited, the outbox depth and the desk backlog', async () => {
    const now = new Date('2026-12-07T10:00:00Z');
    const metrics = new Metrics({
      outbox: async () => ({ depth: 3, oldestAt: new Date(now.getTime() - 90_000) }),
      deskBacklog: async () => 7,
      now: () => now,
    });
    const text = await metrics.registry.metrics();
    assert.match(text, /^dealbot_outbox_depth 3$/m);
    assert.match(text, /^dealbot_outbox_oldest_pending_seconds 90$/m);
    assert.match(text, /^dealbot_desk_backlog 7$/m);
    metrics.close();
  });

  it('say 0 for the oldest notice when nothing waits', async () => {
    const metrics = new Metrics({ outbox: async () => ({ depth: 0 }), deskBacklog: async () => 0, now: () => new Date() });
    assert.match(await metrics.registry.metrics(), /^dealbot_outbox_oldest_pending_seconds 0$/m);
    metrics.close();
  });
});
