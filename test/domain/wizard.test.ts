import assert from 'node:assert/strict';
import type { Actor } from '../../src/domain/actor.js';
import { type Deal, draftDeal } from '../../src/domain/deal.js';
import { PARTNER_CENTER_POLICY } from '../../src/domain/policy.js';
import type { Step, StepContext } from '../../src/domain/registration.js';
import {
  goToStep,
  isUntouchedDraft,
  keepDraft,
  nextOpenStep,
  register,
  reviewEveryStep,
  staleCard,
  startUpdate,
  submitStep,
  unchangedFlagged,
} from '../../src/domain/wizard.js';
import { STEP_ORDER, validAnswers } from '../support/answers.js';
import { seededDeal } from '../support/seed.js';

const NOW = new Date('2026-12-07T10:00:00Z');
const SELLER: Actor = { tenantId: 't1', id: 'seller-1', name: 'Anna Svensson', roles: ['seller'] };
const ctx = (deal: Deal): StepContext => ({
  decimalSeparator: '.',
  today: NOW.toISOString().slice(0, 10),
  policy: PARTNER_CENTER_POLICY,
  solutionIds: ['contoso-ai-insights'],
  draft: deal.fields,
  formatLocale: 'en-US',
  phoneRegion: 'SE',
});
const draft = () =>
  draftDeal({ id: 'd1', tenantId: 't1', ownerId: 'seller-1', locale: 'en', createdBy: { id: 'seller-1' }, source: 'seller', now: NOW });

/** The wizard walked with valid answers, step by step, as Next would. */
function filledIn(): Deal {
  let deal = draft();
  for (const step of STEP_ORDER) deal = submitStep(deal, step, validAnswers()[step]!, ctx(deal), NOW).deal;
  return deal;
}

