/** What a typed message can ask for; more intents join as the product grows. */
export type Intent = 'register' | 'continue' | 'myDeals' | 'help';

const PHRASES: Record<Intent, readonly string[]> = {
  register: ['register a deal', 'register deal', 'new deal', 'register', 'registrera ett avtal', 'registrera avtal', 'nytt avtal', 'registrera'],
  continue: ['continue', 'continue my draft', 'resume', 'fortsätt', 'fortsätt mitt utkast', 'återuppta'],
  myDeals: ['my deals', 'show my deals', 'mina avtal', 'visa mina avtal'],
  help: ['help', 'hi', 'hello', 'start', 'hjälp', 'hej'],
};

/** Lower case, no @mention, no punctuation, single spaces: "Register a deal!" and "register a deal" match. */
export function normalise(text: string): string {
  return text
    .replace(/<at>.*?<\/at>/gi, ' ')
    .toLowerCase()
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function matchIntent(text: string): Intent | undefined {
  const said = normalise(text);
  for (const [intent, phrases] of Object.entries(PHRASES) as [Intent, readonly string[]][]) {
    if (phrases.includes(said)) return intent;
  }
  return undefined;
}
