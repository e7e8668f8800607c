import { format } from 'node:util';

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug';
const METHODS: ConsoleMethod[] = ['log', 'info', 'warn', 'error', 'debug'];
const original = Object.fromEntries(METHODS.map((m) => [m, console[m]])) as Record<ConsoleMethod, (...args: unknown[]) => void>;
let held: string[] = [];

/**
 * A mocha root hook: what libraries print to the console during a test (botbuilder writes each refused
 * token's stack, and the signing keys it tried, to stderr) is held, and shown only if the test fails.
 * A passing run prints the test names and the figures tests write to stdout themselves, nothing else.
 * Mocha's reporter kept its own reference to console.log before this replaced it.
 */
export const mochaHooks = {
  beforeEach(): void {
    held = [];
    for (const method of METHODS) console[method] = (...args: unknown[]) => void held.push(format(...args));
  },
  afterEach(this: Mocha.Context): void {
    for (const method of METHODS) console[method] = original[method];
    if (this.currentTest?.state === 'failed' && held.length > 0) {
      process.stderr.write(`      console output of the failed test:\n${held.map((l) => `        ${l}`).join('\n')}\n`);
    }
    held = [];
  },
};
