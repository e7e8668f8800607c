import { z } from 'zod';
import { CountryCode } from '../src/domain/countries.js';
import { WizardStep } from '../src/domain/deal.js';
import { FLAGGABLE_FIELDS, STEP_FIELDS, Step, type StepInputs } from '../src/domain/registration.js';
import { PageName, Status } from '../src/domain/status.js';

/** The identity a wizard card carries: which deal, at which version and step it was drawn. */
const CardRefData = {
  dealId: z.string().min(1).max(100),
  version: z.coerce.number().int().nonnegative(),
};

const MAX_INPUT = 20_000;

/** Inputs a step card may carry besides its fields: the dates step's reason for an exception. */
const EXTRA_INPUTS: Partial<Record<Step, readonly string[]>> = { dates: ['exceptionReason'] };

/** The step's own inputs out of the action data; anything else the client merged in is ignored. */
function pickInputs(data: Record<string, unknown>, step: Step, ctx: z.RefinementCtx): StepInputs {
  const inputs: StepInputs = {};
  for (const field of [...STEP_FIELDS[step], ...(EXTRA_INPUTS[step] ?? [])]) {
    const value = data[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || value.length > MAX_INPUT) {
      ctx.addIssue({ code: 'custom', path: [field], message: 'input is not text' });
      continue;
    }
    inputs[field] = value;
  }
  return inputs;
}

/** Next and Cancel on a step card: the card and the step's inputs. */
export const StepActionData = z.looseObject({ ...CardRefData, step: Step }).transform((d, ctx) => ({
  card: { dealId: d.dealId, version: d.version, step: d.step },
  inputs: pickInputs(d, d.step, ctx),
}));

/** Back: from a step (with its inputs, kept unvalidated) or from the summary (no inputs). */
export const BackActionData = z.looseObject({ ...CardRefData, step: WizardStep }).transform((d, ctx) => ({
  card: { dealId: d.dealId, version: d.version, step: d.step },
  inputs: d.step === 'summary' ? undefined : pickInputs(d, d.step, ctx),
}));

export const EditActionData = z
  .object({ ...CardRefData, step: z.literal('summary'), to: Step })
  .transform((d) => ({ card: { dealId: d.dealId, version: d.version, step: d.step }, to: d.to }));

export const RegisterActionData = z
  .object({ ...CardRefData, step: z.literal('summary') })
  .transform((d) => ({ card: { dealId: d.dealId, version: d.version, step: d.step } }));

const Cursor = z.object({ at: z.iso.datetime(), id: z.string().min(1).max(100) });

/** A page of the seller's deals; the card sends its edges back as cursors for Previous / Next. */
export const PageActionData = z.object({
  page: PageName,
  filter: z
    .union([Status, z.literal('')])
    .optional()
    .transform((f) => f || undefined),
  older: Cursor.optional(),
  newer: Cursor.optional(),
  asOf: z.union([z.iso.datetime(), z.literal('')]).optional(),
});

export const DealIdData = z.object({ dealId: z.string().min(1).max(100) });
export const DiscardActionData = DealIdData.extend({ version: z.coerce.number().int().nonnegative() });

/** A reply to the deal desk; its length is the use case's to judge, with a message that names the limit. */
export const ReplyActionData = DealIdData.extend({ reply: z.string().max(MAX_INPUT).optional().default('') });

export const ContinueActionData = z.object({ dealId: z.string().min(1).max(100).optional() });

export const NoData = z.object({});

/** A page of the review queue: where it starts and the filters (a choice left empty: any). */
export const QueueActionData = z.object({
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  country: z
    .union([CountryCode, z.literal('')])
    .optional()
    .transform((c) => c || undefined),
  solution: z
    .string()
    .max(100)
    .optional()
    .transform((s) => s || undefined),
});

/** A decision from the review card: the deal and version it shows, the comment, the flagged fields. */
export const ReviewActionData = z.object({
  dealId: z.string().min(1).max(100),
  /** Opened from the review queue: the answer keeps its way back. */
  fromQueue: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .optional()
    .transform((v) => v === true || v === 'true'),
  version: z.coerce.number().int().nonnegative(),
  comment: z.string().max(2000).optional(),
  /** A multi-select ChoiceSet sends "a,b,c"; unknown names are dropped. */
  fields: z
    .string()
    .max(2000)
    .optional()
    .transform((f) =>
      (f ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => (FLAGGABLE_FIELDS as readonly string[]).includes(s)),
    ),
});

/** The pipeline card: the seller's own deals, or the tenant's (for the deal desk). */
export const PipelineData = z.object({ scope: z.enum(['mine', 'desk']).default('mine') });

/** The most a compose-box search may hold: a customer's name is at most 200 characters, people type less. */
export const MAX_SEARCH = 100;
/**
 * How deep the compose box's results go: ten pages of 25. Teams pages as the user scrolls, and nobody
 * scrolls further; a deeper page would make the search keep thousands of deals in memory to skip them.
 */
export const MAX_SEARCH_DEPTH = 250;

/** One command parameter as Teams (or Copilot, on the user's behalf) sends it. */
const QueryParameter = z.object({ name: z.string().max(64), value: z.unknown() });

/**
 * A compose-box search (composeExtension/query): the command, what was typed (the `query` parameter;
 * Teams' first run names `initialRun` instead, and asks for the newest), the status Copilot may name apart,
 * and the page Teams asks for.
 */
export const ComposeQuery = z
  .object({
    commandId: z.string().max(64),
    parameters: z.array(QueryParameter).max(10).default([]),
    queryOptions: z
      .object({
        skip: z.coerce.number().int().min(0).max(10_000).default(0),
        count: z.coerce.number().int().min(1).max(100).default(25),
      })
      .default({ skip: 0, count: 25 }),
  })
  .transform(({ commandId, parameters, queryOptions }) => {
    const asText = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
    const named = (name: string) => asText(parameters.find((p) => p.name === name)?.value);
    // The manifest names the text `query`; a client that names it otherwise still searches by what was typed.
    const typed = parameters.find((p) => p.name === 'query') ?? parameters.find((p) => p.name !== 'initialRun' && p.name !== 'status');
    return { commandId, query: asText(typed?.value), status: named('status'), skip: queryOptions.skip, count: queryOptions.count };
  });
export type ComposeQuery = z.output<typeof ComposeQuery>;

/** A pasted link Teams asks the bot to unfurl (composeExtension/queryLink). */
export const QueryLink = z.object({ url: z.string().max(2048) });

/**
 * The message action "Register as a deal" (a message's ... menu): the message it was chosen on, and what
 * the seller added in its dialog. The message's body may be HTML; only its text is read.
 */
export const MessageAction = z
  .object({
    commandId: z.string().max(64),
    messagePayload: z.looseObject({
      body: z.looseObject({ content: z.string().max(100_000).default('') }).optional(),
    }),
    data: z.looseObject({ note: z.string().max(2000).optional() }).default({}),
  })
  .transform(({ commandId, messagePayload, data }) => ({
    commandId,
    text: [htmlToText(messagePayload.body?.content ?? ''), data.note ?? ''].filter(Boolean).join('\n'),
  }));
export type MessageAction = z.infer<typeof MessageAction>;

/** Teams' message HTML as lines of text: a paragraph or a line break a new line, entities undone. */
function htmlToText(html: string): string {
  return html
    .replace(/<\s*(br|\/p|\/div|\/li|\/tr)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
