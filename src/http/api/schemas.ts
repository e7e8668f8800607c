import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { Deal, HistoryEntry, Locale } from '../../domain/deal.js';
import { DealFile } from '../../domain/deal-file.js';
import { RoutingRule, RoutingRules } from '../../domain/desk.js';
import { BillingModel, ContractType, FLAGGABLE_FIELDS, FlaggableField, RegistrationDraft } from '../../domain/registration.js';
import { Status } from '../../domain/status.js';

extendZodWithOpenApi(z);
// zod copies methods onto a schema when it is made: the domain's schemas, made before the line above, are
// wrapped (z.enum of their options, .optional(), z.array) into new ones that can carry OpenAPI descriptions.

export const StatusParam = z.enum(Status.options).openapi({ description: 'A deal status', example: 'in_review' });

export const QueueQuery = z.strictObject({
  status: StatusParam.default('in_review'),
  cursor: z.string().max(400).optional().openapi({ description: 'From the previous page\'s "next"' }),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const DealIdParams = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ description: "The deal's id, or the reference its cards show (D-8B288A92)", example: 'D-8B288A92' }),
});

export const DecisionBody = z
  .strictObject({
    comment: z.string().trim().max(2000).optional().openapi({ description: 'Required to decline or request an update' }),
    fields: z
      .array(FlaggableField)
      .max(FLAGGABLE_FIELDS.length)
      .optional()
      .openapi({ description: 'Request update only: the fields the seller should fix' }),
  })
  .openapi('DecisionBody');

const Money = z.string().regex(/^\d{1,15}(\.\d{1,4})?$/, 'a decimal amount such as 120000.50');

export const ReferralBody = z
  .strictObject({
    referralId: z.string().min(1).max(200).openapi({ description: "The integration's own id; reporting it again is harmless" }),
    owner: z.union([z.strictObject({ aadObjectId: z.string().min(1).max(100) }), z.strictObject({ email: z.email().max(254) })]),
    ownerLocale: Locale.optional(),
    customer: z
      .strictObject({
        companyName: z.string().max(200).optional(),
        country: z.string().length(2).optional(),
        city: z.string().max(100).optional(),
        state: z.string().max(100).optional(),
      })
      .optional(),
    solutionId: z.string().max(100).optional(),
    contractType: ContractType.optional(),
    billingModel: z.enum(BillingModel.options).optional(),
    currency: z.string().length(3).optional(),
    totalValue: Money.optional(),
    solutionValue: Money.optional().openapi({ description: 'With billingModel, currency and totalValue, the value step is filled in' }),
  })
  .openapi('ReferralBody');

export const SolutionsBody = z
  .strictObject({
    solutions: z
      .array(z.strictObject({ id: z.string().min(1).max(100), name: z.string().min(1).max(200) }))
      .min(1)
      .max(1000),
  })
  .openapi('Solutions');

/** The deal as the API shows it: the domain's deal (its statuses, choices and history as declared there), without
 * the delivery bookkeeping, plus what the desk needs to judge it. */
export const DealView = Deal.pick({
  id: true,
  status: true,
  version: true,
  ownerId: true,
  ownerName: true,
  source: true,
  createdAt: true,
  updatedAt: true,
  registeredAt: true,
  flagged: true,
})
  .extend({
    ref: z.string().openapi({ description: 'The short reference sellers see, D-1A2B3C4D' }),
    fields: RegistrationDraft,
    exception: Deal.shape.exception.unwrap().optional().openapi({
      description: 'The seller asked for an exception to the registration window, with this reason',
    }),
    duplicates: z.array(z.string()).openapi({ description: 'Refs of likely duplicates (same customer and solution, 12 months)' }),
    ownerReachableInTeams: z
      .boolean()
      .optional()
      .openapi({ description: 'False while the owner has not installed the bot, or removed it: notifications wait for them' }),
    notificationsPending: z.number().int().openapi({ description: 'Notifications the owner has not received yet' }),
    review: Deal.shape.review
      .unwrap()
      .extend({ conversation: z.string().openapi({ description: 'The review conversation the deal was routed to' }) })
      .optional()
      .openapi({ description: 'Since the deal last entered review; approvalsRequired 2 is four-eyes (two different reviewers)' }),
    reviewCardPending: z.boolean().openapi({ description: "The review conversation's card does not show the deal as it is yet" }),
    typedIn: z.record(z.string(), z.record(z.string(), z.string())).optional().openapi({
      description:
        "A draft only: values given that a step does not take yet (a referral's value without its billing model), shown filled in on that step for the seller to complete",
    }),
    history: z.array(HistoryEntry).openapi({ description: 'kind "approval": the first of two approvals (four-eyes)' }),
    files: z
      .array(
        DealFile.pick({ id: true, name: true, kind: true, bytes: true, sha256: true, byName: true, at: true }).extend({
          url: z.string().optional().openapi({
            description: 'Opens the file, through the bot, for this caller alone; it works for 24 hours (GET it again for a new one)',
          }),
        }),
      )
      .openapi({ description: 'Files the seller sent for the deal (a signed contract, the customer’s email)' }),
  })
  .openapi('Deal');

