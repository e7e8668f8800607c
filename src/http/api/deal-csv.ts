import { stringify } from 'csv-stringify';
import type { Deal } from '../../domain/deal.js';
import { dealRef } from '../../domain/deal-ref.js';

/** The export's columns, in order: what a deal desk puts in a spreadsheet. */
const COLUMNS: [header: string, value: (d: Deal) => string | undefined][] = [
  ['Reference', (d) => dealRef(d.id)],
  ['Id', (d) => d.id],
  ['Status', (d) => d.status],
  ['Customer', (d) => d.fields.customer?.companyName],
  ['Country/region', (d) => d.fields.customer?.country],
  ['City', (d) => d.fields.customer?.city],
  ['State', (d) => d.fields.customer?.state],
  ['Solution', (d) => d.fields.solution?.solutionId],
  ['Contract type', (d) => d.fields.solution?.contractType],
  ['Billing', (d) => d.fields.value?.billingModel],
  ['Currency', (d) => d.fields.value?.currency],
  ['Total value', (d) => d.fields.value?.totalValue],
  ['Solution value', (d) => d.fields.value?.solutionValue],
  ['Deployed on', (d) => d.fields.deployment?.deployedOn],
  ['Deployed where', (d) => d.fields.deployment?.deployedWhere],
  ['Start date', (d) => d.fields.dates?.startDate],
  ['End date', (d) => (d.fields.dates ? (d.fields.dates.endDate ?? 'perpetual') : undefined)],
  ['Signed date', (d) => d.fields.dates?.signedDate],
  ['Contact first name', (d) => d.fields.contact?.firstName],
  ['Contact last name', (d) => d.fields.contact?.lastName],
  ['Contact phone', (d) => d.fields.contact?.phone],
  ['Contact email', (d) => d.fields.contact?.email],
  ['Owner id', (d) => d.ownerId],
  ['Owner', (d) => d.ownerName],
  ['Source', (d) => d.source],
  ['Created', (d) => d.createdAt],
  ['Registered', (d) => d.registeredAt],
  ['Last change', (d) => d.updatedAt],
];

/**
 * A cell a spreadsheet will not run: text starting with =, +, - or @ (or a tab or carriage return, which
 * some spreadsheets skip before such a character) gets a leading apostrophe (OWASP's CSV injection advice).
 * Excel in Nordic locales reads ";" as the separator, so each part after one is a cell of its own there,
 * and is made inert the same way (after any spaces, which Excel skips).
 */
export function inertCell(value: string | undefined): string {
  if (value === undefined) return '';
  return value
    .split(';')
    .map((part) => part.replace(/^([ ]*)([=+\-@\t\r])/, "$1'$2"))
    .join(';');
}

/**
 * Deals as CSV (RFC 4180: comma, CRLF, quotes doubled), UTF-8 with a byte-order mark so Excel reads
 * "Göteborg" as it is. A stream: rows are written as the deals come, never held all at once.
 */
export function dealCsv() {
  const csv = stringify({ header: true, columns: COLUMNS.map(([h]) => h), record_delimiter: 'windows', bom: true });
  return {
    stream: csv,
    /** Writes a deal's row; resolves once the stream can take more (backpressure), or is gone (destroyed). */
    write(deal: Deal): Promise<void> {
      const ok = csv.write(COLUMNS.map(([, value]) => inertCell(value(deal))));
      if (ok) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          csv.off('drain', done);
          csv.off('close', done);
          resolve();
        };
        csv.once('drain', done);
        csv.once('close', done);
      });
    },
    end(): void {
      csv.end();
    },
  };
}
