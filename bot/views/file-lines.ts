import type { Deal } from '../../src/domain/deal.js';
import { formatDateTime, formatNumber } from '../format.js';
import type { ViewContext } from './view-context.js';

/** Markdown would read brackets in a name as a link of its own. */
const plain = (name: string) => name.replace(/[[\]()*_`\\]/g, ' ');

/**
 * A deal's files as lines: name (a link that opens it, for a user who may), type, size, who sent it and
 * when. Cards seen by many (a channel's review card before it refreshes) get no links.
 */
export function fileLines(deal: Deal, ctx: ViewContext): { line: string }[] {
  return deal.files.map((file) => {
    const url = ctx.fileLink?.(deal, file);
    const name = plain(file.name);
    const bytes =
      file.bytes >= 1024 * 1024
        ? `${formatNumber(file.bytes / (1024 * 1024), ctx.formatLocale)} MB`
        : `${formatNumber(Math.max(1, Math.round(file.bytes / 1024)), ctx.formatLocale)} kB`;
    return {
      line: ctx.t('files.line', {
        name: url ? `[${name}](${url})` : name,
        kind: file.kind.toUpperCase(),
        size: bytes,
        // Only the deal's seller sends files (in their own chat); Teams leaves the name out now and then.
        who: file.byName ?? ctx.t('files.seller'),
        when: formatDateTime(file.at, ctx.formatLocale, ctx.timeZone),
      }),
    };
  });
}
