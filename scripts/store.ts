// npm run store -- <copy|backup|restore|upgrade> ...: move, back up, restore and upgrade Dealbot's store.
// Run `npm run store -- help` for the commands; docs/operations.md says when to use each.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { systemClock } from '../src/clock.js';
import { DEFAULT_STORE_URL, StoreUrl, storeKind } from '../src/config.js';
import { BackupFileError, readBackup, writeBackup } from '../src/store/backup-file.js';
import type { Documents, StoredRow } from '../src/store/documents.js';
import { openStore } from '../src/store/open.js';
import { problemOf } from '../src/store/record-check.js';
import {
  differences,
  emptyStore,
  emptySummary,
  finishTransfer,
  holdsData,
  markTransfer,
  runningInstances,
  type StoreSummary,
  summarize,
  summaryOf,
  transfer,
  unfinishedTransfer,
} from '../src/store/transfer.js';
import { upgradeAll } from '../src/store/upgrade.js';

const USAGE = `usage:
  npm run store -- copy --from <url> --to <url> [--force]
  npm run store -- backup <file> [--from <url>]          (default --from: STORE_URL, as the bot reads it)
  npm run store -- restore <file> --to <url> [--force]
  npm run store -- verify --from <url> --to <url>        (the checks a copy ends with, on two stores)
  npm run store -- upgrade [--store <url>]               (default: STORE_URL)
urls: sqlite://<file>, redis://host:port, postgres://user@host/db`;

/** Exit codes: 0 done; 1 the target does not match what was sent; 2 bad arguments; 3 refused. */
class Refused extends Error {}

const Force = z.boolean().default(false);
const File = z.string().min(1, 'name the backup file');
const Command = z.discriminatedUnion('command', [
  z.object({ command: z.literal('copy'), from: StoreUrl, to: StoreUrl, force: Force }),
  z.object({ command: z.literal('backup'), file: File, from: StoreUrl }),
  z.object({ command: z.literal('restore'), file: File, to: StoreUrl, force: Force }),
  z.object({ command: z.literal('verify'), from: StoreUrl, to: StoreUrl }),
  z.object({ command: z.literal('upgrade'), store: StoreUrl }),
]);
type Command = z.infer<typeof Command>;

function parseCommand(argv: string[]): Command {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' }, store: { type: 'string' }, force: { type: 'boolean' } },
  });
  const [command, file] = positionals;
  const fromEnv = process.env.STORE_URL ?? DEFAULT_STORE_URL;
  return Command.parse({
    command,
    file,
    from: values.from ?? (command === 'backup' ? fromEnv : undefined),
    to: values.to,
    store: values.store ?? fromEnv,
    force: values.force,
  });
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const plural = new Intl.PluralRules('en');
const counted = (n: number, one: string, other: string) => `${n.toLocaleString('en')} ${plural.select(n) === 'one' ? one : other}`;
const progress = (what: string) => (n: number) => say(`  ${what} ${n.toLocaleString('en')} documents`);

async function withStore<R>(url: string, use: (docs: Documents) => Promise<R>): Promise<R> {
  const docs = await openStore(url, { timeoutMs: 30_000, clock: systemClock });
  try {
    return await use(docs);
  } finally {
    await docs.close();
  }
}

/** A store's rows, consistent: SQLite is first copied whole by its online backup, then read from the copy. */
async function* consistentRows(docs: Documents, url: string): AsyncIterable<StoredRow[]> {
  if (storeKind(url) !== 'sqlite') {
    yield* docs.scan();
    return;
  }
  const file = join(tmpdir(), `dealbot-snapshot-${process.pid}-${randomUUID()}.sqlite`);
  await docs.snapshot!(file);
  const snapshot = await openStore(`sqlite://${file}`, { clock: systemClock });
  try {
    yield* snapshot.scan();
  } finally {
    await snapshot.close();
    rmSync(file, { force: true });
  }
}

async function refuseRunning(docs: Documents, what: string): Promise<void> {
  const running = await runningInstances(docs);
  if (running.length > 0) {
    throw new Refused(`${what} is in use by a running Dealbot (${running.join(', ')}): stop it first, then run this again.`);
  }
}

/**
 * A target must be empty, or hold an unfinished transfer from this very source (which is carried on), or
 * be replaced with --force: everything in it deleted first, under the marker, so nothing is ever merged.
 */
async function prepareTarget(target: Documents, force: boolean, source: string): Promise<void> {
  const data = await holdsData(target);
  const unfinished = await unfinishedTransfer(target);
  if (force) {
    if (!data && !unfinished) return;
    await markTransfer(target, source);
    const removed = await emptyStore(target);
    say(`--force: the target's ${removed.toLocaleString('en')} documents were deleted; it is filled from ${source} alone.`);
    return;
  }
  if (unfinished && unfinished.source !== source) {
    throw new Refused(
      `The target holds an unfinished copy or restore of ${unfinished.source ?? 'an unknown source'} (started ${unfinished.startedAt}), not of ${source}. Run that one again to finish it, or add --force to replace everything with ${source}.`,
    );
  }
  if (unfinished) say('The target holds an unfinished copy or restore of this same source: carrying on (what is there is written again).');
  else if (data) throw new Refused('The target store already holds data. Name an empty one, or add --force to replace it.');
}

