import type { Card } from '../render.js';
import type { Turn } from '../turn.js';
import { helpCard } from '../views/help-card.js';
import { welcomeCard } from '../views/welcome-card.js';

/** The bot was added to a chat: say what it does, with the first steps as buttons. */
export async function welcome(turn: Turn): Promise<Card> {
  return welcomeCard(turn.view);
}

/** "help": what the bot can do. */
export async function help(turn: Turn): Promise<Card> {
  return helpCard(turn.view);
}

/** Anything typed that the bot does not understand gets the help card, never silence. */
export async function notUnderstood(turn: Turn): Promise<Card> {
  return helpCard(turn.view, turn.view.t('notices.notUnderstood'));
}
