import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { annualValue } from './annual-value.js';
import { CountryCode } from './countries.js';
import { Locale } from './deal.js';
import { Currency } from './money.js';
import type { RegistrationPolicy } from './policy.js';
import type { Registration } from './registration.js';

/**
 * The deal desk of a tenant: the review conversations reviewers claimed (a Teams channel or group chat,
 * each under a name), and the rules that say which deals go to which. No rule matches: the default one.
 */

/** The name a conversation is claimed under when none is given. */
export const DEFAULT_CONVERSATION = 'default';

/** "Nordic", "Large deals": what rules name a claimed conversation by; compared without case. */
export const ConversationName = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^"'<>\\]+$/, 'no quotes, angle brackets or backslashes')
  .refine((name) => !/\p{Cc}/u.test(name), 'no control characters');
export const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** Where and how to reach a conversation proactively: what Teams gave when a reviewer claimed it. */
export const ConversationAddress = z.object({
  serviceUrl: z.string(),
  channelId: z.string(),
  conversationId: z.string(),
  conversationType: z.string(),
  tenantId: z.string(),
  botId: z.string(),
});
export type ConversationAddress = z.infer<typeof ConversationAddress>;

export const ClaimedConversation = z.object({
  name: ConversationName,
  reference: ConversationAddress,
  /** Teams user ids (MRIs) of the tenant's reviewers there: the cards refresh with buttons for them. */
  reviewerIds: z.array(z.string()).max(60),
  locale: Locale,
  formatLocale: z.string(),
  timeZone: z.string(),
  claimedAt: z.iso.datetime().optional(),
  /** Teams answered that the bot can no longer post there (removed, deleted): cards wait for a new claim. */
  gone: z.boolean().optional(),
});
export type ClaimedConversation = z.infer<typeof ClaimedConversation>;

const Amount = z.string().regex(/^\d{1,15}(\.\d{1,4})?$/, 'a number such as "250000" or "250000.50"');

export const RoutingRule = z
  .object({
    /** The claimed conversation the matching deals go to. */
    conversation: ConversationName,
    /** The customer's country or region (ISO 3166 alpha-2): any of these. */
    countries: z.array(CountryCode).min(1).max(250).optional(),
    /** The catalogue's solution ids: any of these. */
    solutions: z.array(z.string().min(1).max(100)).min(1).max(500).optional(),
    /**
     * Annual contract value from `min` (inclusive) to `max` (exclusive), in one currency: deals in other
     * currencies do not match (Dealbot converts no currencies).
     */
    annualValue: z
      .object({ currency: Currency, min: Amount.optional(), max: Amount.optional() })
      .refine((v) => v.min === undefined || v.max === undefined || new Decimal(v.min).lt(v.max), {
        message: 'min must be below max',
        path: ['max'],
      })
      .optional(),
    /** 2: four-eyes, two different reviewers must approve. */
    approvals: z.union([z.literal(1), z.literal(2)]).default(1),
    /**
     * Four-eyes only: an API key bound to no person may give the second approval (an integration that is
     * itself the second check). Off by default: such a key may be held by whoever gave the first.
     */
    secondApprovalByKey: z.boolean().optional(),
  })
  .strict();
export type RoutingRule = z.infer<typeof RoutingRule>;

export const RoutingRules = z.array(RoutingRule).max(100);

/**
 * The routing rules' version, for ETag and If-Match: a hash of the rules as parsed (the schema fixes the
 * order of their fields), so the same rules have the same tag on every instance and after a restore.
 */
export function rulesTag(rules: readonly RoutingRule[]): string {
  return createHash('sha256').update(JSON.stringify(rules)).digest('hex').slice(0, 16);
}

export const Desk = z.object({
  conversations: z.array(ClaimedConversation).default([]),
  rules: RoutingRules.default([]),
});
export type Desk = z.infer<typeof Desk>;

export const EMPTY_DESK: Desk = { conversations: [], rules: [] };

/** Where a deal entering review is reviewed, and how many approvals it needs: decided when it enters. */
export interface Route {
  /** The claimed conversation's name; undefined: the default conversation. */
  conversation?: string;
  approvalsRequired: 1 | 2;
  /** The rule lets a key bound to no person give the second approval. */
  secondApprovalByKey?: boolean;
}

function matches(rule: RoutingRule, reg: Registration, policy: RegistrationPolicy): boolean {
  if (rule.countries && !rule.countries.includes(reg.customer.country)) return false;
  if (rule.solutions && !rule.solutions.includes(reg.solution.solutionId)) return false;
  const range = rule.annualValue;
  if (range) {
    const acv = annualValue(reg, policy);
    if (acv.currency !== range.currency) return false;
    if (range.min !== undefined && new Decimal(acv.amount).lt(range.min)) return false;
    if (range.max !== undefined && new Decimal(acv.amount).gte(range.max)) return false;
  }
  return true;
}

/** The first rule the deal matches says where it goes; none: the default conversation, one approval. */
export function routeOf(rules: readonly RoutingRule[], reg: Registration, policy: RegistrationPolicy): Route {
  const rule = rules.find((r) => matches(r, reg, policy));
  const byKey = rule?.secondApprovalByKey ? { secondApprovalByKey: true } : {};
  if (!rule || sameName(rule.conversation, DEFAULT_CONVERSATION)) return { approvalsRequired: rule?.approvals ?? 1, ...byKey };
  return { conversation: rule.conversation, approvalsRequired: rule.approvals, ...byKey };
}

/** A claimed conversation by name, if it is still reachable. */
export function conversationNamed(desk: Desk, name: string): ClaimedConversation | undefined {
  return desk.conversations.find((c) => sameName(c.name, name) && !c.gone);
}

/** A claimed conversation by its Teams id (a channel post's replies carry ";messageid=…" after it). */
export function conversationWithId(desk: Desk, conversationId: string): ClaimedConversation | undefined {
  const thread = (id: string) => id.split(';')[0];
  return desk.conversations.find((c) => thread(c.reference.conversationId) === thread(conversationId));
}

/**
 * Where a deal's review card goes now: the conversation it was routed to, else the default one (the named
 * one was released or is gone); undefined when neither can take it, and the card waits for a claim.
 */
export function conversationFor(desk: Desk, routedTo: string | undefined): ClaimedConversation | undefined {
  return (routedTo ? conversationNamed(desk, routedTo) : undefined) ?? conversationNamed(desk, DEFAULT_CONVERSATION);
}

/**
 * A reviewer claims a conversation under a name: it replaces whatever had that name, and a conversation
 * claimed again under a new name takes only the new one (one conversation, one name).
 */
export function claim(desk: Desk, conversation: ClaimedConversation): Desk {
  const others = desk.conversations.filter(
    (c) =>
      !sameName(c.name, conversation.name) &&
      conversationWithId({ ...desk, conversations: [c] }, conversation.reference.conversationId) === undefined,
  );
  return { ...desk, conversations: [...others, conversation] };
}

/** Rule conversation names no reviewer has claimed: rules must name a conversation that exists. */
export function unclaimedNames(desk: Desk, rules: readonly RoutingRule[]): string[] {
  const known = (name: string) => sameName(name, DEFAULT_CONVERSATION) || desk.conversations.some((c) => sameName(c.name, name));
  return [...new Set(rules.map((r) => r.conversation).filter((n) => !known(n)))];
}
