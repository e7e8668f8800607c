import type { z } from 'zod';
import {
  BackActionData,
  ComposeQuery,
  ContinueActionData,
  DealIdData,
  DiscardActionData,
  EditActionData,
  MessageAction,
  NoData,
  PageActionData,
  PipelineData,
  QueryLink,
  QueueActionData,
  RegisterActionData,
  ReplyActionData,
  ReviewActionData,
  StepActionData,
} from './action-data.js';
import { continueDeal } from './handlers/continue-deal.js';
import { discardDeal } from './handlers/discard-deal.js';
import { listDeals } from './handlers/list-deals.js';
import { myDeals } from './handlers/my-deals.js';
import { openDeal, openDealByCustomer, openDealByRef } from './handlers/open-deal.js';
import { openSharedDeal } from './handlers/open-shared-deal.js';
import { showPipeline } from './handlers/pipeline.js';
import { receiveFiles } from './handlers/receive-files.js';
import { receiveText } from './handlers/receive-text.js';
import { registerDeal } from './handlers/register-deal.js';
import { registerFromMessage } from './handlers/register-from-message.js';
import { replyToDesk } from './handlers/reply-deal.js';
import { decideReview, openForReview, refreshReview } from './handlers/review-deal.js';
import { reviewQueue } from './handlers/review-queue.js';
import { searchDeals } from './handlers/search-deals.js';
import { unfurlDealLink } from './handlers/unfurl-deal.js';
import { updateDeal } from './handlers/update-deal.js';
import { useForReviews } from './handlers/use-for-reviews.js';
import { help, notUnderstood, welcome } from './handlers/welcome.js';
import { withdrawDeal } from './handlers/withdraw-deal.js';
import { wizardBack } from './handlers/wizard-back.js';
import { wizardCancel } from './handlers/wizard-cancel.js';
import { wizardEdit } from './handlers/wizard-edit.js';
import { wizardNext } from './handlers/wizard-next.js';
import { wizardRegister } from './handlers/wizard-register.js';
import { wizardReviewAll } from './handlers/wizard-review-all.js';
import type { Intent, IntentKind } from './intents.js';
import type { Card, Toast } from './render.js';
import type { Turn } from './turn.js';
import { VERBS, type Verb } from './verbs.js';
import type { ComposeAnswer } from './views/compose-results.js';

export interface ActionRoute<S extends z.ZodType = z.ZodType> {
  data: S;
  handle: (turn: Turn, data: z.output<S>) => Promise<Card | Toast>;
}
const action = <S extends z.ZodType>(data: S, handle: (turn: Turn, data: z.output<S>) => Promise<Card | Toast>): ActionRoute =>
  ({ data, handle }) as ActionRoute;

/** Every card verb, with the schema its data must pass before its handler sees it. */
export const ACTION_ROUTES: Record<Verb, ActionRoute> = {
  [VERBS.dealNew]: action(NoData, registerDeal),
  [VERBS.dealContinue]: action(ContinueActionData, continueDeal),
  [VERBS.dealsList]: action(NoData, myDeals),
  [VERBS.dealsPage]: action(PageActionData, listDeals),
  [VERBS.dealOpen]: action(DealIdData, openDeal),
  [VERBS.dealUpdate]: action(DealIdData, updateDeal),
  [VERBS.dealDiscard]: action(DiscardActionData, discardDeal),
  [VERBS.dealWithdraw]: action(DiscardActionData, withdrawDeal),
  [VERBS.dealReply]: action(ReplyActionData, replyToDesk),
  [VERBS.reviewRefresh]: action(DealIdData, refreshReview),
  [VERBS.reviewApprove]: action(ReviewActionData, decideReview('approve')),
  [VERBS.reviewDecline]: action(ReviewActionData, decideReview('decline')),
  [VERBS.reviewRequestUpdate]: action(ReviewActionData, decideReview('requestUpdate')),
  [VERBS.queuePage]: action(QueueActionData, reviewQueue),
  [VERBS.queueOpen]: action(DealIdData, openForReview),
  [VERBS.pipelineShow]: action(PipelineData, showPipeline),
  [VERBS.dealSharedOpen]: action(DealIdData, openSharedDeal),
  [VERBS.wizardNext]: action(StepActionData, wizardNext),
  [VERBS.wizardBack]: action(BackActionData, wizardBack),
  [VERBS.wizardCancel]: action(StepActionData, wizardCancel),
  [VERBS.wizardEdit]: action(EditActionData, wizardEdit),
  [VERBS.wizardRegister]: action(RegisterActionData, wizardRegister),
  [VERBS.wizardReviewAll]: action(StepActionData, wizardReviewAll),
};

export interface ComposeRoute<S extends z.ZodType = z.ZodType> {
  data: S;
  handle: (turn: Turn, data: z.output<S>) => Promise<ComposeAnswer>;
}
const compose = <S extends z.ZodType>(data: S, handle: (turn: Turn, data: z.output<S>) => Promise<ComposeAnswer>): ComposeRoute =>
  ({ data, handle }) as ComposeRoute;

/** The compose box's invokes (search, and a pasted link), each with the schema its value must pass. */
export const COMPOSE_ROUTES: Record<string, ComposeRoute> = {
  'composeExtension/query': compose(ComposeQuery, searchDeals),
  'composeExtension/queryLink': compose(QueryLink, unfurlDealLink),
  'composeExtension/submitAction': compose(MessageAction, registerFromMessage),
};

type MessageRoutes = { [K in IntentKind]: (turn: Turn, intent: Extract<Intent, { kind: K }>) => Promise<Card> };

/** Every typed intent; text that matches none gets `notUnderstood`, whatever the order here. */
export const MESSAGE_ROUTES: MessageRoutes = {
  register: registerDeal,
  continue: (turn) => continueDeal(turn, {}),
  myDeals,
  help,
  page: (turn, intent) => listDeals(turn, { page: intent.page, filter: intent.filter }),
  open: (turn, intent) => openDealByRef(turn, intent.ref),
  openByCustomer: (turn, intent) => openDealByCustomer(turn, intent.customer),
  useForReviews,
  reviewQueue: (turn) => reviewQueue(turn, { offset: 0 }),
  pipeline: (turn, intent) => showPipeline(turn, { scope: intent.scope }),
};

export const FALLBACK_MESSAGE_ROUTE = notUnderstood;
/** A message that is no request but reads as a won deal (a pasted email): into the seller's draft. */
export const PASTED_TEXT_ROUTE = receiveText;
/** Files sent in a message (a signed contract): onto the seller's draft, in their own chat only. */
export const FILE_ROUTE = receiveFiles;
export const INSTALL_ROUTE = welcome;
