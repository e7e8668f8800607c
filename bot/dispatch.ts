import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { User } from '../src/services/user.js';
import { carriesFile, ExecuteInvoke, IncomingActivity, offeredFiles, SubmitValue } from './activity.js';
import { answerInvoke, answerMessage } from './answer.js';
import { catalogues } from './i18n/index.js';
import { type Intent, languageOfCommand, matchIntent } from './intents.js';
import { ADAPTIVE_CARD, type Card, type Toast } from './render.js';
import {
  ACTION_ROUTES,
  COMPOSE_ROUTES,
  type ComposeRoute,
  FALLBACK_MESSAGE_ROUTE,
  FILE_ROUTE,
  INSTALL_ROUTE,
  MESSAGE_ROUTES,
  PASTED_TEXT_ROUTE,
} from './routes.js';
import type { BotServices, Turn } from './turn.js';
import { localeOf, localeTagOf, tenantOf, userOf } from './user-of.js';
import type { Verb } from './verbs.js';
import { type ComposeAnswer, composeMessage, composeResults } from './views/compose-results.js';
import { noticeCard } from './views/notice-card.js';
import { viewContext } from './views/view-context.js';
import { welcomeCard } from './views/welcome-card.js';

function isKnownVerb(verb: string): verb is Verb {
  return Object.hasOwn(ACTION_ROUTES, verb);
}

/** A card button's verb and data, through its route: the card to answer with. */
async function actionCard(turn: Turn, verb: string, data: unknown): Promise<Card | Toast> {
  const { t } = turn.view;
  if (!isKnownVerb(verb)) {
    turn.log.info({ verb: verb.slice(0, 100) }, 'unknown verb');
    return welcomeCard(turn.view, t('notices.unknownAction'));
  }
  const route = ACTION_ROUTES[verb];
  const parsed = route.data.safeParse(data);
  if (!parsed.success) {
    turn.log.info({ verb, fields: parsed.error.issues.map((i) => i.path.join('.')) }, 'action data refused');
    return noticeCard(t('notices.badAction'));
  }
  turn.log.debug({ verb }, 'action');
  return route.handle(turn, parsed.data);
}

async function onAction(turn: Turn): Promise<void> {
  const invoke = ExecuteInvoke.safeParse(turn.activity.value);
  if (!invoke.success) {
    turn.log.info('action payload unreadable');
    return answerInvoke(turn.context, noticeCard(turn.view.t('notices.badAction')));
  }
  await answerInvoke(turn.context, await actionCard(turn, invoke.data.action.verb, invoke.data.action.data));
}

/** A compose-box search or a pasted link: the answer is Teams' own result shape, never a bare card. */
async function onCompose(turn: Turn, route: ComposeRoute): Promise<void> {
  const parsed = route.data.safeParse(turn.activity.value);
  let answer: ComposeAnswer;
  if (parsed.success) answer = await route.handle(turn, parsed.data);
  else {
    turn.log.info({ name: turn.activity.name, fields: parsed.error.issues.map((i) => i.path.join('.')) }, 'compose invoke refused');
    // A search says what to type; a link that cannot be read unfurls into nothing, as any link not ours.
    answer = turn.activity.name === 'composeExtension/queryLink' ? composeResults([]) : composeMessage(turn.view.t('search.unreadable'));
  }
  await answerInvoke(turn.context, answer);
}

/**
 * A card the user put into this chat from the compose box (a deal they searched for, a link that
 * unfurled): Teams delivers it as a message whose text is only the card's placeholder. Nothing was asked.
 */
function onlySharesACard(activity: IncomingActivity): boolean {
  const words = (activity.text ?? '').replace(/<[^>]*>/g, '').replace(/&nbsp;|\s/g, '');
  return words === '' && (activity.attachments ?? []).some((a) => a.contentType === ADAPTIVE_CARD);
}

async function onMessage(turn: Turn): Promise<void> {
  if (onlySharesACard(turn.activity)) return turn.log.debug('a shared card put into the chat; nothing to answer');
  // A button that answers with a new card (Action.Submit), leaving the card it was on as it was.
  const submitted = turn.activity.text ? undefined : SubmitValue.safeParse(turn.activity.value);
  if (submitted?.success) return answerMessage(turn.context, await actionCard(turn, submitted.data.verb, submitted.data.data));
  // A file (a signed contract, the customer's email): kept on the seller's draft, whatever the text says.
  if (carriesFile(turn.activity)) {
    const personal = (turn.activity.conversation.conversationType ?? 'personal') === 'personal';
    return answerMessage(turn.context, await FILE_ROUTE(turn, offeredFiles(turn.activity), personal));
  }
  const intent = matchIntent(turn.activity.text ?? '');
  turn.log.debug({ intent: intent?.kind ?? 'none' }, 'message');
  if (!intent) {
    // Not a request: a pasted email or a "we won" post reads into the seller's draft, in their own chat.
    const personal = (turn.activity.conversation.conversationType ?? 'personal') === 'personal';
    const read = personal && turn.activity.text ? await PASTED_TEXT_ROUTE(turn, turn.activity.text) : undefined;
    return answerMessage(turn.context, read ?? (await FALLBACK_MESSAGE_ROUTE(turn)));
  }
  const handle = MESSAGE_ROUTES[intent.kind] as (turn: Turn, intent: Intent) => Promise<Card>;
  await answerMessage(turn.context, await handle(turn, intent));
}

