import { randomBytes } from 'node:crypto';
import type { Deal } from '../domain/deal.js';
import { attachFile, cleanFileName, type DealFile } from '../domain/deal-file.js';
import { prefillFromReading } from '../domain/prefill.js';
import { readDeal } from '../domain/reading.js';
import { ok, type Result, refused } from '../domain/refusal.js';
import type { DealRepository } from '../store/deal-repository.js';
import type { FileStore } from '../store/file-store.js';
import { type IntakeRefusal, takeFile } from './file-intake.js';
import { textOf } from './file-text.js';
import { type ShownDeal, shownDeal } from './shown-deal.js';
import type { User } from './user.js';
import type { WizardService } from './wizard-service.js';

/** A file a user offered in Teams: its name as they see it, and where Teams lets the bot download it. */
export interface OfferedFile {
  name: string;
  downloadUrl: string;
}

export interface FileLimits {
  hosts: readonly string[];
  maxBytes: number;
  maxPerDeal: number;
}

export type Received =
  /** `filled`: the draft's fields read from the file, to check. */
  | { taken: true; shown: ShownDeal; file: DealFile; added: boolean; newDraft: boolean; filled: string[] }
  | { taken: false; why: IntakeRefusal; name: string; maxBytes: number };

/**
 * Files a seller sends: kept on the draft they are working on (their latest Incomplete deal), or on a new
 * draft when they have none ("register a deal from this"). The bytes are checked and kept before the deal
 * lists the file, so a listed file always has its bytes.
 */
export class DealFilesService {
  constructor(
    private readonly deps: {
      deals: DealRepository;
      wizard: WizardService;
      files: FileStore;
      limits: FileLimits;
    },
  ) {}

  /**
   * A text the seller pasted or shared (a customer's email, a colleague's "we won" post): if it says at
   * least two things about a deal (or the seller said it is one: `evenIfLittle`), they go into the seller's
   * draft (or a new one), marked as read from `source`; otherwise undefined, answered as any message is.
   */
  async receiveText(
    user: User,
    text: string,
    source: string,
    options: { evenIfLittle?: boolean } = {},
  ): Promise<Result<{ shown: ShownDeal; filled: string[]; newDraft: boolean }> | undefined> {
    const read = readDeal(text);
    // A message the seller chose to register is a deal however little it says; one merely typed must say enough.
    if (Object.keys(read).length < 2 && !options.evenIfLittle) return undefined;
    const latest = await this.latestDraft(user);
    const target = latest ?? (await this.deps.wizard.start(user, {}));
    const done = await this.deps.deals.update(user.tenantId, target.id, (deal) => {
      const prefilled = prefillFromReading(deal, read, source, user.decimalSeparator);
      return { deal: prefilled.deal, result: prefilled.filled };
    });
    if (!done.ok) return done;
    return ok({ shown: await this.shown(user, done.value.deal), filled: done.value.result, newDraft: latest === undefined });
  }

  async receive(user: User, offered: OfferedFile): Promise<Result<Received>> {
    const { limits } = this.deps;
    const name = cleanFileName(offered.name);
    let target = await this.latestDraft(user);
    // A full deal is told so before anything is downloaded.
    if (target && target.files.length >= limits.maxPerDeal) return refused({ code: 'deal.too_many_files', max: limits.maxPerDeal });
    const intake = await takeFile(offered.downloadUrl, { hosts: limits.hosts, maxBytes: limits.maxBytes });
    if (!intake.ok) return ok({ taken: false, why: intake.why, name, maxBytes: limits.maxBytes });
    const newDraft = target === undefined;
    const same = target?.files.find((f) => f.sha256 === intake.sha256);
    if (target && same) return ok({ taken: true, shown: await this.shown(user, target), file: same, added: false, newDraft, filled: [] });
    target ??= await this.deps.wizard.start(user, {});
    const file: DealFile = {
      id: randomBytes(16).toString('hex'),
      name,
      kind: intake.kind,
      bytes: intake.bytes.length,
      sha256: intake.sha256,
      by: user.id,
      byName: user.name,
      at: user.now.toISOString(),
    };
    await this.deps.files.put({ tenantId: user.tenantId, dealId: target.id, fileId: file.id }, intake.bytes);
    // What the file says, read before the deal is changed: the change itself stays one compare-and-set.
    const text = await textOf(file.kind, intake.bytes);
    const read = text ? readDeal(text) : {};
    const done = await this.deps.deals.update(user.tenantId, target.id, (deal) => {
      const attached = attachFile(deal, file, user, limits.maxPerDeal, user.now);
      if (!attached.ok) return attached.refusal;
      const prefilled = prefillFromReading(attached.value.deal, read, file.name, user.decimalSeparator);
      return { deal: prefilled.deal, result: { added: attached.value.added, filled: prefilled.filled } };
    });
    if (!done.ok) return done;
    const { added, filled } = done.value.result;
    const kept = added ? file : (done.value.deal.files.find((f) => f.sha256 === file.sha256) ?? file);
    return ok({ taken: true, shown: await this.shown(user, done.value.deal), file: kept, added, newDraft, filled });
  }

  /** The seller's most recently changed draft: the deal alone, none of a screen's extras. */
  private async latestDraft(user: User): Promise<Deal | undefined> {
    return this.deps.deals.latestDraft(user.tenantId, user.id);
  }

  /** The deal as written, shown to the seller: no second read of it. */
  private shown(user: User, deal: Deal): Promise<ShownDeal> {
    return shownDeal(this.deps.deals, deal, user, user.now);
  }
}
