import { mkdirSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { BotProcess } from '../support/bot-process.js';
import { PlaygroundChat } from './playground-page.js';
import { PlaygroundProcess } from './playground-process.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = new URL('./screenshots/', import.meta.url);

/** The bot in a process of its own, the Agents Playground on `port`, and headless Chromium showing its chat. */
export class PlaygroundSession {
  private constructor(
    readonly bot: BotProcess,
    private readonly playground: PlaygroundProcess,
    private readonly browser: Browser,
    readonly chat: PlaygroundChat,
  ) {}

  /** Started and shown, once the bot's welcome card is on the screen. */
  static async open(botEnv: Record<string, string>, port: number): Promise<PlaygroundSession> {
    mkdirSync(SHOTS, { recursive: true });
    const bot = await new BotProcess(botEnv).start();
    const playground = await new PlaygroundProcess(`${bot.url}/api/messages`, port).start();
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(playground.url);
    const chat = new PlaygroundChat(page);
    await chat.waitForCard('Dealbot: deal registrations', 30_000);
    return new PlaygroundSession(bot, playground, browser, chat);
  }

  /** Saves what the screen shows as screenshots/<name>.png. */
  shot(name: string): Promise<void> {
    return this.chat.screenshot(new URL(`${name}.png`, SHOTS).pathname);
  }

  /** A failed test's screen, named after it: for mocha's afterEach. */
  async shotIfFailed(test: Mocha.Test | undefined, prefix: () => string): Promise<void> {
    if (test?.state === 'failed') await this.shot(`${prefix()}failed-${test.title.slice(0, 40).replace(/\W+/g, '-')}`);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.playground.stop();
    await this.bot.signal('SIGTERM');
  }
}
