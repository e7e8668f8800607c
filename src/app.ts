import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { hostname } from 'node:os';
import { createAdapter } from '../bot/app.js';
import { dispatch } from '../bot/dispatch.js';
import { configureTexts } from '../bot/i18n/index.js';
import { TeamsNotificationSender } from '../bot/notification-sender.js';
import { PersonalChat } from '../bot/personal-chat.js';
import { TeamsReviewCardSender } from '../bot/review-card-sender.js';
import type { BotServices } from '../bot/turn.js';
import { type Clock, systemClock } from './clock.js';
import { type Config, storeKind } from './config.js';
import { ApiKeys } from './http/api/auth.js';
import { openApiDocument } from './http/api/openapi.js';
import { registerApiRoutes } from './http/api/routes.js';
import { clientAddressOf } from './http/client-address.js';
import { createMetricsServer } from './http/metrics-server.js';
import { createServer, type DealbotServer } from './http/server.js';
import type { Logger } from './log.js';
import { Metrics } from './metrics.js';
import { SolutionCatalogue } from './services/catalogue.js';
import { DealFilesService } from './services/deal-files.js';
import { DealsService } from './services/deals-service.js';
import { FileLinks } from './services/file-links.js';
import { OutboxWorker } from './services/outbox-worker.js';
import { OwnerReach } from './services/owner-reach.js';
import { PeopleService } from './services/people-service.js';
import { RateLimiter } from './services/rate-limiter.js';
import { ReferralService } from './services/referral-service.js';
import { ReminderScanner } from './services/reminder-scanner.js';
import { RetentionScanner } from './services/retention-scanner.js';
import { ReviewDesk } from './services/review-desk.js';
import { ReviewDigestScanner } from './services/review-digests.js';
import { ReviewService } from './services/review-service.js';
import { Reviewers } from './services/reviewers.js';
import { WizardService } from './services/wizard-service.js';
import { loadSolutions } from './solutions.js';
import { ConversationRefs } from './store/conversation-refs.js';
import { DealRepository } from './store/deal-repository.js';
import { DeskRepository } from './store/desk-repository.js';
import { DigestRepository } from './store/digest-repository.js';
import type { Documents } from './store/documents.js';
import { firstDelivery, heartbeat, sweepExpiredKeys } from './store/expiring.js';
import { FailedAuthLockout } from './store/failed-auth-lockout.js';
import { openFileStore } from './store/file-store.js';
import { measured } from './store/measured.js';
import { openStore } from './store/open.js';
import { Pseudonyms } from './store/pseudonyms.js';
import { SharedRateLimiter } from './store/shared-rate-limiter.js';
import { SolutionsRepository } from './store/solutions-repository.js';
import { UserDirectory } from './store/user-directory.js';
import { UserLanguages } from './store/user-languages.js';

export interface Dealbot extends DealbotServer {
  store: Documents;
  worker: OutboxWorker;
  reminders: ReminderScanner;
  reviewDigests: ReviewDigestScanner;
  /** Present when RETENTION_CLOSED is set. */
  retention?: RetentionScanner;
  /** GET /metrics, for METRICS_PORT (not yet listening); undefined when metrics are not served. */
  metricsServer?: HttpServer;
  close(): Promise<void>;
}

export interface DealbotOptions {
  /** The time everything that acts on time reads (tests advance it instead of sleeping). */
  clock?: Clock;
}

