import type { Verb } from '../verbs.js';
import { bindCard, type Card } from '../render.js';

export interface Button {
  verb: Verb;
  title: string;
  data?: Record<string, string | number>;
}

/** A short message with the next steps as buttons. */
export function noticeCard(text: string, buttons: Button[] = [], title = ''): Card {
  return bindCard('notice', { title, text, buttons: buttons.map((b) => ({ ...b, data: b.data ?? {} })) });
}