async function onConversationUpdate(turn: Turn): Promise<void> {
  const botId = turn.activity.recipient?.id;
  if (botId && turn.activity.membersAdded?.some((m) => m.id === botId)) {
    await answerMessage(turn.context, await INSTALL_ROUTE(turn));
  }
}

/**
 * The user's 1:1 chat with the bot is where their notifications go: keep its reference current. Only a
 * message or an install says it is that chat: a search or a card click in a 1:1 chat between two people
 * is "personal" too, and the bot cannot write there.
 */
async function rememberWhereToReach(turn: Turn): Promise<void> {
  const { activity, user } = turn;
  const type = activity.conversation.conversationType;
  if (activity.type !== ActivityTypes.Message && activity.type !== ActivityTypes.ConversationUpdate) return;
  if ((type !== undefined && type !== 'personal') || !activity.serviceUrl || !activity.recipient) return;
  await turn.services.reach.seen({
    tenantId: user.tenantId,
    userId: user.id,
    serviceUrl: activity.serviceUrl,
    channelId: activity.channelId ?? 'msteams',
    conversationId: activity.conversation.id,
    botId: activity.recipient.id,
    locale: user.locale,
    formatLocale: user.formatLocale,
    timeZone: user.timeZone,
    valid: true,
  });
}

/**
 * The language to answer in: a message's own (remembered for later), or the language of the command typed
 * in it, and for a card click the language of the user's last message, since some clients send no locale,
 * or always "en-US", on clicks.
 */
async function languageOf(activity: IncomingActivity, { tenantId, id: userId }: User, services: BotServices): Promise<string | undefined> {
  const clientTag = localeTagOf(activity);
  if (activity.type === ActivityTypes.Message) {
    // A command typed in Swedish, Norwegian, Danish or Finnish from a client in another language sets the
    // language of the answer, and of what follows (card clicks, a pasted email), until the user types a
    // command the client's language has. English commands never switch: Nordic sellers type them too.
    const typed = languageOfCommand(activity.text ?? '');
    if (typed === undefined) {
      const remembered = await services.languages.of(tenantId, userId);
      if (remembered) return remembered;
    }
    const switched = typed !== undefined && typed !== 'en' && typed !== localeOf(activity, clientTag).locale;
    const tag = switched ? catalogues[typed].said.region : clientTag;
    if (tag) await services.languages.remember(tenantId, userId, tag);
    return tag;
  }
  const tag = clientTag;
  if (activity.type === ActivityTypes.Invoke) return (await services.languages.of(tenantId, userId)) ?? tag;
  return tag;
}

/** One turn: read the activity at the boundary, then hand it to the route its type and verb/intent name. */
export async function dispatch(context: TurnContext, services: BotServices, now = services.clock()): Promise<void> {
  const parsed = IncomingActivity.safeParse(context.activity);
  const log = services.log.child({ activityId: context.activity.id, conversationId: context.activity.conversation?.id });
  if (!parsed.success) {
    log.warn({ issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'activity refused: unreadable shape');
    if (context.activity.type === ActivityTypes.Invoke) await answerInvoke(context, 400);
    return;
  }
  const activity = parsed.data;
  const tenantId = tenantOf(activity);
  if (services.allowedTenants && !services.allowedTenants.has(tenantId)) {
    log.warn({ tenantId }, 'activity refused: tenant not in ALLOWED_TENANTS');
    if (activity.type === ActivityTypes.Invoke) await answerInvoke(context, 403);
    return;
  }
  const reviewer = services.reviewers.isReviewer(tenantId, activity.from.aadObjectId);
  let user = userOf(activity, now, reviewer);
  const language = await languageOf(activity, user, services);
  if (language !== localeTagOf(activity)) user = userOf(activity, now, reviewer, language);
  const turn: Turn = {
    context,
    activity,
    user,
    view: {
      ...viewContext(user, await services.catalogue.list(tenantId), services.policy, services.publicUrl),
      fileLink: (await services.fileLinks.ready()) ? (deal, file) => services.fileLinks.linkFor(user, deal, file) : undefined,
    },
    services,
    log,
  };
  await rememberWhereToReach(turn);
  const changesSomething = activity.type === ActivityTypes.Message || activity.type === ActivityTypes.ConversationUpdate;
  if (changesSomething && activity.id && !(await services.firstDelivery(tenantId, activity.conversation.id, activity.id))) {
    // Card actions need no such guard: their version check refuses a repeat.
    return log.info('activity redelivered; already handled');
  }
  if (activity.type === ActivityTypes.Message) return onMessage(turn);
  if (activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action') return onAction(turn);
  const name = activity.name ?? '';
  if (activity.type === ActivityTypes.Invoke && Object.hasOwn(COMPOSE_ROUTES, name)) return onCompose(turn, COMPOSE_ROUTES[name]!);
  if (activity.type === ActivityTypes.ConversationUpdate) return onConversationUpdate(turn);
  log.debug({ type: activity.type, name: activity.name }, 'activity ignored');
}
