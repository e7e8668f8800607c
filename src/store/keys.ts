import type { Status } from '../domain/status.js';

// Ids come from activities and payloads: encode them so no id can reach into another tenant's keys.
const part = (s: string) => encodeURIComponent(s);

export const dealKey = (tenantId: string, dealId: string) => `deal/${part(tenantId)}/${part(dealId)}`;
export const ownerIndexKey = (tenantId: string, ownerId: string, status: Status) =>
  `owner/${part(tenantId)}/${part(ownerId)}/${status}`;
export const conversationRefKey = (tenantId: string, userId: string) => `ref/${part(tenantId)}/${part(userId)}`;
