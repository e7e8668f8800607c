import type { Locator, Page } from 'playwright-core';

/**
 * The Agents Playground's chat as a seller uses it: type into the compose box, fill the bot's Adaptive
 * Cards by their labels, press their buttons. Every step waits for what a person would wait for.
 */
/** A field's accessible name as the playground gives it: its label, with " *" after a required one. */
const labelled = (label: string) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

export class PlaygroundChat {
  constructor(readonly page: Page) {}

  /** The most recent card the bot posted (or updated in place). */
  lastCard(): Locator {
    return this.page.locator('.ac-adaptiveCard').last();
  }

  cards(): Locator {
    return this.page.locator('.ac-adaptiveCard');
  }

  async say(text: string): Promise<void> {
    const box = this.page.locator('[data-lexical-editor="true"]');
    await box.click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Waits until the latest card shows this text. */
  async waitForCard(text: string | RegExp, timeout = 15_000): Promise<Locator> {
    const card = this.lastCard();
    await card.filter({ hasText: text }).waitFor({ timeout });
    return card;
  }

  async fill(label: string, value: string): Promise<void> {
    await this.lastCard().getByLabel(labelled(label)).fill(value);
  }

  /** A choice set shown as a combobox (compact or filtered): open it, narrow by typing, pick the option. */
  async choose(label: string, typed: string, option = typed): Promise<void> {
    const box = this.lastCard().getByRole('combobox', { name: labelled(label) });
    await box.click();
    await box.fill(typed);
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  /** An expanded choice set: radio buttons. */
  async pick(option: string): Promise<void> {
    await this.lastCard().getByRole('radio', { name: option, exact: true }).check();
  }

  /**
   * A date input opens a calendar on today; Enter takes today. Under load (CI, after the store suites) an
   * Enter now and then reached the calendar before it had focused today's cell and chose nothing, so an
   * empty input gets another try or two before the test gives up.
   */
  async today(label: string): Promise<void> {
    const input = this.lastCard().getByRole('combobox', { name: labelled(label) });
    for (let attempt = 0; attempt < 3; attempt++) {
      await input.click();
      const calendar = this.page.getByRole('grid').last();
      await calendar.waitFor();
      await calendar
        .locator(':focus')
        .waitFor({ timeout: 2000 })
        .catch(() => undefined);
      await this.page.keyboard.press('Enter');
      await calendar.waitFor({ state: 'hidden' }).catch(() => this.page.keyboard.press('Escape'));
      if ((await input.inputValue()) !== '') return;
    }
    throw new Error(`${label}: the calendar did not take today`);
  }

  /** Switches to another conversation in the sidebar ("Personal Chat", "Group Chat", "General"). */
  async openConversation(name: string): Promise<void> {
    await this.page.getByText(name, { exact: true }).first().click();
  }

  /**
   * The compose box's message extension, searching: the playground reads no manifest, so it is told the
   * command and parameter the manifest declares. Resolves with the result list.
   */
  async searchDeals(text: string, command = { id: 'searchDeals', parameter: 'query' }): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Trigger Message Extension App' }).click();
    await this.page.getByText('Search Command', { exact: true }).click();
    await this.page.getByText('Specify Command ID or Parameter').click();
    await this.page.getByPlaceholder('Command ID').fill(command.id);
    await this.page.getByPlaceholder('Parameter name').fill(command.parameter);
    await this.page.getByPlaceholder('Enter a search term').fill(text);
    await this.page.keyboard.press('Enter');
    return this.page.getByText('Search-Based Message Extension').locator('xpath=ancestor::*[.//input][1]');
  }

  /** Pastes a link into the message extension's link unfurling, as Teams does when a link is pasted. */
  async pasteLink(url: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Trigger Message Extension App' }).click();
    await this.page.getByText('Link Unfurling', { exact: true }).click();
    await this.page.getByLabel('Enter an URL').fill(url);
    await this.page.keyboard.press('Enter');
  }

  /**
   * Sends an activity the playground has no button for (a file, as Teams delivers it in a 1:1 chat), through
   * its "Custom activity" dialog: the dialog's own template (this chat, this user) with `activity` over it.
   */
  async sendActivity(activity: Record<string, unknown>): Promise<void> {
    await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await this.page.getByRole('button', { name: 'Mock an Activity' }).click();
    await this.page.getByRole('menuitem', { name: 'Custom activity' }).click();
    await this.page.locator('.monaco-editor').first().click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Control+C');
    const template = JSON.parse(await this.page.evaluate(() => navigator.clipboard.readText())) as Record<string, unknown>;
    // Pasted on one line: the editor closes brackets and indents what is typed, not what is pasted.
    await this.page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify({ ...template, ...activity }));
    await this.page.keyboard.press('Control+V');
    await this.page.getByRole('button', { name: 'Send activity' }).click();
  }

  async press(button: string): Promise<void> {
    await this.lastCard().getByRole('button', { name: button, exact: true }).click();
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }
}
