import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseDuration, toSeconds } from 'iso8601-duration';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import { Role } from './domain/actor.js';
import { DAY_MS } from './domain/dates.js';
import type { RateLimit } from './domain/pacing.js';
import { PARTNER_CENTER_POLICY, type RegistrationPolicy } from './domain/policy.js';
import type { ReminderPeriods } from './domain/reminders.js';

const port = z.coerce.number({ error: 'must be a port number' }).int('must be a whole number').min(0).max(65535);
const positiveDays = z.coerce
  .number({ error: 'must be a number of days' })
  .int('must be a whole number of days')
  .positive('must be above 0');

/** "USD 25000,EUR 23000": a minimum annual value per currency. */
const minimums = z.string().transform((text, ctx) => {
  const result: Record<string, string> = {};
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([A-Z]{3})\s+(\d+(?:\.\d+)?)$/.exec(item);
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `"${item}" is not "CUR amount" (e.g. "USD 25000")` });
      return z.NEVER;
    }
    result[match[1]!] = match[2]!;
  }
  return result;
});

/**
 * What an API key may do: a reviewer decides deals and manages the desk; an integration reports
 * referrals and catalogues; an admin answers people's data requests (export and erasure).
 */
export const ApiRole = Role.exclude(['seller']);
export type ApiRole = z.infer<typeof ApiRole>;

/**
 * "tenant:role:sha256[:person],…": API keys by their hash, each bound to one tenant and one role, and
 * optionally to the Entra object id of the person who holds it.
 */
const apiKeys = z.string().transform((text, ctx) => {
  const keys: ApiKeyConfig[] = [];
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = new RegExp(`^([^:\\s]+):(${ApiRole.options.join('|')}):([0-9a-f]{64})(?::([^:\\s[\\],]{1,254}))?$`).exec(item);
    if (!match) {
      ctx.addIssue({
        code: 'custom',
        message: `"${item.slice(0, 40)}…" is not tenantId:${ApiRole.options.join('|')}:<64 lowercase hex>[:<the Entra object id of the person it is for>]`,
      });
      return z.NEVER;
    }
    keys.push({ tenantId: match[1]!, role: match[2] as ApiRole, sha256: match[3]!, ...(match[4] ? { person: match[4] } : {}) });
  }
  const perSlot = new Map<string, number>();
  for (const k of keys) perSlot.set(slotOf(k), (perSlot.get(slotOf(k)) ?? 0) + 1);
  for (const [slot, count] of perSlot) {
    if (count > 2)
      ctx.addIssue({ code: 'custom', message: `${slot} has ${count} keys; two at most (the current one and the next, while rotating)` });
  }
  return keys;
});

/** "tenant:entraObjectId,…": who may decide deals in Teams. */
const reviewers = z.string().transform((text, ctx) => {
  const list: { tenantId: string; userId: string }[] = [];
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([^:\s]+):([^:\s]+)$/.exec(item);
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `"${item.slice(0, 40)}" is not tenantId:entraObjectId` });
      return z.NEVER;
    }
    list.push({ tenantId: match[1]!, userId: match[2]! });
  }
  return list;
});

/** botbuilder's bot identities; Azure Bot Service has created only the last two since 31 July 2025. */
const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

/** Teams' documented limits for a bot: per conversation, and per app per tenant. */

const TEAMS_CONVERSATION_LIMITS: RateLimit[] = [
  { count: 7, windowMs: 1000 },
  { count: 8, windowMs: 2000 },
  { count: 60, windowMs: 30_000 },
  { count: 1800, windowMs: 3_600_000 },
];
const TEAMS_TENANT_LIMITS: RateLimit[] = [{ count: 50, windowMs: 1000 }];

/** An ISO 8601 duration ("P3D", "PT0.5S") in milliseconds. */
const duration = z.string().transform((text, ctx) => {
  try {
    const ms = toSeconds(parseDuration(text)) * 1000;
    if (ms > 0) return ms;
  } catch {
    // not a duration: reported below
  }
  ctx.addIssue({ code: 'custom', message: `"${text}" is not a positive ISO 8601 duration such as P3D or PT30S` });
  return z.NEVER;
});

