import assert from 'node:assert/strict';
import { translator } from '../../../bot/i18n/index.js';
import { historyMove } from '../../../bot/views/deal-detail-card.js';
import { HistoryKind, LOCALES } from '../../../src/domain/deal.js';

describe('the deal card’s history', () => {
  it('gives every kind of history entry a line of its own, in every language, never "X → X"', () => {
    for (const locale of LOCALES) {
      const t = translator(locale);
      const lines = HistoryKind.options.map((kind) =>
        historyMove({ at: '2026-12-07T10:00:00Z', by: 'x', from: 'in_review', to: 'in_review', kind }, t),
      );
      for (const [i, line] of lines.entries()) {
        assert.ok(line.length > 0 && !line.includes('→'), `${locale} ${HistoryKind.options[i]}: "${line}"`);
      }
      assert.equal(new Set(lines).size, lines.length, `${locale}: each kind reads differently`);
    }
  });

  it('reads a plain change as its move, and the first entry as the creation', () => {
    const t = translator('en');
    assert.equal(historyMove({ at: '', by: 'x', from: 'in_review', to: 'approved' }, t), 'In review → Approved');
    assert.equal(historyMove({ at: '', by: 'x', from: null, to: 'incomplete' }, t), 'Created as Incomplete');
  });
});