/** Wires the product from its config: store, use cases, bot, HTTP server and API (not yet listening). */
export async function createDealbot(config: Config, log: Logger, options: DealbotOptions = {}): Promise<Dealbot> {
  const clock = options.clock ?? systemClock;
  if (config.production && config.publicUrl.startsWith('http://localhost')) {
    log.warn('BOT_DOMAIN is not set: deal links ("Copy link") will point at localhost; set it to the host Teams reaches the bot at');
  }
  configureTexts({ supportContact: config.supportContact });
  const fallbackSolutions = loadSolutions(config.solutionsFile);
  const metrics = new Metrics({
    outbox: () => dealRepository.owingSummary(),
    deskBacklog: () => dealRepository.inReviewCount(),
    now: () => clock(),
  });
  const backend = await openStore(config.storeUrl, { timeoutMs: config.storeTimeoutMs, log: log.child({ module: 'store' }), clock });
  const store = measured(backend, metrics, storeKind(config.storeUrl));
  const catalogue = new SolutionCatalogue(new SolutionsRepository(store), fallbackSolutions, clock);
  const dealRepository = new DealRepository(store);
  const adapter = createAdapter(config, log.child({ module: 'bot' }));
  // The worker is made below; whatever writes to the outbox tells it to look through this.
  const kick = () => worker.kick();
  const digests = new DigestRepository(store);
  const desk = new ReviewDesk({
    desks: new DeskRepository(store),
    deals: dealRepository,
    outboxWritten: kick,
    log: log.child({ module: 'desk' }),
    clock,
  });
  const pseudonyms = new Pseudonyms(store);
  const files = await openFileStore(config.files.url);
  const reviews = new ReviewService(dealRepository, kick, clock, pseudonyms);
  const instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const appId = config.botFramework.MicrosoftAppId;
  const directory = new UserDirectory(store);
  const refs = new ConversationRefs(store);
  const languages = new UserLanguages(store);
  const worker = new OutboxWorker(
    {
      deals: dealRepository,
      refs,
      sender: new TeamsNotificationSender(adapter, appId, catalogue, config.policy, clock),
      desk,
      digests,
      cards: new TeamsReviewCardSender({
        adapter,
        appId,
        catalogue,
        policy: config.policy,
        duplicatesOf: (deal) => reviews.duplicatesOf(deal),
        reminderAfterMs: config.reviewReminderAfterMs,
        clock,
      }),
      // A fleet shares Teams' allowance through the store; the embedded store has one instance to count in.
      limiter: storeKind(config.storeUrl) === 'sqlite' ? new RateLimiter(clock) : new SharedRateLimiter(store, clock),
      policy: config.policy,
      metrics,
      log: log.child({ module: 'outbox' }),
      clock,
    },
    // 16 owners at once keeps up with Teams' 50/s per tenant with room to spare; at 64, sends queued in the
    // HTTP client after their slot was taken and landed in one window at Teams (measured: 429s).
    { instanceId, concurrency: 16, ...config.outbox },
  );
  const reminders = new ReminderScanner({
    deals: dealRepository,
    policy: config.policy,
    periods: config.reminders,
    remindersAdded: kick,
    log: log.child({ module: 'reminders' }),
    clock,
  });
  const reach = new OwnerReach(refs, dealRepository, kick, log.child({ module: 'reach' }), clock);
  const retention =
    config.retentionClosedMs === undefined
      ? undefined
      : new RetentionScanner({
          deals: dealRepository,
          files,
          keepMs: config.retentionClosedMs,
          log: log.child({ module: 'retention' }),
          clock,
        });
  const reviewDigests = new ReviewDigestScanner({
    deals: dealRepository,
    reviews,
    desk,
    digests,
    afterMs: config.reviewReminderAfterMs,
    outboxWritten: kick,
    log: log.child({ module: 'review-digests' }),
    clock,
  });
  const wizard = new WizardService({
    deals: dealRepository,
    solutions: (tenantId) => catalogue.list(tenantId),
    policy: config.policy,
    routing: (tenantId) => desk.rules(tenantId),
    outboxWritten: kick,
    organisationCountry: config.organisationCountry,
  });
  const dealsService = new DealsService(dealRepository, config.pageSize, kick, files);
  const fileLinks = new FileLinks({ publicUrl: config.publicUrl, secret: pseudonyms, deals: dealRepository, files, clock });
  const services: BotServices = {
    wizard,
    deals: dealsService,
    files: new DealFilesService({
      deals: dealRepository,
      wizard,
      files,
      limits: { hosts: config.files.downloadHosts, maxBytes: config.files.maxBytes, maxPerDeal: config.files.maxPerDeal },
    }),
    fileLinks,
    reviews,
    desk,
    reviewers: new Reviewers(config.reviewers),
    catalogue,
    directory,
    reach,
    languages,
    personalChat: new PersonalChat(refs, adapter, appId, log.child({ module: 'bot' })),
    publicUrl: config.publicUrl,
    firstDelivery: (tenantId, conversationId, activityId) => firstDelivery(store, tenantId, conversationId, activityId),
    policy: config.policy,
    clock,
    allowedTenants: config.allowedTenants,
    log: log.child({ module: 'bot' }),
  };
  const http = createServer({
    adapter,
    runTurn: (context) => dispatch(context, services),
    store,
    metrics,
    log: log.child({ module: 'http' }),
    maxBodyBytes: config.maxBodyBytes,
    limits: config.http,
    authenticates: config.botFramework.MicrosoftAppId !== '',
    botAppId: appId,
    fileLinks,
  });
  const document = openApiDocument();
  registerApiRoutes(http.server, {
    keys: new ApiKeys(config.apiKeys),
    lockout: new FailedAuthLockout(store, clock),
    clientAddress: clientAddressOf(config.http.trustProxy),
    reviews,
    desk,
    referrals: new ReferralService({ deals: dealRepository, directory, catalogue, policy: config.policy, outboxWritten: kick, clock }),
    catalogue,
    reach,
    people: new PeopleService({ deals: dealRepository, files, refs, directory, languages, pseudonyms, clock }),
    fileLinks,
    clock,
    log: log.child({ module: 'api' }),
    openapi: () => document,
  });
  worker.start();
  reminders.start();
  reviewDigests.start();
  retention?.start();
  // A store from before the search index: each tenant listed once, in the background (searches read the
  // tenant meanwhile). A store that has it costs one read per tenant.
  const indexing = dealRepository
    .buildMissingSearchIndexes()
    .catch((err: unknown) => log.warn({ err }, 'the search index could not be built now; searches read the tenant until it is'));
  const stopSweeping = sweepExpiredKeys(store, log.child({ module: 'store' }));
  // Bookkeeping, not work done for a user: kept out of the store metrics (and so out of the bench's counts).
  const stopHeartbeat = heartbeat(backend, `${hostname()}:${process.pid}`, log.child({ module: 'store' }));
  const metricsServer = config.metrics ? createMetricsServer(metrics) : undefined;
  return {
    ...http,
    store,
    worker,
    reminders,
    reviewDigests,
    retention,
    metricsServer,
    async close() {
      metricsServer?.close();
      metrics.close();
      await http.drain();
      await indexing;
      stopSweeping();
      await stopHeartbeat();
      await reminders.stop();
      await reviewDigests.stop();
      await retention?.stop();
      await worker.stop();
      await store.close();
    },
  };
}