/** A backup named by its content: the same file under another name is the same source, another file is not. */
async function sourceOfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return `backup ${file} (sha256 ${hash.digest('hex').slice(0, 16)})`;
}

/** A store named without its credentials. */
const sourceOfUrl = (url: string) => `${storeKind(url)} store ${url.replace(/\/\/[^@/]*@/, '//')}`;

async function verified(sent: StoreSummary, target: Documents, options: { keepMarker?: boolean } = {}): Promise<number> {
  const found = differences(sent, await summaryOf(target));
  if (found.length === 0) {
    if (!options.keepMarker) await finishTransfer(target);
    const deals = [...sent.counts.values()].reduce((a, b) => a + b, 0);
    const tenants = new Set([...sent.counts.keys()].map((k) => k.split(' ')[0])).size;
    say(
      `Verified: ${counted(deals, 'deal', 'deals')} in ${counted(tenants, 'tenant', 'tenants')}, every deal's content alike; ${counted(sent.records, 'record', 'records')} in all (indexes are rebuilt from the deals, short-lived keys left out).`,
    );
    return 0;
  }
  say(`Verification failed: ${found.length} differences.`);
  for (const line of found.slice(0, 50)) say(`  ${line}`);
  if (found.length > 50) say(`  … and ${found.length - 50} more`);
  return 1;
}

async function run(command: Command): Promise<number> {
  switch (command.command) {
    case 'copy':
      return withStore(command.from, (source) =>
        withStore(command.to, async (target) => {
          await refuseRunning(source, 'The source store');
          await refuseRunning(target, 'The target store');
          const from = sourceOfUrl(command.from);
          await prepareTarget(target, command.force, from);
          say(`Copying ${storeKind(command.from)} → ${storeKind(command.to)}…`);
          const sent = await transfer(consistentRows(source, command.from), target, progress('copied'), from);
          return verified(sent, target);
        }),
      );
    case 'backup':
      if (!existsSync(dirname(resolve(command.file)))) {
        throw new Refused(`The folder ${dirname(resolve(command.file))} does not exist: create it, or name a file in a folder that does.`);
      }
      return withStore(command.from, async (source) => {
        const rows = await writeBackup(command.file, storeKind(command.from), consistentRows(source, command.from), systemClock());
        say(
          `Backed up ${rows.toLocaleString('en')} documents from ${storeKind(command.from)} to ${command.file}: the records, and the indexes and short-lived keys a restore rebuilds or leaves out.`,
        );
        return 0;
      });
    case 'restore': {
      // The whole file is read and every row checked before anything is written: a cut file, a row that is
      // not JSON, a record its repository could not read or filed under another tenant changes nothing.
      if (!existsSync(command.file)) {
        throw new Refused(`There is no backup file ${command.file}: name one that \`npm run store -- backup\` wrote.`);
      }
      const source = await sourceOfFile(command.file);
      const inFile = emptySummary();
      const problems: string[] = [];
      for await (const page of readBackup(command.file)) {
        for (const row of page) {
          const problem = problemOf(row);
          if (problem) problems.push(problem);
          else summarize(inFile, row);
        }
      }
      if (problems.length > 0) {
        throw new BackupFileError(
          [
            `${command.file} holds ${problems.length} documents that cannot be restored; nothing was written:`,
            ...problems.slice(0, 20).map((p) => `  ${p}`),
            ...(problems.length > 20 ? [`  … and ${problems.length - 20} more`] : []),
          ].join('\n'),
        );
      }
      return withStore(command.to, async (target) => {
        await refuseRunning(target, 'The target store');
        await prepareTarget(target, command.force, source);
        say(`Restoring ${command.file} → ${storeKind(command.to)}…`);
        const sent = await transfer(readBackup(command.file), target, progress('restored'), source);
        if (differences(inFile, sent).length > 0) throw new BackupFileError(`${command.file} changed while it was read`);
        return verified(sent, target);
      });
    }
    case 'verify':
      return withStore(command.from, async (source) =>
        withStore(command.to, async (target) => verified(await summaryOf(source), target, { keepMarker: true })),
      );
    case 'upgrade':
      return withStore(command.store, async (docs) => {
        const report = await upgradeAll(docs, progress('upgraded'));
        say(`Upgraded ${report.upgraded.toLocaleString('en')} of ${report.records.toLocaleString('en')} records to their current shape.`);
        return 0;
      });
  }
}

async function main(): Promise<number> {
  let command: Command;
  try {
    if (['help', '--help', '-h', undefined].includes(process.argv[2])) {
      say(USAGE);
      return process.argv[2] === undefined ? 2 : 0;
    }
    command = parseCommand(process.argv.slice(2));
  } catch (error) {
    const detail =
      error instanceof z.ZodError
        ? error.issues.map((i) => `${i.path.join('.') || 'command'}: ${i.message}`).join('; ')
        : (error as Error).message;
    process.stderr.write(`${detail}\n${USAGE}\n`);
    return 2;
  }
  try {
    return await run(command);
  } catch (error) {
    if (error instanceof Refused || error instanceof BackupFileError) {
      process.stderr.write(`${error.message}\n`);
      return error instanceof Refused ? 3 : 1;
    }
    process.stderr.write(`The store command failed: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main();
