import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ACData from 'adaptivecards-templating';

export const CARD_NAMES = [
  'welcome',
  'pipeline',
  'shared-deal',
  'deal-matches',
  'notice',
  'wizard-frame',
  'wizard-customer',
  'wizard-solution',
  'wizard-value',
  'wizard-deployment',
  'wizard-dates',
  'wizard-contact',
  'deal-summary',
  'deal-list',
  'deal-detail',
  'help',
  'review-card',
  'notification',
  'digest',
  'review-queue',
  'review-digest',
] as const;
export type CardName = (typeof CARD_NAMES)[number];

export type Card = Record<string, unknown> & { body?: unknown[]; actions?: unknown[] };

const cardsDir = fileURLToPath(new URL('../cards/', import.meta.url));
const templates = new Map<CardName, ACData.Template>();

export function templateJson(name: CardName): Card {
  return JSON.parse(readFileSync(`${cardsDir}${name}.json`, 'utf8')) as Card;
}

/**
 * Binds a template to its data. Data values are inserted as text and never evaluated, so user text such
 * as "${owner}" is shown as written. Every key a template names must be present in `data`.
 */
export function bindCard(name: CardName, data: object): Card {
  let template = templates.get(name);
  if (!template) {
    template = new ACData.Template(templateJson(name));
    templates.set(name, template);
  }
  const card = template.expand({ $root: data }) as Card;
  // A top-level part dropped by $when (the refresh, when no one should refresh) comes back as null.
  for (const [key, value] of Object.entries(card)) if (value === null) delete card[key];
  return card;
}

/** A line shown to the one user who clicked, in place of a new card: the card they clicked stays as it is. */
export interface Toast {
  toast: string;
}

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
