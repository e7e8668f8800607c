import { STEP_ORDER, validAnswers } from './answers.js';
import type { Json } from './cards.js';
import type { SellerClient } from './seller-client.js';

/** Answers to change from the valid ones, by step: `{ customer: { country: 'NO' } }`. */
export type AnswerChanges = Partial<Record<(typeof STEP_ORDER)[number], Record<string, string>>>;

/** "register a deal", then Next on every step with valid answers (as changed): the summary card. */
export async function toSummary(seller: SellerClient, change: AnswerChanges = {}): Promise<Json> {
  const answers = validAnswers();
  let card = await seller.say('register a deal');
  for (const step of STEP_ORDER) card = await seller.click(card, 'Next', { ...answers[step], ...change[step] });
  return card;
}

/** The whole wizard and Register, as a seller does it: the confirmation card. */
export async function registerDeal(seller: SellerClient, change: AnswerChanges = {}): Promise<Json> {
  return seller.click(await toSummary(seller, change), 'Register');
}
