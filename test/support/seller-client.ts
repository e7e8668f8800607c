import { executeActivity, installActivity, messageActivity, type Speaker, speaker } from './activities.js';
import { postActivity } from './bot-under-test.js';
import { action, inputValues, type Json } from './cards.js';
import type { FakeConnector } from './fake-connector.js';

/** A seller in Teams: types messages, clicks card buttons, and reads what the bot shows. */
export class SellerClient {
  readonly who: Speaker;

  constructor(
    private readonly target: { url: string; connector: FakeConnector },
    who: Partial<Speaker> = {},
  ) {
    this.who = speaker(who);
  }

  private lastSent(): Json {
    const sent = this.target.connector.sent(this.who.conversationId);
    const last = sent.at(-1);
    const attachments = last?.attachments as { content: Json }[] | undefined;
    if (!attachments?.[0]) throw new Error('the bot sent no card');
    return attachments[0].content;
  }

  /** Types a message; resolves with the card the bot sent back. */
  async say(text: string): Promise<Json> {
    const before = this.target.connector.sent(this.who.conversationId).length;
    const { status } = await postActivity(this.target.url, messageActivity(this.who, this.target.connector.url, text));
    if (status !== 200) throw new Error(`message answered ${status}`);
    if (this.target.connector.sent(this.who.conversationId).length === before) throw new Error('the bot did not answer');
    return this.lastSent();
  }

  async install(): Promise<Json> {
    await postActivity(this.target.url, installActivity(this.who, this.target.connector.url));
    return this.lastSent();
  }

  /** Sends an Action.Execute as Teams does: the action's data merged with the card's inputs. */
  async execute(verb: string, data: Record<string, unknown>): Promise<{ status: number; card: Json }> {
    const { status, body } = await postActivity(
      this.target.url,
      executeActivity(this.who, this.target.connector.url, verb, data),
    );
    const response = body as { statusCode: number; type: string; value: Json } | undefined;
    if (status !== 200 || response?.type !== 'application/vnd.microsoft.card.adaptive') {
      throw new Error(`invoke answered ${status}: ${JSON.stringify(body)}`);
    }
    return { status, card: response.value };
  }

  /** Clicks a button on a card, having typed `typed` into its inputs first; resolves with the new card. */
  async click(card: Json, title: string, typed: Record<string, string> = {}): Promise<Json> {
    const button = action(card, title);
    const data = { ...inputValues(card), ...typed, ...(button.data as Json) };
    return (await this.execute(button.verb as string, data)).card;
  }
}