/** "7/PT1S,8/PT2S": send limits as count per ISO 8601 window. */
const limits = z.string().transform((text, ctx) => {
  const result: RateLimit[] = [];
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [count, window] = item.split('/');
    const parsed = duration.safeParse(window ?? '');
    if (!/^\d+$/.test(count ?? '') || Number(count) < 1 || !parsed.success) {
      ctx.addIssue({ code: 'custom', message: `"${item}" is not count/duration, such as 7/PT1S` });
      return z.NEVER;
    }
    result.push({ count: Number(count), windowMs: parsed.data });
  }
  return result;
});

/** "SE" or "SE,tenant-a:NO": the organisation's country, for all tenants and per tenant. */
const organisationCountries = z.string().transform((text, ctx) => {
  const result: { default?: string; byTenant: Record<string, string> } = { byTenant: {} };
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^(?:([^:\s]+):)?([A-Za-z]{2})$/.exec(item);
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `"${item.slice(0, 40)}" is not a country code (SE) or tenantId:SE` });
      return z.NEVER;
    }
    if (match[1]) result.byTenant[match[1]] = match[2]!.toUpperCase();
    else result.default = match[2]!.toUpperCase();
  }
  return result;
});

/** "loopback, 10.0.0.0/8": the proxies whose X-Forwarded-For is believed, as proxy-addr reads them. */
const trustedProxies = z.string().transform((text, ctx) => {
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    proxyaddr.compile(list);
    return list;
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: `${(error as Error).message}; use addresses, CIDR ranges, or loopback / linklocal / uniquelocal`,
    });
    return z.NEVER;
  }
});

/** The sample catalogue that ships beside the code (config/ in the sources, dist/config/ when built). */
const SAMPLE_SOLUTIONS = fileURLToPath(new URL('../config/solutions.json', import.meta.url));

/** Where the store is: the bot's STORE_URL, and the store commands' --from and --to. */
export const StoreUrl = z
  .string()
  .regex(/^(sqlite|redis|rediss|postgres|postgresql):\/\/.+/, 'must be sqlite://<file>, redis://host:port or postgres://user@host/db');
export const DEFAULT_STORE_URL = 'sqlite://./data/dealbot.sqlite';
/** Which kind of store a URL names, for logs: never the URL itself, which may hold a password. */
export const storeKind = (url: string): string => url.split('://')[0] ?? '';

/** Where deals' files are kept: a folder (file://), or Azure Blob Storage (https://<account>.blob.core.windows.net/<container>). */
export const FilesUrl = z
  .string()
  .regex(
    /^(file:\/\/.+|https:\/\/[a-z0-9]+\.blob\.core\.windows\.net\/[a-z0-9-]{3,63}\/?|http:\/\/(127\.0\.0\.1|localhost):\d+\/devstoreaccount1\/[a-z0-9-]{3,63}\/?)$/,
    'must be file://<folder>, https://<account>.blob.core.windows.net/<container>, or Azurite on loopback (http://127.0.0.1:<port>/devstoreaccount1/<container>)',
  );

/**
 * Where a file a user sends in Teams may be fetched from: Teams hands the bot a download URL on the user's
 * OneDrive or SharePoint. Nothing else an activity names is ever fetched, so the bot cannot be aimed at an
 * internal address. An entry is a host suffix ("*.sharepoint.com"), a host, or an origin; plain http only
 * for loopback (a test's stand-in).
 */
const downloadHosts = z.string().transform((text, ctx) => {
  const entries = text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const entry of entries) {
    const ok =
      /^\*\.[a-z0-9.-]+$/.test(entry) ||
      /^[a-z0-9.-]+$/.test(entry) ||
      /^https:\/\/[a-z0-9.-]+(:\d+)?$/.test(entry) ||
      /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(entry);
    if (!ok) {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not *.domain, a host, an https:// origin, or http://127.0.0.1:<port>` });
      return z.NEVER;
    }
  }
  return entries;
});
export const DEFAULT_FILE_DOWNLOAD_HOSTS = '*.sharepoint.com, *.sharepoint.us, *.sharepoint.de, *.sharepoint.cn';

