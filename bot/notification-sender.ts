import { CardFactory, type CloudAdapter } from 'botbuilder';
import type { Clock } from '../src/clock.js';
import type { RegistrationPolicy } from '../src/domain/policy.js';
import type { SolutionCatalogue } from '../src/services/catalogue.js';
import type { Notice, NotificationSender, SendOutcome } from '../src/services/outbox-worker.js';
import type { ConversationRef } from '../src/store/conversation-refs.js';
import { personalChatReference, proactively } from './proactive.js';
import { digestCard, notificationCard } from './views/notification-card.js';
import { viewContext } from './views/view-context.js';

/** Teams' answers that mean "this conversation will not take messages": stop, and wait for the user. */
const GONE_CODES = new Set(['BotNotInConversationRoster', 'ConversationBlockedByUser', 'MessageWritesBlocked', 'ConversationNotFound']);
const RETRY_STATUSES = new Set([412, 429, 500, 502, 503, 504]);

interface ConnectorError {
  statusCode?: number;
  code?: string;
  details?: { error?: { code?: string }; errorCode?: number | string };
  response?: { headers?: { get(name: string): string | undefined } };
}

function retryAfterMs(error: ConnectorError, now: Date): number | undefined {
  const header = error.response?.headers?.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

/** What a failed send means for the outbox. */
export function classify(error: unknown, now: Date): SendOutcome {
  const e = (error ?? {}) as ConnectorError;
  const code = e.details?.error?.code ?? e.code ?? '';
  const status = e.statusCode;
  if (status === 404 || (status === 403 && GONE_CODES.has(code)) || String(e.details?.errorCode) === '209') {
    return { kind: 'unreachable', reason: `${status} ${code}` };
  }
  if (status === 429) return { kind: 'retry', afterMs: retryAfterMs(e, now), reason: '429 throttled' };
  if (status === undefined || RETRY_STATUSES.has(status)) return { kind: 'retry', reason: `${status ?? 'network'} ${code}`.trim() };
  // Anything else is unexpected (a 400, a 401): keep the notice and try again later rather than lose it.
  return { kind: 'retry', reason: `unexpected ${status} ${code}` };
}

/** Sends the owner's card proactively to their 1:1 chat with the bot, in their language. */
export class TeamsNotificationSender implements NotificationSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly catalogue: SolutionCatalogue,
    private readonly policy: RegistrationPolicy,
    private readonly clock: Clock,
  ) {}

  async send(ref: ConversationRef, notices: readonly Notice[], leaving: () => void): Promise<SendOutcome> {
    const ctx = viewContext(ref, await this.catalogue.list(ref.tenantId), this.policy);
    const card = notices.length === 1 ? notificationCard(notices[0]!, ctx) : digestCard(notices, ctx);
    const reference = personalChatReference(ref);
    try {
      await proactively(this.adapter, this.appId, reference, (context) => {
        leaving();
        return context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
      });
      return { kind: 'sent' };
    } catch (error) {
      return classify(error, this.clock());
    }
  }
}
