import { randomUUID } from 'node:crypto';

/** Who is talking to the bot, as Teams describes them in every activity. */
export interface Speaker {
  tenantId: string;
  userId: string;
  aadObjectId: string;
  name: string;
  locale: string;
  conversationId: string;
  /** personal (1:1 with the bot), groupChat or channel. */
  conversationType: string;
}

export function speaker(overrides: Partial<Speaker> = {}): Speaker {
  const id = randomUUID();
  return {
    tenantId: 'tenant-contoso',
    userId: `29:${id}`,
    aadObjectId: id,
    name: 'Anna Svensson',
    locale: 'en-US',
    conversationId: `a:${randomUUID()}`,
    conversationType: 'personal',
    ...overrides,
  };
}

function base(who: Speaker, serviceUrl: string) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: who.locale,
    from: { id: who.userId, aadObjectId: who.aadObjectId, name: who.name },
    recipient: { id: '28:dealbot', name: 'Dealbot' },
    conversation: { id: who.conversationId, conversationType: who.conversationType, tenantId: who.tenantId },
    channelData: { tenant: { id: who.tenantId } },
  };
}

export function messageActivity(who: Speaker, serviceUrl: string, text: string) {
  return { ...base(who, serviceUrl), type: 'message', text };
}

export function executeActivity(who: Speaker, serviceUrl: string, verb: string, data: Record<string, unknown>) {
  return {
    ...base(who, serviceUrl),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

export function installActivity(who: Speaker, serviceUrl: string) {
  return {
    ...base(who, serviceUrl),
    type: 'conversationUpdate',
    membersAdded: [{ id: '28:dealbot' }, { id: who.userId }],
  };
}

/** Where an invoke comes from when it is not the user's chat with the bot: a channel, or a chat between people. */
export interface Elsewhere {
  conversationId: string;
  conversationType: string;
}

/** An invoke as Teams sends it (a compose-box search, a pasted link, a card click), from the user's chat or elsewhere. */
export function invokeActivity(who: Speaker, serviceUrl: string, name: string, value: unknown, where?: Elsewhere) {
  const activity = { ...base(who, serviceUrl), type: 'invoke', name, value };
  if (!where) return activity;
  return { ...activity, conversation: { id: where.conversationId, conversationType: where.conversationType, tenantId: who.tenantId } };
}
