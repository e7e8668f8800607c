/** Reading a rendered Adaptive Card as a person would: its texts, its inputs, its buttons. */
export type Json = Record<string, unknown>;

function walk(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) for (const child of node) walk(child, visit);
  else if (node && typeof node === 'object') {
    visit(node as Json);
    for (const value of Object.values(node)) walk(value, visit);
  }
}

export function texts(card: Json): string[] {
  const found: string[] = [];
  walk(card, (n) => {
    if ((n.type === 'TextBlock' || n.type === 'TextRun') && typeof n.text === 'string') found.push(n.text);
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.label === 'string') found.push(n.label);
    if (n.type === 'FactSet') for (const f of n.facts as Json[]) found.push(`${f.title}: ${f.value}`);
  });
  return found;
}

/** All text on the card, with the no-break spaces Intl puts in numbers turned into plain spaces. */
export function allText(card: Json): string {
  return texts(card)
    .join('\n')
    .replace(/[\u00a0\u202f]/g, ' ');
}

export function inputs(card: Json): Json[] {
  const found: Json[] = [];
  walk(card, (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Input.')) found.push(n);
  });
  return found;
}

/** The values the card's inputs show, as the client would send them back untouched. */
export function inputValues(card: Json): Record<string, string> {
  return Object.fromEntries(inputs(card).map((i) => [i.id as string, (i.value as string) ?? '']));
}

/** The buttons a person sees: every Action.Execute and Action.Submit but the card's own refresh, which the client runs. */
export function actions(card: Json): Json[] {
  const found: Json[] = [];
  const { refresh: _refresh, ...shown } = card;
  walk(shown, (n) => {
    if (n.type === 'Action.Execute') found.push(n);
    // An Action.Submit names its verb in its data; shown here like an Execute's, for the tests' sake.
    if (n.type === 'Action.Submit') found.push({ ...n, verb: (n.data as Json | undefined)?.verb });
  });
  return found;
}

export function action(card: Json, title: string): Json {
  const found = actions(card).find((a) => a.title === title);
  if (!found)
    throw new Error(
      `no button "${title}" on the card; buttons: ${actions(card)
        .map((a) => a.title)
        .join(', ')}`,
    );
  return found;
}

/** Every element of the card's body in reading order, containers opened. */
function flatten(card: Json): Json[] {
  const found: Json[] = [];
  walk(card.body, (n) => {
    if (typeof n.type === 'string') found.push(n);
  });
  return found;
}

/** The error line right under an input (the cards put each field's message there). */
export function errorUnder(card: Json, inputId: string): string | undefined {
  const elements = flatten(card);
  const index = elements.findIndex((n) => n.id === inputId);
  if (index < 0) throw new Error(`no input ${inputId}`);
  for (const next of elements.slice(index + 1)) {
    if (typeof next.type === 'string' && next.type.startsWith('Input.')) return undefined;
    if (next.type === 'TextBlock' && next.color === 'Attention') return next.text as string;
  }
  return undefined;
}
