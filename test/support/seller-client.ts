import { type Elsewhere, executeActivity, installActivity, invokeActivity, messageActivity, type Speaker, speaker } from './activities.js';
import { postActivity } from './bot-under-test.js';
import { action, inputValues, type Json } from './cards.js';
import type { FakeConnector } from './fake-connector.js';

/** A seller in Teams: types messages, clicks card buttons, and reads what the bot shows. */
export class SellerClient {
  readonly who: Speaker;
  /** Ids of the activities this user sent: the bot's answers reply to these; anything else it sent on its own. */
  private readonly mine = new Set<string>();

  constructor(
    private readonly target: { url: string; connector: FakeConnector },
    who: Partial<Speaker> = {},
  ) {
    this.who = speaker(who);
  }

  /** The card the bot sent in reply to one activity (proactive notifications may arrive in between). */
  private replyTo(activityId: string): Json {
    const reply = this.target.connector.sent(this.who.conversationId).find((a) => a.replyToId === activityId);
    const attachments = reply?.attachments as { content: Json }[] | undefined;
    if (!attachments?.[0]) throw new Error('the bot did not answer with a card');
    return attachments[0].content;
  }

  /** Types a message; resolves with the card the bot sent back. */
  async say(text: string): Promise<Json> {
    const activity = messageActivity(this.who, this.target.connector.url, text);
    this.mine.add(activity.id);
    const { status } = await postActivity(this.target.url, activity);
    if (status !== 200) throw new Error(`message answered ${status}`);
    return this.replyTo(activity.id);
  }

  /** Sends files as Teams does from the 1:1 chat (a download link each); resolves with the bot's card. */
  async sendFiles(files: { name: string; downloadUrl: string }[], text = ''): Promise<Json> {
    const activity = {
      ...messageActivity(this.who, this.target.connector.url, text),
      attachments: files.map((f) => ({
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        name: f.name,
        contentUrl: 'https://contoso-my.sharepoint.com/personal/anna/Documents/Microsoft%20Teams%20Chat%20Files/x',
        content: { downloadUrl: f.downloadUrl, uniqueId: 'unique', fileType: f.name.split('.').at(-1) },
      })),
    };
    this.mine.add(activity.id);
    const { status } = await postActivity(this.target.url, activity);
    if (status !== 200) throw new Error(`message answered ${status}`);
    return this.replyTo(activity.id);
  }

  async install(): Promise<Json> {
    const activity = installActivity(this.who, this.target.connector.url);
    this.mine.add(activity.id);
    await postActivity(this.target.url, activity);
    return this.replyTo(activity.id);
  }

  /** Cards the bot sent this user on its own (notifications), oldest first. */
  notifications(): Json[] {
    return this.target.connector
      .sent(this.who.conversationId)
      .filter((a) => !this.mine.has(a.replyToId as string) && a.attachments)
      .map((a) => (a.attachments as { content: Json }[])[0]!.content);
  }

  /** Sends an Action.Execute as Teams does: the action's data merged with the card's inputs. */
  async execute(verb: string, data: Record<string, unknown>): Promise<{ status: number; card: Json }> {
    const { status, body } = await postActivity(this.target.url, executeActivity(this.who, this.target.connector.url, verb, data));
    const response = body as { statusCode: number; type: string; value: Json } | undefined;
    if (status !== 200 || response?.type !== 'application/vnd.microsoft.card.adaptive') {
      throw new Error(`invoke answered ${status}: ${JSON.stringify(body)}`);
    }
    return { status, card: response.value };
  }

  /** Any invoke, answered in the HTTP response as Teams reads it (a compose-box search, a pasted link, a click elsewhere). */
  async invoke(name: string, value: unknown, where?: Elsewhere): Promise<{ status: number; body: Json }> {
    const { status, body } = await postActivity(this.target.url, invokeActivity(this.who, this.target.connector.url, name, value, where));
    return { status, body: body as Json };
  }

  /** Types into the compose box's deal search (as Teams sends it, or Copilot with a status); the results Teams would list. */
  async search(
    query: string | undefined,
    options: { status?: string; where?: Elsewhere; commandId?: string; skip?: number; count?: number } = {},
  ): Promise<Json> {
    const parameters =
      query === undefined
        ? [{ name: 'initialRun', value: 'true' }]
        : [{ name: 'query', value: query }, ...(options.status ? [{ name: 'status', value: options.status }] : [])];
    const queryOptions = { skip: options.skip ?? 0, count: options.count ?? 25 };
    const value = { commandId: options.commandId ?? 'searchDeals', parameters, queryOptions };
    const { status, body } = await this.invoke('composeExtension/query', value, options.where);
    if (status !== 200) throw new Error(`search answered ${status}`);
    return body.composeExtension as Json;
  }

  /** Pastes a link into the compose box: what Teams would unfurl it into. */
  async pasteLink(url: string, where?: Elsewhere): Promise<Json> {
    const { status, body } = await this.invoke('composeExtension/queryLink', { url }, where);
    if (status !== 200) throw new Error(`queryLink answered ${status}`);
    return body.composeExtension as Json;
  }

  /** Clicks an Action.Execute on a card seen elsewhere (a shared card in a channel): the invoke's answer as it is. */
  async executeElsewhere(verb: string, data: Record<string, unknown>, where: Elsewhere): Promise<Json> {
    const value = { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' };
    const { status, body } = await this.invoke('adaptiveCard/action', value, where);
    if (status !== 200) throw new Error(`invoke answered ${status}`);
    return body;
  }

  /** Clicks a button on a card, having typed `typed` into its inputs first; resolves with the new card. */
  async click(card: Json, title: string, typed: Record<string, string> = {}): Promise<Json> {
    const button = action(card, title);
    // As Teams does: a button with associatedInputs "none" sends its own data only, not the card's inputs.
    const inputs = button.associatedInputs === 'none' ? {} : { ...inputValues(card), ...typed };
    const data = { ...inputs, ...(button.data as Json) };
    if (button.type === 'Action.Submit') return this.submit(data);
    return (await this.execute(button.verb as string, data)).card;
  }

  /** An Action.Submit as Teams sends it: a message with no text whose value is the data; the answer is a new card. */
  async submit(value: Record<string, unknown>): Promise<Json> {
    const activity = { ...messageActivity(this.who, this.target.connector.url, ''), text: undefined, value };
    this.mine.add(activity.id);
    const { status } = await postActivity(this.target.url, activity);
    if (status !== 200) throw new Error(`submit answered ${status}`);
    return this.replyTo(activity.id);
  }
}
