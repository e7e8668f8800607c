import { ActivityTypes, CardFactory, type TurnContext } from 'botbuilder';
import { ADAPTIVE_CARD, type Card, type Toast } from './render.js';
import type { ComposeAnswer } from './views/compose-results.js';

/** What a route answers: a card, a line for the user who clicked, or Teams' compose-box result shape. */
export type Answer = Card | Toast | ComposeAnswer;

const isToast = (answer: Answer): answer is Toast => typeof (answer as Toast).toast === 'string';
const isCompose = (answer: Answer): answer is ComposeAnswer => (answer as ComposeAnswer).composeExtension !== undefined;

/**
 * An invoke's answer, built here only: a card replaces the card that was clicked (Universal Actions), a
 * toast is a line for the clicker alone with the card left as it was, a compose answer is what the compose
 * box reads; a bare status (400, 403) refuses the invoke.
 */
export async function answerInvoke(context: TurnContext, answer: Answer | 400 | 403): Promise<void> {
  if (typeof answer === 'number') {
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: answer } });
    return;
  }
  const body = isCompose(answer)
    ? answer
    : isToast(answer)
      ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: answer.toast }
      : { statusCode: 200, type: ADAPTIVE_CARD, value: answer };
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}

/** A message's answer: a card posted into the conversation, or a line of text. */
export async function answerMessage(context: TurnContext, answer: Card | Toast): Promise<void> {
  await context.sendActivity(isToast(answer) ? answer.toast : { attachments: [CardFactory.adaptiveCard(answer)] });
}
