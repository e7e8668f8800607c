import { ActivityTypes, CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import type { Config } from '../src/config.js';
import { respondWithCard, sendCard } from './dispatch.js';
import { localeOf } from './seller-of.js';
import { IncomingActivity } from './activity.js';
import { translator } from './i18n/index.js';
import type { Logger } from '../src/log.js';
import { noticeCard } from './views/notice-card.js';

/**
 * botbuilder's own settings. Naming a metadata URL switches the SDK to its "parameterized" mode, which
 * needs every other public-cloud value spelled out; they are the SDK's own constants.
 */
function authSettings(bf: Config['botFramework']): Record<string, string> {
  const { ToBotFromChannelOpenIdMetadataUrl: channel, ToBotFromEmulatorOpenIdMetadataUrl: emulator, ...settings } = bf;
  if (!channel && !emulator) return settings;
  return {
    ...settings,
    ToBotFromChannelOpenIdMetadataUrl: channel ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: emulator ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * The Bot Framework side: authentication, the adapter, and the answer when a turn fails. With an app id,
 * the SDK checks every request's token (signature, issuer, audience, expiry, serviceUrl claim) and answers
 * 401 before any turn runs.
 */
export function createAdapter(config: Config, log: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(authSettings(config.botFramework));
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