export const DealPageView = z.object({ deals: z.array(DealView), next: z.string().optional() }).openapi('DealPage');

export const ProblemView = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.record(z.string(), z.string()).optional(),
  })
  .loose()
  .openapi('Problem');

export const StatsView = z
  .object({
    waiting: z.number().int().openapi({ description: 'Deals In review now' }),
    oldestWaitSeconds: z.number().optional().openapi({ description: 'How long the oldest of them has waited' }),
    last30Days: z.object({
      decided: z.number().int().openapi({ description: 'Decisions made (approve, decline, request update)' }),
      medianSeconds: z.number().optional().openapi({ description: 'Median time from entering review to a decision' }),
      p90Seconds: z.number().optional().openapi({ description: '90th percentile of that time' }),
    }),
  })
  .openapi('ReviewStats');

export const RoutingBody = z
  .strictObject({
    rules: z.array(RoutingRule).max(100).openapi({
      description:
        'First matching rule wins; a deal no rule matches goes to the "default" conversation. Each rule names a conversation a reviewer claimed in Teams ("use this channel for reviews as Nordic").',
    }),
  })
  .openapi('RoutingRules');

export const RoutingView = z
  .object({
    rules: RoutingRules,
    conversations: z
      .array(
        z.object({
          name: z.string(),
          conversationType: z.string(),
          claimedAt: z.string().optional(),
          reachable: z.boolean().openapi({ description: 'False once Teams refused the bot there: cards wait for a new claim' }),
        }),
      )
      .openapi({ description: 'The review conversations reviewers claimed' }),
  })
  .openapi('Routing');

/** A person a data request is about: an email (with "@"), else an Entra object id. */
export const PersonParams = z.strictObject({
  person: z
    .string()
    .min(1)
    .max(254)
    .transform((text, ctx): { email: string } | { userId: string } => {
      // What stands for someone in the records (a key, an erased person) is not a person who can ask.
      if (/^(api-key:|erased:)/i.test(text) || text === '[erased]') {
        ctx.addIssue({
          code: 'custom',
          message: 'not a person: an API key or an erased record; name a person by Entra object id or email',
        });
        return z.NEVER;
      }
      if (!text.includes('@')) return { userId: text };
      const email = z.email().safeParse(text);
      if (email.success) return { email: email.data };
      ctx.addIssue({ code: 'custom', message: 'not an email address; an Entra object id has no "@"' });
      return z.NEVER;
    })
    .openapi({ description: "The person's Entra object id, or their email", example: 'anna.svensson@contoso.se', type: 'string' }),
});

export const PersonDataView = z
  .object({
    person: z.object({ userId: z.string().optional(), email: z.string().optional() }),
    ownedDeals: z.array(DealView).openapi({ description: 'Deals they own' }),
    contactInDeals: z
      .array(DealView)
      .openapi({ description: "Deals that name them as the registration's contact, in any place (see contactEntries)" }),
    contactEntries: z
      .array(
        z.object({
          dealId: z.string(),
          place: z.enum(['registration', 'unsaved_input', 'before_update']),
          firstName: z.string().optional(),
          lastName: z.string().optional(),
          phone: z.string().optional(),
          email: z.string().optional(),
        }),
      )
      .openapi({
        description:
          'Each place a deal keeps them as a contact: the registration, what a seller typed but has not saved, the contact as it was before an update',
      }),
    historyEntries: z.array(HistoryEntry.extend({ dealId: z.string() })).openapi({ description: 'History entries they wrote' }),
    conversationReference: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: 'Where the bot reaches them in Teams (their 1:1 chat), with their language and time zone' }),
    language: z.string().optional().openapi({ description: 'The language tag of their last message to the bot' }),
  })
  .openapi('PersonData');

export const ErasureView = z
  .object({
    deals: z.number().int().openapi({ description: 'Deals in which their data was replaced by "[erased]" (the deals are kept)' }),
    conversationReferenceRemoved: z.boolean(),
  })
  .openapi('Erasure');

const ExportDate = z.iso.date().openapi({ description: 'YYYY-MM-DD', example: '2026-11-01' });

export const ExportQuery = z
  .strictObject({
    status: z
      .union([Status, z.array(Status)])
      .optional()
      // A status named twice is one status: repeating it must not repeat every row.
      .transform((s) => (s === undefined ? undefined : [...new Set(Array.isArray(s) ? s : [s])]))
      .openapi({ description: 'One status, or several (repeat the parameter); all when left out' }),
    from: ExportDate.optional().openapi({ description: 'Deals last changed on or after this day (UTC)' }),
    to: ExportDate.optional().openapi({ description: 'Deals last changed on or before this day (UTC)' }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '"from" must not be after "to"', path: ['to'] });
