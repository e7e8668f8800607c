import type { z } from 'zod';
import {
  BackActionData,
  ContinueActionData,
  EditActionData,
  NoData,
  RegisterActionData,
  StepActionData,
} from './action-data.js';
import { continueDeal } from './handlers/continue-deal.js';
import { myDeals } from './handlers/my-deals.js';
import { registerDeal } from './handlers/register-deal.js';
import { notUnderstood, welcome } from './handlers/welcome.js';
import { wizardBack } from './handlers/wizard-back.js';
import { wizardCancel } from './handlers/wizard-cancel.js';
import { wizardEdit } from './handlers/wizard-edit.js';
import { wizardNext } from './handlers/wizard-next.js';
import { wizardRegister } from './handlers/wizard-register.js';
import type { Intent } from './intents.js';
import type { Card } from './render.js';
import type { Turn } from './turn.js';
import { type Verb, VERBS } from './verbs.js';

export interface ActionRoute<S extends z.ZodType = z.ZodType> {
  data: S;
  handle: (turn: Turn, data: z.output<S>) => Promise<Card>;
}
const action = <S extends z.ZodType>(data: S, handle: (turn: Turn, data: z.output<S>) => Promise<Card>): ActionRoute =>
  ({ data, handle }) as ActionRoute;

/** Every card verb, with the schema its data must pass before its handler sees it. */
export const ACTION_ROUTES: Record<Verb, ActionRoute> = {
  [VERBS.dealNew]: action(NoData, registerDeal),
  [VERBS.dealContinue]: action(ContinueActionData, continueDeal),
  [VERBS.dealsList]: action(NoData, myDeals),
  [VERBS.wizardNext]: action(StepActionData, wizardNext),
  [VERBS.wizardBack]: action(BackActionData, wizardBack),
  [VERBS.wizardCancel]: action(StepActionData, wizardCancel),
  [VERBS.wizardEdit]: action(EditActionData, wizardEdit),
  [VERBS.wizardRegister]: action(RegisterActionData, wizardRegister),
};

/** Every typed intent; text that matches none gets `notUnderstood`, whatever the order here. */
export const MESSAGE_ROUTES: Record<Intent, (turn: Turn) => Promise<Card>> = {
  register: registerDeal,
  continue: (turn) => continueDeal(turn, {}),
  myDeals,
  help: welcome,
};

export const FALLBACK_MESSAGE_ROUTE = notUnderstood;
export const INSTALL_ROUTE = welcome;
