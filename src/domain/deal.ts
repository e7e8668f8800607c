import { z } from 'zod';
import { RegistrationDraft, Step } from './registration.js';
import { Status } from './status.js';

export const HistoryEntry = z.object({
  at: z.iso.datetime(),
  /** Entra object id of whoever made the change. */
  by: z.string(),
  byName: z.string().optional(),
  from: Status.nullable(),
  to: Status,
  comment: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const WizardStep = z.union([Step, z.literal('summary')]);
export type WizardStep = z.infer<typeof WizardStep>;

/** The wizard's progress while the seller edits: where they are, and what they typed but has not passed. */
export const WizardState = z.object({
  step: WizardStep,
  /** Raw inputs of steps left with Back, Cancel or a failed Next, so nothing typed is lost. */
  inputs: z.partialRecord(Step, z.record(z.string(), z.string())),
});
export type WizardState = z.infer<typeof WizardState>;

export const Locale = z.enum(['en', 'sv']);
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
});
export type Deal = z.infer<typeof Deal>;
