import { z } from 'zod';
import { CalendarDate } from './dates.js';
import { DealFile } from './deal-file.js';
import { RegistrationDraft, Step } from './registration.js';
import { Status } from './status.js';

/**
 * What a history entry records that is not a change of status: the seller withdrew the deal from review or
 * replied to the desk; a reviewer gave the first of two approvals (the deal stays In review); a person's
 * data in the deal was erased on their request.
 */
export const HistoryKind = z.enum(['withdrawn', 'reply', 'approval', 'erased']);

/** Created by the seller in the wizard, or from a referral an integration reported Won. */
export const DealSource = z.enum(['seller', 'referral']);

export const HistoryEntry = z.object({
  at: z.iso.datetime(),
  /** Entra object id of whoever made the change. */
  by: z.string(),
  byName: z.string().optional(),
  from: Status.nullable(),
  to: Status,
  comment: z.string().optional(),
  kind: HistoryKind.optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const WizardStep = z.union([Step, z.literal('summary')]);
export type WizardStep = z.infer<typeof WizardStep>;

/** The wizard's progress while the seller edits: where they are, and what they typed but has not passed. */
export const WizardState = z.object({
  step: WizardStep,
  /** Raw inputs of steps left with Back, Cancel or a failed Next, so nothing typed is lost. */
  inputs: z.partialRecord(Step, z.record(z.string(), z.string())),
  /** The furthest the seller has gone: after Back, Next walks forward through the steps already done. */
  furthest: WizardStep.optional(),
  /** Edit from the summary: Next goes back to it. */
  returnTo: z.literal('summary').optional(),
  /** Inputs filled from a file or a text the seller sent, by field: where each was read, to check. */
  readFrom: z.record(z.string(), z.string().max(255)).optional(),
  /**
   * Updating a deal the desk sent back: the steps to walk through (the flagged ones, or all when the
   * seller asks), the fields as they were when it came back, and whether the seller already said to
   * register with flagged fields unchanged.
   */
  update: z
    .object({
      steps: z.array(Step),
      before: RegistrationDraft,
      unchangedConfirmed: z.boolean().default(false),
    })
    .optional(),
  /**
   * The last button the seller clicked on a wizard card, and what it produced: the same click again on
   * the same card (a double click, a client retry) is answered with the same card, not "out of date".
   */
  lastAction: z
    .object({
      verb: z.string(),
      fromVersion: z.number().int(),
      step: WizardStep,
      errors: z.record(
        z.string(),
        z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
      ),
      unchanged: z.array(z.string()).optional(),
    })
    .optional(),
});
export type WizardState = z.infer<typeof WizardState>;

/**
 * A message the deal owes, written in the same store write as the change that caused it, so a crash can
 * never keep the change and lose the message. Delivery fills in the rest. The owner's notifications go to
 * their chat; the desk's entries keep the deal's review card in its review conversation showing the deal.
 */
export const OutboxEntry = z.object({
  id: z.string(),
  /** Whose conversation it goes to: the deal's owner, or the deal desk's review conversation. */
  audience: z.enum(['owner', 'desk']).default('owner'),
  /**
   * To the owner: a change they did not make; a won referral to register; a nudge; a registration window
   * closing. To the desk: the review card should show the deal as it is now (posted, or updated in place).
   */
  kind: z.enum(['status_changed', 'referral_created', 'reminder', 'window_closing', 'review_card', 'review_digest']),
  at: z.iso.datetime(),
  from: Status.nullable(),
  to: Status,
  comment: z.string().optional(),
  /** For a window warning: the last day the deal can be registered. */
  closesOn: CalendarDate.optional(),
  deliveredAt: z.iso.datetime().optional(),
  /** Sends started: recorded before each send, so a crash mid-send is visible and resent at most once. */
  attempts: z.number().int().default(0),
  /** The instance delivering it, until when; another instance may take it over once the lease ends. */
  claim: z.object({ by: z.string(), until: z.iso.datetime() }).optional(),
  /** After a failed send: not before this. */
  notBefore: z.iso.datetime().optional(),
  /** The owner cannot be reached in Teams (never installed, or removed the app): kept for their return. */
  waitingForOwner: z.boolean().default(false),
  /** No review conversation can take the card (none claimed, or the bot was removed): kept for a new claim. */
  waitingForChannel: z.boolean().optional(),
  /** Kept while the owner was unreachable: on their return, several of these go out as one digest. */
  missed: z.boolean().default(false),
  /** A reminder the deal outgrew before it went out (the seller acted): settled without a message. */
  withdrawn: z.boolean().optional(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

/** The languages Dealbot speaks: English, Swedish, Norwegian (Bokmål), Danish and Finnish. */
export const LOCALES = ['en', 'sv', 'nb', 'da', 'fi'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

export const Deal = z.object({
  id: z.string(),
  tenantId: z.string(),
  ownerId: z.string(),
  ownerName: z.string().optional(),
  /** The owner's language when they last worked on the deal: notifications speak it. */
  locale: Locale,
  status: Status,
  /** Bumped on every change; cards and API callers send it back to prove what they saw. */
  version: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  fields: RegistrationDraft,
  wizard: WizardState,
  history: z.array(HistoryEntry),
  /** Fields the deal desk asked the seller to fix when it sent the deal back. */
  flagged: z.array(z.string()).default([]),
  /** The seller asked the deal desk to register it outside the registration window, and why. */
  exception: z.object({ reason: z.string(), at: z.iso.datetime() }).optional(),
  /** When the deal was first registered (entered In review): the duplicate rule's 12 months count from it. */
  registeredAt: z.iso.datetime().optional(),
  source: DealSource.default('seller'),
  outbox: z.array(OutboxEntry).default([]),
  /**
   * The review the deal is in, decided when it entered: the conversation its card goes to (by the
   * tenant's routing rules; none: the default one), how many approvals it needs, and those given so far.
   */
  review: z
    .object({
      conversation: z.string().optional(),
      approvalsRequired: z.union([z.literal(1), z.literal(2)]).default(1),
      approvals: z.array(z.object({ by: z.string(), byName: z.string().optional(), at: z.iso.datetime() })).default([]),
      /** The routing rule lets an API key bound to no person give the second of two approvals. */
      secondApprovalByKey: z.boolean().optional(),
    })
    .optional(),
  /** Where the review card was posted, so later changes update that card rather than post another. */
  reviewPost: z.object({ conversationId: z.string(), activityId: z.string() }).optional(),
  /** Files the seller sent for the deal (a signed contract, a purchase order): their bytes are in the file store. */
  files: z.array(DealFile).default([]),
  /** The reminder periods already served, so each is sent once however many instances scan. */
  reminded: z.object({ idle: z.string().optional(), windowClosing: CalendarDate.optional() }).default({}),
});
export type Deal = z.infer<typeof Deal>;

export interface NewDraft {
  id: string;
  tenantId: string;
  ownerId: string;
  ownerName?: string;
  locale: Locale;
  /** Who created it: the owner in the wizard, or an integration reporting a referral. */
  createdBy: { id: string; name?: string };
  source: Deal['source'];
  now: Date;
  fields?: Deal['fields'];
  wizard?: WizardState;
}

/** A new Incomplete deal, with its first history entry. */
export function draftDeal(d: NewDraft): Deal {
  const at = d.now.toISOString();
  return {
    id: d.id,
    tenantId: d.tenantId,
    ownerId: d.ownerId,
    ownerName: d.ownerName,
    locale: d.locale,
    status: 'incomplete',
    version: 1,
    createdAt: at,
    updatedAt: at,
    fields: d.fields ?? {},
    wizard: d.wizard ?? { step: 'customer', inputs: {} },
    history: [{ at, by: d.createdBy.id, byName: d.createdBy.name, from: null, to: 'incomplete' }],
    flagged: [],
    source: d.source,
    outbox: [],
    reminded: {},
    files: [],
  };
}
