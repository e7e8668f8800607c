import type { Card } from '../render.js';
import { ADAPTIVE_CARD } from '../render.js';
import type { Preview } from './shared-deal-card.js';

/** What the bot answers a compose-box search or a pasted link with, as Teams reads it. */
export interface ComposeAnswer {
  composeExtension:
    | { type: 'result'; attachmentLayout: 'list'; attachments: { contentType: string; content: Card; preview: object }[] }
    | { type: 'message'; text: string };
  /** Who may see a deal is decided per user, and a deal changes: Teams must ask again, not reuse an answer. */
  cacheInfo?: { cacheType: 'no-cache' };
}

const THUMBNAIL = 'application/vnd.microsoft.card.thumbnail';

/** Cards to choose from (or, for a link, the one it unfurls into); none: nothing to show. */
export function composeResults(items: readonly { card: Card; preview: Preview }[]): ComposeAnswer {
  return {
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: items.map(({ card, preview }) => ({
        contentType: ADAPTIVE_CARD,
        content: card,
        preview: { contentType: THUMBNAIL, content: preview },
      })),
    },
    cacheInfo: { cacheType: 'no-cache' },
  };
}

/** A sentence where the results would be: what was wrong with the search, and what to type instead. */
export function composeMessage(text: string): ComposeAnswer {
  return { composeExtension: { type: 'message', text } };
}
