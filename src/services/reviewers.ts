/** Who may decide deals in Teams: the REVIEWERS setting, per tenant. */
export class Reviewers {
  private readonly byTenant = new Map<string, Set<string>>();

  constructor(list: readonly { tenantId: string; userId: string }[]) {
    for (const { tenantId, userId } of list) {
      if (!this.byTenant.has(tenantId)) this.byTenant.set(tenantId, new Set());
      this.byTenant.get(tenantId)!.add(userId);
    }
  }

  isReviewer(tenantId: string, userId: string | undefined): boolean {
    return userId !== undefined && (this.byTenant.get(tenantId)?.has(userId) ?? false);
  }
}
