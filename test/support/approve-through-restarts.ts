import { KEYS } from './api-client.js';

/**
 * Approves a deal over the API while the bot may be restarting: retries until it answers, and takes 409
 * as done (an earlier try landed before a kill). `url` is read on every try: the caller swaps the bot.
 */
export async function approveThroughRestarts(url: () => string, dealId: string): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(`${url()}/api/v1/deals/${dealId}/approve`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEYS.reviewer}`, 'content-type': 'application/json', 'if-match': '*' },
        body: '{}',
      });
      if (res.status === 200 || res.status === 409) return;
      throw new Error(`approve answered ${res.status}`);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error; // fetch failed: the bot is restarting
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