describe('the registration wizard (domain)', () => {
  it('calls a draft untouched while nothing is typed, saved or sent (the profile’s contact aside)', () => {
    const fresh = { ...draft(), wizard: { step: 'customer' as const, inputs: { contact: { firstName: 'Anna' } } } };
    assert.equal(isUntouchedDraft(fresh), true);
    assert.equal(isUntouchedDraft(keepDraft(fresh, 'customer', { companyName: ' ', country: '' }, NOW)), true);
    assert.equal(isUntouchedDraft(keepDraft(fresh, 'customer', { companyName: 'Fabrikam' }, NOW)), false);
    const saved = submitStep(fresh, 'customer', validAnswers().customer!, ctx(fresh), NOW).deal;
    assert.equal(isUntouchedDraft(saved), false);
  });

  it('moves to the next step when a step passes, and counts the change', () => {
    const deal = draft();
    const { deal: next, errors } = submitStep(deal, 'customer', validAnswers().customer!, ctx(deal), NOW);
    assert.deepEqual(errors, {});
    assert.equal(next.wizard.step, 'solution');
    assert.equal(next.fields.customer?.companyName, 'Fabrikam AB');
    assert.equal(next.version, deal.version + 1);
  });

  it('keeps what was typed and stays on the step when it does not pass', () => {
    const deal = draft();
    const typed = { ...validAnswers().customer!, companyName: '' };
    const { deal: next, errors } = submitStep(deal, 'customer', typed, ctx(deal), NOW);
    assert.ok(errors.companyName, 'the field is named');
    assert.equal(next.wizard.step, 'customer');
    assert.deepEqual(next.wizard.inputs.customer, typed);
    assert.equal(next.fields.customer, undefined, 'nothing unvalidated is stored as a field');
  });

  it('refuses an exception reason over its limit, keeping the dates typed', () => {
    const deal = draft();
    const { errors } = submitStep(deal, 'dates', { ...validAnswers().dates!, exceptionReason: 'x'.repeat(1001) }, ctx(deal), NOW);
    assert.equal(errors.exceptionReason?.code, 'text.too_long');
  });

  it('finds the first step not filled in, and the summary once all are', () => {
    assert.equal(nextOpenStep(draft()), 'customer');
    assert.equal(nextOpenStep(filledIn()), 'summary');
  });

  it('goes back and forth: Back keeps the inputs, Edit from the summary returns to it', () => {
    const deal = filledIn();
    const back = goToStep(deal, 'summary', 'value', undefined, NOW);
    assert.equal(back.wizard.step, 'value');
    assert.equal(back.wizard.returnTo, 'summary');
    const again = submitStep(back, 'value', validAnswers().value!, ctx(back), NOW).deal;
    assert.equal(again.wizard.step, 'summary', 'Next after Edit returns to the summary');
    const kept = goToStep(draft(), 'customer', 'customer', { companyName: 'Half typed' }, NOW);
    assert.deepEqual(kept.wizard.inputs.customer, { companyName: 'Half typed' });
  });

  it('keeps a cancelled draft as typed', () => {
    const deal = keepDraft(draft(), 'customer', { companyName: 'Later AB' }, NOW);
    assert.deepEqual(deal.wizard.inputs.customer, { companyName: 'Later AB' });
    assert.equal(deal.status, 'incomplete');
  });

  it('calls a card drawn from another version stale, and a deal in review not editable', () => {
    const deal = draft();
    assert.equal(staleCard(deal, deal.version, SELLER), undefined);
    assert.equal(staleCard(deal, deal.version - 1, SELLER)?.code, 'deal.stale_card');
    assert.equal(staleCard(deal, deal.version, { ...SELLER, id: 'someone-else' })?.code, 'deal.not_found', 'never "stale" to another');
    const inReview = seededDeal({ tenantId: 't1', ownerId: 'seller-1', status: 'in_review', companyName: 'X', minutesAgo: 1 });
    assert.equal(staleCard(inReview, inReview.version, SELLER)?.code, 'deal.not_editable');
  });

  it('registers a complete draft: In review, routed, with the desk’s card owed', () => {
    const outcome = register(filledIn(), { ...ctx(filledIn()), routing: [] }, SELLER, NOW);
    assert.ok(outcome.ok);
    assert.equal(outcome.deal.status, 'in_review');
    assert.equal(outcome.deal.registeredAt, NOW.toISOString());
    assert.deepEqual(
      outcome.deal.review,
      { conversation: undefined, approvalsRequired: 1, approvals: [] },
      'no rule: the default conversation',
    );
    assert.ok(
      outcome.deal.outbox.some((e) => e.audience === 'desk'),
      'the review card is owed in the same change',
    );
    assert.equal(outcome.deal.history.at(-1)?.to, 'in_review');
  });

  it('sends a registration with a step missing to that step', () => {
    const deal = { ...filledIn(), fields: { ...filledIn().fields, contact: undefined } };
    const outcome = register(deal, { ...ctx(deal), routing: [] }, SELLER, NOW);
    assert.ok(!outcome.ok && 'step' in outcome);
    assert.equal(outcome.step, 'contact');
  });

  it('refuses Register by anyone but the owner', () => {
    const outcome = register(filledIn(), { ...ctx(filledIn()), routing: [] }, { ...SELLER, id: 'someone-else' }, NOW);
    assert.ok(!outcome.ok && 'refusal' in outcome);
  });

  describe('an update of a deal sent back', () => {
    const sentBack = (): Deal => ({
      ...seededDeal({ tenantId: 't1', ownerId: 'seller-1', status: 'update_required', companyName: 'Fabrikam AB', minutesAgo: 5 }),
      flagged: ['totalValue', 'email'],
    });

    it('walks the flagged steps only, from the first', () => {
      const started = startUpdate(sentBack(), SELLER, NOW);
      assert.ok(started.ok);
      assert.deepEqual(started.value.wizard.update?.steps, ['value', 'contact'] satisfies Step[]);
      assert.equal(started.value.wizard.step, 'value');
      const all = reviewEveryStep(started.value, 'value', {}, NOW);
      assert.deepEqual(all.wizard.update?.steps, [...STEP_ORDER]);
    });

    it('names the flagged fields left unchanged, and asks once before registering them as they are', () => {
      const started = startUpdate(sentBack(), SELLER, NOW);
      assert.ok(started.ok);
      assert.deepEqual(unchangedFlagged(started.value), ['totalValue', 'email']);
      const first = register(started.value, { ...ctx(started.value), routing: [] }, SELLER, NOW);
      assert.ok(!first.ok && 'unchanged' in first);
      assert.deepEqual(first.unchanged, ['totalValue', 'email']);
      const second = register(first.deal, { ...ctx(first.deal), routing: [] }, SELLER, NOW);
      assert.ok(second.ok, 'Register again means "as it is"');
    });

    it('cannot be started on a deal in review', () => {
      const inReview = seededDeal({ tenantId: 't1', ownerId: 'seller-1', status: 'in_review', companyName: 'X', minutesAgo: 1 });
      assert.equal(startUpdate(inReview, SELLER, NOW).ok, false);
    });
  });
});
