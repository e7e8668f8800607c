import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import type { Actor } from '../../src/domain/actor.js';
import { type Deal, draftDeal } from '../../src/domain/deal.js';
import { allowedSteps, TRANSITIONS, type TransitionName, transition } from '../../src/domain/transition.js';

const at = new Date('2026-05-04T10:00:00Z');
const owner: Actor = { tenantId: 't', roles: ['seller'], id: 'owner', name: 'Olle' };
const reviewer: Actor = { tenantId: 't', roles: ['seller', 'reviewer'], id: 'desk', name: 'Dana' };
const deal = (status: Deal['status']): Deal => ({
  ...draftDeal({ id: 'd', tenantId: 't', ownerId: 'owner', locale: 'sv', createdBy: owner, source: 'seller', now: at }),
  status,
});

describe('the transition table', () => {
  it('moves the status, bumps the version and writes the history entry', () => {
    const moved = transition(deal('in_review'), 'decline', reviewer, at, 'Not a fit');
    assert.ok(moved.ok);
    assert.equal(moved.value.status, 'declined');
    assert.equal(moved.value.version, 2);
    assert.deepEqual(moved.value.history.at(-1), {
      at: at.toISOString(),
      by: 'desk',
      byName: 'Dana',
      from: 'in_review',
      to: 'declined',
      comment: 'Not a fit',
      kind: undefined,
    });
  });

  it('refuses a step the table does not have from the status, naming the status', () => {
    assert.deepEqual(transition(deal('approved'), 'withdraw', owner, at), {
      ok: false,
      refusal: { code: 'deal.transition_not_allowed', status: 'approved' },
    });
  });

  it('lets a seller act only on their own deal, and a reviewer never on theirs', () => {
    assert.deepEqual(transition(deal('incomplete'), 'register', { ...owner, id: 'someone' }, at), {
      ok: false,
      refusal: { code: 'deal.not_found' },
    });
    assert.deepEqual(transition(deal('in_review'), 'approve', owner, at), { ok: false, refusal: { code: 'deal.not_reviewer' } });
    assert.deepEqual(transition(deal('in_review'), 'approve', { ...reviewer, id: 'owner' }, at), {
      ok: false,
      refusal: { code: 'deal.own_deal' },
    });
    assert.deepEqual(transition(deal('in_review'), 'withdraw', { ...reviewer, roles: ['reviewer'], id: 'owner' }, at), {
      ok: false,
      refusal: { code: 'deal.not_found' },
    });
  });

  it('refuses a reviewer’s step to a seller, and any step in another tenant, as the domain’s own decision', () => {
    for (const step of ['approve', 'decline', 'requestUpdate', 'firstApproval'] as const) {
      assert.deepEqual(transition(deal('in_review'), step, { ...owner, id: 'another-seller' }, at), {
        ok: false,
        refusal: { code: 'deal.not_reviewer' },
      });
    }
    assert.deepEqual(transition(deal('in_review'), 'approve', { ...reviewer, tenantId: 'other' }, at), {
      ok: false,
      refusal: { code: 'deal.not_found' },
    });
    assert.deepEqual(transition(deal('incomplete'), 'register', { ...owner, roles: ['integration'] }, at), {
      ok: false,
      refusal: { code: 'deal.not_found' },
    });
    assert.deepEqual(transition(deal('approved'), 'recordErasure', reviewer, at), { ok: false, refusal: { code: 'deal.not_found' } });
  });

  it('offers each actor exactly the steps it may take, as the buttons of their cards', () => {
    const steps = (status: Deal['status'], actor: Actor) => [...allowedSteps(deal(status), actor)].sort();
    assert.deepEqual(steps('incomplete', owner), ['discard', 'edit', 'register'] satisfies TransitionName[]);
    assert.deepEqual(steps('update_required', owner), ['edit', 'register', 'replyToUpdate', 'startUpdate'] satisfies TransitionName[]);
    assert.deepEqual(steps('in_review', owner), ['replyInReview', 'withdraw'] satisfies TransitionName[]);
    assert.deepEqual(steps('in_review', reviewer), ['approve', 'decline', 'firstApproval', 'requestUpdate'] satisfies TransitionName[]);
    assert.deepEqual(steps('approved', owner), []);
    assert.deepEqual(
      steps('in_review', { ...reviewer, id: 'owner' }),
      ['replyInReview', 'withdraw'],
      'a reviewer on their own deal is its seller',
    );
  });

  it('records the steps that keep the status by their kind; opening an update records nothing', () => {
    const first = transition(deal('in_review'), 'firstApproval', reviewer, at);
    assert.ok(first.ok);
    assert.equal(first.value.status, 'in_review');
    assert.equal(first.value.history.at(-1)?.kind, 'approval');
    const opened = transition(deal('update_required'), 'startUpdate', owner, at);
    assert.ok(opened.ok);
    assert.equal(opened.value.history.length, 1);
    assert.equal(opened.value.updatedAt, deal('update_required').updatedAt);
  });

  it('is the only code that gives a deal a new status', () => {
    // A new deal starts Incomplete (draftDeal); every later status is one of the table's `to`.
    const files = ['src', 'bot'].flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => `${dir}/${f}`));
    const setters = files.filter(
      (file) =>
        file.endsWith('.ts') &&
        /(?<!\{ )\bstatus:\s*(?:'(?:in_review|update_required|approved|declined)'|to\b|step\.to\b)/.test(readFileSync(file, 'utf8')),
    );
    assert.deepEqual(setters, ['src/domain/transition.ts']);
    assert.ok(Object.keys(TRANSITIONS).length >= 8);
  });
});
