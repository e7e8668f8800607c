import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { Locale } from '../../domain/deal.js';
import { RoutingRule, RoutingRules } from '../../domain/desk.js';
import { FLAGGABLE_FIELDS } from '../../domain/review.js';
import { STATUSES } from '../../domain/status.js';

extendZodWithOpenApi(z);

export const StatusParam = z.enum(STATUSES).openapi({ description: 'A deal status', example: 'in_review' });

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
      .array(z.enum(FLAGGABLE_FIELDS as [string, ...string[]]))
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
    contractType: z.enum(['new', 'renewal']).optional(),
    currency: z.string().length(3).optional(),
    totalValue: Money.optional(),
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

const HistoryEntry = z.object({
  at: z.string(),
  by: z.string(),
  byName: z.string().optional(),
  from: z.enum(STATUSES).nullable(),
  to: z.enum(STATUSES),
  comment: z.string().optional(),
  kind: z.enum(['withdrawn', 'reply', 'approval']).optional().openapi({ description: 'approval: the first of two approvals (four-eyes)' }),
});

export const DealView = z
  .object({
    id: z.string(),
    ref: z.string().openapi({ description: 'The short reference sellers see, D-1A2B3C4D' }),
    status: z.enum(STATUSES),
    version: z.number().int(),
    ownerId: z.string(),
    ownerName: z.string().optional(),
    source: z.enum(['seller', 'referral']),
    createdAt: z.string(),
    updatedAt: z.string(),
    registeredAt: z.string().optional(),
    fields: z.record(z.string(), z.unknown()),
    flagged: z.array(z.string()),
    exception: z
      .object({ reason: z.string(), at: z.string() })
      .optional()
      .openapi({ description: 'The seller asked for an exception to the registration window, with this reason' }),
    duplicates: z.array(z.string()).openapi({ description: 'Refs of likely duplicates (same customer and solution, 12 months)' }),
    ownerReachableInTeams: z
      .boolean()
      .optional()
      .openapi({ description: 'False while the owner has not installed the bot, or removed it: notifications wait for them' }),
    notificationsPending: z.number().int().openapi({ description: 'Notifications the owner has not received yet' }),
    review: z
      .object({
        conversation: z.string().openapi({ description: 'The review conversation the deal was routed to' }),
        approvalsRequired: z.number().int().openapi({ description: '2: four-eyes, two different reviewers must approve' }),
        approvals: z
          .array(z.object({ by: z.string(), byName: z.string().optional(), at: z.string() }))
          .openapi({ description: 'Approvals given so far' }),
      })
      .optional()
      .openapi({ description: 'Since the deal last entered review' }),
    reviewCardPending: z.boolean().openapi({ description: "The review conversation's card does not show the deal as it is yet" }),
    history: z.array(HistoryEntry),
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