/** The embedded default: a folder beside the SQLite file, so the two README commands need nothing else. */
function defaultFilesUrl(storeUrl: string): string {
  const sqlite = /^sqlite:\/\/(.+)$/.exec(storeUrl);
  return sqlite && sqlite[1] !== ':memory:' ? `file://${join(dirname(sqlite[1]!), 'files')}` : 'file://./data/files';
}

const Env = z
  .object({
    PORT: port.default(3978),
    HOST: z.string().min(1).default('0.0.0.0'),
    STORE_URL: StoreUrl.default(DEFAULT_STORE_URL),
    FILES_URL: FilesUrl.optional(),
    FILE_DOWNLOAD_HOSTS: downloadHosts.default(downloadHosts.parse(DEFAULT_FILE_DOWNLOAD_HOSTS)),
    MAX_FILE_BYTES: z.coerce
      .number({ error: 'must be a number of bytes' })
      .int('must be a whole number')
      .min(1024, 'must be at least 1024')
      .max(100 * 1024 * 1024, 'must be at most 100 MB (104857600)')
      .default(10 * 1024 * 1024),
    MAX_FILES_PER_DEAL: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(100).default(10),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SOLUTIONS_FILE: z.string().min(1).default(SAMPLE_SOLUTIONS),
    NODE_ENV: z.string().default('development'),
    MicrosoftAppId: z.string().default(''),
    MicrosoftAppPassword: z.string().default(''),
    MicrosoftAppType: z
      .string()
      .transform((text, ctx) => {
        const type = APP_TYPES.find((t) => t.toLowerCase() === text.trim().toLowerCase());
        if (type) return type;
        ctx.addIssue({
          code: 'custom',
          message: `must be ${APP_TYPES.join(', ')} (Azure creates SingleTenant and UserAssignedMSI bots only)`,
        });
        return z.NEVER;
      })
      .default('SingleTenant'),
    MicrosoftAppTenantId: z.string().default(''),
    /** Where Bot Framework's signing keys are published; only to be changed for a sovereign cloud (or a test). */
    ToBotFromChannelOpenIdMetadataUrl: z.url({ error: 'must be a URL' }).optional(),
    ToBotFromEmulatorOpenIdMetadataUrl: z.url({ error: 'must be a URL' }).optional(),
    ALLOWED_TENANTS: z
      .string()
      .transform((text) =>
        text
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      )
      .optional(),
    SIGNED_WITHIN_DAYS: positiveDays.default(PARTNER_CENTER_POLICY.signedWithinDays),
    START_WITHIN_DAYS: positiveDays.default(PARTNER_CENTER_POLICY.startWithinDays),
    MIN_ANNUAL_VALUE: minimums.default(PARTNER_CENTER_POLICY.minAnnualValue),
    MAX_BODY_BYTES: z.coerce
      .number({ error: 'must be a number of bytes' })
      .int('must be a whole number')
      .min(1024, 'must be at least 1024')
      .default(256 * 1024),
    HTTP_MAX_CONNECTIONS: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .default(800),
    HTTP_MAX_CONNECTIONS_PER_CLIENT: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .optional(),
    HTTP_HEADERS_TIMEOUT: duration.default(10_000),
    HTTP_REQUEST_TIMEOUT: duration.default(30_000),
    DRAIN_TIMEOUT: duration.default(20_000),
    STORE_TIMEOUT: duration.default(2000),
    ORGANISATION_COUNTRY: organisationCountries.default({ byTenant: {} }),
    SUPPORT_CONTACT: z.string().trim().min(1).max(200, 'must be at most 200 characters').optional(),
    /** The host Teams reaches the bot at, as the app package names it: deal links are https://BOT_DOMAIN/deals/D-…. */
    BOT_DOMAIN: z
      .string()
      .trim()
      .toLowerCase()
      .regex(
        /^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/,
        'must be a host name without https:// or a path, such as dealbot.azurewebsites.net',
      )
      .optional(),
    /** Application Insights: requests, dependencies and the product's metrics go there (src/telemetry.ts). */
    APPLICATIONINSIGHTS_CONNECTION_STRING: z
      .string()
      .regex(
        /(^|;)\s*InstrumentationKey=[^;]+/i,
        'must be an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)',
      )
      .optional(),
    /** An OpenTelemetry collector: traces, metrics and logs over OTLP (the other OTEL_* variables as the SDK reads them). */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ error: 'must be a URL, such as http://collector:4318' }).optional(),
    OTEL_SERVICE_NAME: z.string().trim().min(1).default('dealbot'),
    METRICS_PORT: port.optional(),
    METRICS_HOST: z.string().min(1).default('0.0.0.0'),
    TRUST_PROXY: trustedProxies.default([]),
    TEAMS_LIMITS_CONVERSATION: limits.default(TEAMS_CONVERSATION_LIMITS),
    TEAMS_LIMITS_TENANT: limits.default(TEAMS_TENANT_LIMITS),
    OUTBOX_POLL: duration.default(1000),
    OUTBOX_LEASE: duration.default(30_000),
    OUTBOX_MAX_BACKOFF: duration.default(15 * 60_000),
    REMINDER_AFTER: duration.default(3 * DAY_MS),
    /** A deal In review longer than this is named in its review conversation's daily digest. */
    REVIEW_REMINDER_AFTER: duration.default(2 * DAY_MS),
    RETENTION_CLOSED: duration.optional(),
    REMINDER_EVERY: duration.default(7 * DAY_MS),
    WINDOW_WARNING_BEFORE: duration.default(7 * DAY_MS),
    API_KEYS: apiKeys.default([]),
    REVIEWERS: reviewers.default([]),
    PAGE_SIZE: z.coerce.number({ error: 'must be a number' }).int().min(1, 'must be 1 to 20').max(20, 'must be 1 to 20').default(5),
  })
  .superRefine((env, ctx) => {
    if (env.APPLICATIONINSIGHTS_CONNECTION_STRING && env.OTEL_EXPORTER_OTLP_ENDPOINT) {
      const message = 'is set beside APPLICATIONINSIGHTS_CONNECTION_STRING: telemetry goes to one of them; unset one';
      ctx.addIssue({ code: 'custom', path: ['OTEL_EXPORTER_OTLP_ENDPOINT'], message });
    }
    if (env.NODE_ENV === 'production' && !env.MicrosoftAppId) {
      const message = 'is required when NODE_ENV is production: without it the bot would accept unsigned traffic from anyone';
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message });
    }
    if (env.MicrosoftAppType === 'UserAssignedMSI' && !env.MicrosoftAppId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message: "is required when MicrosoftAppType is UserAssignedMSI: the managed identity's client id",
      });
    }
    if (!env.MicrosoftAppId) return;
    if (env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
      const message = "is required when MicrosoftAppType is SingleTenant: the id of the Entra tenant the bot's app registration belongs to";
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message });
    }
    if (env.MicrosoftAppType === 'UserAssignedMSI' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: 'is required when MicrosoftAppType is UserAssignedMSI: the tenant of the managed identity',
      });
    }
    if (!env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: `is required when MicrosoftAppId is set and MicrosoftAppType is ${env.MicrosoftAppType}`,
      });
    }
  });

