import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Config } from '../src/config.js';
import { respondWithCard, sendCard } from './dispatch.js';
import { localeOf } from './seller-of.js';
import { IncomingActivity } from './activity.js';
import { translator } from './i18n/index.js';
import type { Logger } from '../src/log.js';
import { noticeCard } from './views/notice-card.js';

/** The Bot Framework side: authentication, the adapter, and the answer when a turn fails. */
export function createAdapter(config: Config, log: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(config.botFramework);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: error, activityId: context.activity.id }, 'turn failed');
    const parsed = IncomingActivity.safeParse(context.activity);
    const t = translator(parsed.success ? localeOf(parsed.data).locale : 'en');
    const card = noticeCard(t('notices.failure'));
    // The user always hears something; a failure to say so is only logged, there is no one left to tell.
    try {
      if (context.activity.type === ActivityTypes.Invoke) await respondWithCard(context, card);
      else await sendCard(context, card);
    } catch (sendError) {
      log.error({ err: sendError }, 'could not tell the user about a failed turn');
    }
  };
  return adapter;
}
