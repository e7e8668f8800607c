import { AsyncLocalStorage } from 'node:async_hooks';
import {
  ActivityTypes,
  type Request as BotRequest,
  type Response as BotResponse,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Config } from '../src/config.js';
import type { Logger } from '../src/log.js';
import { StoreContentionError, StoreUnavailableError } from '../src/store/documents.js';
import { IncomingActivity } from './activity.js';
import { answerInvoke, answerMessage } from './answer.js';
import { translator } from './i18n/index.js';
import { localeOf } from './user-of.js';
import { composeMessage } from './views/compose-results.js';
import { noticeCard } from './views/notice-card.js';

/**
 * botbuilder's own settings. Naming a metadata URL switches the SDK to its "parameterized" mode, which
 * needs every other public-cloud value spelled out; they are the SDK's own constants.
 */
function authSettings(bf: Config['botFramework']): Record<string, string> {
  const { ToBotFromChannelOpenIdMetadataUrl: channel, ToBotFromEmulatorOpenIdMetadataUrl: emulator, ...identity } = bf;
  // Without an app id (local development) the SDK's only unauthenticated mode is its MultiTenant one: it
  // refuses a SingleTenant identity with no app id.
  const settings = identity.MicrosoftAppId ? identity : { ...identity, MicrosoftAppType: 'MultiTenant' };
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
 * Bot Framework's signing keys could not be fetched: the SDK's fetch failed (DNS, connection, TLS), or the
 * metadata endpoint answered with an error (the SDK's AuthenticationError with status 500). Neither says
 * anything about the request, which may well be genuine.
 */
function isSigningKeyFetchFailure(error: unknown): boolean {
  if (error instanceof AuthenticationError) return error.statusCode === 500;
  const e = error as { name?: string; type?: string } | undefined;
  return e?.name === 'FetchError' || e?.name === 'AbortError' || e?.type === 'system';
}

/** Per request, what authentication met: set when the signing keys could not be had. */
const authentication = new AsyncLocalStorage<{ signingKeysUnreachable?: string }>();

/**
 * Runs the adapter on one request and says whether it failed for want of Bot Framework's signing keys,
 * which the adapter itself reports as a refusal (401 with the network error's text).
 */
export async function processActivity(
  adapter: CloudAdapter,
  req: BotRequest,
  res: BotResponse,
  logic: (context: TurnContext) => Promise<void>,
): Promise<{ signingKeysUnreachable?: string }> {
  const outcome: { signingKeysUnreachable?: string } = {};
  await authentication.run(outcome, () => adapter.process(req, res, logic));
  return outcome;
}

function watchSigningKeys(auth: ConfigurationBotFrameworkAuthentication): void {
  const authenticateRequest = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (...args) => {
    try {
      return await authenticateRequest(...args);
    } catch (error) {
      const outcome = authentication.getStore();
      if (outcome && isSigningKeyFetchFailure(error)) outcome.signingKeysUnreachable = (error as Error).message ?? String(error);
      throw error;
    }
  };
}

/** A bounded cache of clients, by key: the keys are a handful of service URLs and app ids. */
function clientCache<T>(): (key: string, make: () => Promise<T>) => Promise<T> {
  const clients = new Map<string, Promise<T>>();
  return (key, make) => {
    let client = clients.get(key);
    if (!client) {
      if (clients.size >= 100) clients.clear();
      client = make();
      client.catch(() => clients.delete(key)); // a failed creation is tried again next time
      clients.set(key, client);
    }
    return client;
  };
}

/**
 * botbuilder builds a new Bot Connector client (an Azure SDK request pipeline and credentials) and a new
 * user token client for every turn, a fifteenth of a turn's CPU in the profiles. Both depend only on the
 * app id, the service URL and the audience, and their credentials renew their own tokens: one of each is
 * kept per key and reused.
 */
function reuseClients(auth: ConfigurationBotFrameworkAuthentication): void {
  const connectors = clientCache<ConnectorClient>();
  const tokens = clientCache<UserTokenClient>();
  const reusing = (factory: ConnectorFactory, appId: string): ConnectorFactory =>
    Object.assign(Object.create(factory) as ConnectorFactory, {
      create: (serviceUrl: string, audience?: string) =>
        connectors(`${appId}|${serviceUrl}|${audience ?? ''}`, () => factory.create(serviceUrl, audience)),
    });
  const appIdOf = (identity: ClaimsIdentity) =>
    identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
  const authenticateRequest = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (...args) => {
    const result = await authenticateRequest(...args);
    const factory = result.connectorFactory;
    return factory ? { ...result, connectorFactory: reusing(factory, appIdOf(result.claimsIdentity)) } : result;
  };
  const createConnectorFactory = auth.createConnectorFactory.bind(auth);
  auth.createConnectorFactory = (identity) => reusing(createConnectorFactory(identity), appIdOf(identity));
  const createUserTokenClient = auth.createUserTokenClient.bind(auth);
  auth.createUserTokenClient = (identity) => tokens(appIdOf(identity), () => createUserTokenClient(identity));
}

/**
 * The Bot Framework side: authentication, the adapter, and the answer when a turn fails. With an app id,
 * the SDK checks every request's token (signature, issuer, audience, expiry, serviceUrl claim) and answers
 * 401 before any turn runs.
 */
export function createAdapter(config: Config, log: Logger): CloudAdapter {
  const { MicrosoftAppId, MicrosoftAppType } = config.botFramework;
  if (MicrosoftAppId && MicrosoftAppType === 'MultiTenant') {
    log.warn(
      'MicrosoftAppType is MultiTenant: Azure Bot Service has created no new multi-tenant bots since 31 July 2025. An existing one keeps working; a new bot must be SingleTenant or UserAssignedMSI.',
    );
  }
  const auth = new ConfigurationBotFrameworkAuthentication(authSettings(config.botFramework));
  watchSigningKeys(auth);
  reuseClients(auth);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const storeAway = error instanceof StoreUnavailableError;
    if (storeAway) log.warn({ err: error.message, activityId: context.activity.id }, 'turn failed: store unavailable');
    else log.error({ err: error, activityId: context.activity.id }, 'turn failed');
    const parsed = IncomingActivity.safeParse(context.activity);
    const t = translator(parsed.success ? localeOf(parsed.data).locale : 'en');
    const notice = storeAway ? 'notices.storeUnavailable' : error instanceof StoreContentionError ? 'notices.conflict' : 'notices.failure';
    const card = noticeCard(t(notice));
    // The user always hears something; a failure to say so is only logged, there is no one left to tell.
    try {
      const { type, name } = context.activity;
      // A compose-box search or link reads only Teams' result shape: the sentence goes where results would.
      if (type === ActivityTypes.Invoke)
        await answerInvoke(context, name?.startsWith('composeExtension/') ? composeMessage(t(notice)) : card);
      else await answerMessage(context, card);
    } catch (sendError) {
      log.error({ err: sendError }, 'could not tell the user about a failed turn');
    }
  };
  return adapter;
}