export interface ApiKeyConfig {
  tenantId: string;
  role: ApiRole;
  /** Lowercase hex SHA-256 of the key: the configuration never holds a key itself. */
  sha256: string;
  /** The Entra object id of the person the key is for: the key then acts as them (four-eyes, own deals). */
  person?: string;
}

/** Keys that are one caller: the same tenant, role and person (or no person); two while rotating. */
export const slotOf = (k: ApiKeyConfig): string => `${k.tenantId}:${k.role}${k.person ? `:${k.person}` : ''}`;

export interface Config {
  port: number;
  host: string;
  storeUrl: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  solutionsFile: string;
  production: boolean;
  maxBodyBytes: number;
  http: {
    maxConnections: number;
    /** Open connections at once from one client (an IPv4 address, an IPv6 /64); trusted proxies are not capped. */
    maxConnectionsPerClient: number;
    headersTimeoutMs: number;
    requestTimeoutMs: number;
    /** On SIGTERM, how long requests in flight may take to finish before the listener closes anyway. */
    drainTimeoutMs: number;
    /** Proxies whose X-Forwarded-For names the client (proxy-addr's notation). */
    trustProxy: string[];
  };
  /** How long a store operation may take before it is answered as unavailable. */
  storeTimeoutMs: number;
  /** Files on deals: where they are kept, where Teams' downloads may come from, how large and how many. */
  files: { url: string; downloadHosts: readonly string[]; maxBytes: number; maxPerDeal: number };
  /** The partner organisation's country (ISO alpha-2), per tenant or for all: where colleagues' phone numbers are read. */
  organisationCountry: (tenantId: string) => string | undefined;
  /** Where deal links point: https://BOT_DOMAIN, or this machine's listener in local development. */
  publicUrl: string;
  /** Whom sellers should ask to add a missing solution (a name, a team, an address); undefined: generic words. */
  supportContact?: string;
  /** Where traces, metrics and logs are exported (src/telemetry.ts); undefined: nowhere. */
  telemetry?:
    | { exporter: 'azure-monitor'; connectionString: string; serviceName: string }
    | { exporter: 'otlp'; endpoint: string; serviceName: string };
  /** Where /metrics is served: a listener of its own, never the public one; undefined: not served. */
  metrics?: { port: number; host: string };
  outbox: {
    pollMs: number;
    leaseMs: number;
    maxBackoffMs: number;
    conversationLimits: RateLimit[];
    tenantLimits: RateLimit[];
  };
  reminders: ReminderPeriods;
  /** REVIEW_REMINDER_AFTER: deals waiting longer are named in the review conversation's daily digest. */
  reviewReminderAfterMs: number;
  /** RETENTION_CLOSED: Approved and Declined deals closed longer ago than this are deleted; undefined keeps them. */
  retentionClosedMs?: number;
  apiKeys: ApiKeyConfig[];
  /** Who may decide deals in Teams, per tenant (Entra object ids). */
  reviewers: { tenantId: string; userId: string }[];
  /** Deals per card on the My deals pages. */
  pageSize: number;
  policy: RegistrationPolicy;
  /** Bot Framework's own settings, under the names ConfigurationBotFrameworkAuthentication reads. */
  botFramework: {
    MicrosoftAppId: string;
    MicrosoftAppPassword: string;
    MicrosoftAppType: (typeof APP_TYPES)[number];
    MicrosoftAppTenantId: string;
    ToBotFromChannelOpenIdMetadataUrl?: string;
    ToBotFromEmulatorOpenIdMetadataUrl?: string;
  };
  /** Only these tenants' activities are served; undefined: every tenant. */
  allowedTenants?: ReadonlySet<string>;
}

