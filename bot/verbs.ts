/** Every Action.Execute verb the cards use; the route table maps each one to its handler. */
export const VERBS = {
  dealNew: 'deal.new',
  dealContinue: 'deal.continue',
  dealsList: 'deals.list',
  dealsPage: 'deals.page',
  dealOpen: 'deal.open',
  dealUpdate: 'deal.update',
  dealDiscard: 'deal.discard',
  dealWithdraw: 'deal.withdraw',
  dealReply: 'deal.reply',
  reviewRefresh: 'review.refresh',
  reviewApprove: 'review.approve',
  reviewDecline: 'review.decline',
  reviewRequestUpdate: 'review.request_update',
  wizardNext: 'wizard.next',
  wizardBack: 'wizard.back',
  wizardCancel: 'wizard.cancel',
  wizardEdit: 'wizard.edit',
  wizardRegister: 'wizard.register',
  wizardReviewAll: 'wizard.review_all',
} as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];
