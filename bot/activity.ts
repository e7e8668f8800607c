import { z } from 'zod';

const Account = z.object({
  id: z.string().max(500),
  aadObjectId: z.string().max(100).optional(),
  name: z.string().max(500).optional(),
});

/** The parts of an incoming activity the bot reads, checked once at the boundary. */
export const IncomingActivity = z.looseObject({
  type: z.string(),
  id: z.string().max(500).optional(),
  serviceUrl: z.string().max(1000).optional(),
  channelId: z.string().max(100).optional(),
  name: z.string().max(200).optional(),
  text: z.string().max(20_000).optional(),
  locale: z.string().max(50).optional(),
  localTimestamp: z.union([z.string().max(50), z.date()]).optional(),
  from: Account,
  recipient: Account.optional(),
  conversation: z.looseObject({
    id: z.string().max(1000),
    tenantId: z.string().max(100).optional(),
    conversationType: z.string().max(50).optional(),
  }),
  channelData: z.looseObject({ tenant: z.object({ id: z.string().max(100) }).optional() }).optional(),
  entities: z
    .array(z.looseObject({ type: z.string(), locale: z.string().max(50).optional(), timezone: z.string().max(100).optional() }))
    .optional(),
  membersAdded: z.array(Account).optional(),
  attachments: z
    .array(z.looseObject({ contentType: z.string().max(200) }))
    .max(50)
    .optional(),
  value: z.unknown().optional(),
});
export type IncomingActivity = z.infer<typeof IncomingActivity>;

/** The payload of an Action.Execute invoke: inputs are merged into `data` by the client. */
export const ExecuteInvoke = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().max(100),
    data: z.record(z.string(), z.unknown()).default({}),
  }),
});

/**
 * What an Action.Submit sends, as a message whose value is the action's data merged with the card's
 * inputs: the cards name the verb in it. Used where the answer must be a new message (a notification's
 * buttons), since an Action.Execute's answer replaces the card that was clicked.
 */
export const SubmitValue = z
  .looseObject({ verb: z.string().max(100) })
  .transform(({ verb, ...data }) => ({ verb, data: data as Record<string, unknown> }));

/** What Teams attaches when a user sends a file in a 1:1 chat with a bot (supportsFiles): a download link. */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

const FileDownloadInfo = z.object({
  contentType: z.literal(FILE_DOWNLOAD_INFO),
  name: z.string().min(1).max(1000),
  content: z.looseObject({ downloadUrl: z.string().min(1).max(8000) }),
});

/**
 * The files a message offers: their names and download links, at most five (more are not read). A file
 * shared in a group chat or channel comes as a reference to SharePoint instead (`isFileShare`).
 */
export function offeredFiles(activity: IncomingActivity): { name: string; downloadUrl: string }[] {
  return (activity.attachments ?? [])
    .map((a) => FileDownloadInfo.safeParse(a))
    .flatMap((parsed) => (parsed.success ? [{ name: parsed.data.name, downloadUrl: parsed.data.content.downloadUrl }] : []))
    .slice(0, 5);
}

/** The message carries a file, in whatever form Teams gives it where it was sent. */
export const carriesFile = (activity: IncomingActivity): boolean =>
  (activity.attachments ?? []).some((a) => a.contentType === FILE_DOWNLOAD_INFO || a.contentType === 'reference');