export class ConfigError extends Error {}

/** Reads the environment once; a bad value stops the start with one line per variable. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = Env.safeParse(blanksRemoved);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${String(i.path[0] ?? 'environment')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    storeUrl: e.STORE_URL,
    files: {
      url: e.FILES_URL ?? defaultFilesUrl(e.STORE_URL),
      downloadHosts: e.FILE_DOWNLOAD_HOSTS,
      maxBytes: e.MAX_FILE_BYTES,
      maxPerDeal: e.MAX_FILES_PER_DEAL,
    },
    logLevel: e.LOG_LEVEL,
    solutionsFile: e.SOLUTIONS_FILE,
    production: e.NODE_ENV === 'production',
    maxBodyBytes: e.MAX_BODY_BYTES,
    http: {
      maxConnections: e.HTTP_MAX_CONNECTIONS,
      // One client may hold an eighth of the connections (at least 10): the rest stay for everyone else.
      maxConnectionsPerClient: e.HTTP_MAX_CONNECTIONS_PER_CLIENT ?? Math.max(10, Math.ceil(e.HTTP_MAX_CONNECTIONS / 8)),
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT,
      drainTimeoutMs: e.DRAIN_TIMEOUT,
      trustProxy: e.TRUST_PROXY,
    },
    storeTimeoutMs: e.STORE_TIMEOUT,
    supportContact: e.SUPPORT_CONTACT,
    publicUrl: e.BOT_DOMAIN ? `https://${e.BOT_DOMAIN}` : `http://localhost:${e.PORT}`,
    organisationCountry: (tenantId) => e.ORGANISATION_COUNTRY.byTenant[tenantId] ?? e.ORGANISATION_COUNTRY.default,
    telemetry: e.APPLICATIONINSIGHTS_CONNECTION_STRING
      ? { exporter: 'azure-monitor', connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING, serviceName: e.OTEL_SERVICE_NAME }
      : e.OTEL_EXPORTER_OTLP_ENDPOINT
        ? { exporter: 'otlp', endpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME }
        : undefined,
    metrics: e.METRICS_PORT === undefined ? undefined : { port: e.METRICS_PORT, host: e.METRICS_HOST },
    pageSize: e.PAGE_SIZE,
    outbox: {
      pollMs: e.OUTBOX_POLL,
      leaseMs: e.OUTBOX_LEASE,
      maxBackoffMs: e.OUTBOX_MAX_BACKOFF,
      conversationLimits: e.TEAMS_LIMITS_CONVERSATION,
      tenantLimits: e.TEAMS_LIMITS_TENANT,
    },
    reviewReminderAfterMs: e.REVIEW_REMINDER_AFTER,
    retentionClosedMs: e.RETENTION_CLOSED,
    reminders: { afterMs: e.REMINDER_AFTER, everyMs: e.REMINDER_EVERY, windowWarningMs: e.WINDOW_WARNING_BEFORE },
    apiKeys: e.API_KEYS,
    reviewers: e.REVIEWERS,
    policy: {
      ...PARTNER_CENTER_POLICY,
      signedWithinDays: e.SIGNED_WITHIN_DAYS,
      startWithinDays: e.START_WITHIN_DAYS,
      minAnnualValue: e.MIN_ANNUAL_VALUE,
    },
    botFramework: {
      MicrosoftAppId: e.MicrosoftAppId,
      MicrosoftAppPassword: e.MicrosoftAppPassword,
      MicrosoftAppType: e.MicrosoftAppType,
      MicrosoftAppTenantId: e.MicrosoftAppTenantId,
      ToBotFromChannelOpenIdMetadataUrl: e.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: e.ToBotFromEmulatorOpenIdMetadataUrl,
    },
    allowedTenants: allowedTenantsOf(e),
  };
}

/**
 * The tenants whose activities the bot serves. A SingleTenant or UserAssignedMSI bot serves its own tenant
 * unless ALLOWED_TENANTS says otherwise; "*" (or a MultiTenant bot without the setting) serves any.
 */
function allowedTenantsOf(e: {
  ALLOWED_TENANTS?: string[];
  MicrosoftAppType: string;
  MicrosoftAppTenantId: string;
}): ReadonlySet<string> | undefined {
  if (e.ALLOWED_TENANTS?.includes('*')) return undefined;
  if (e.ALLOWED_TENANTS && e.ALLOWED_TENANTS.length > 0) return new Set(e.ALLOWED_TENANTS);
  const ownTenant = e.MicrosoftAppType === 'SingleTenant' || e.MicrosoftAppType === 'UserAssignedMSI';
  return ownTenant && e.MicrosoftAppTenantId ? new Set([e.MicrosoftAppTenantId]) : undefined;
}

/** A .env file in the working directory, if there is one; the real environment wins over it. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
