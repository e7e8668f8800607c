import assert from 'node:assert/strict';
import { addDays, addYears, CalendarDate, daysBetween } from '../../src/domain/dates.js';

describe('calendar dates', () => {
  it('count and add days across months and years', () => {
    assert.equal(daysBetween('2026-12-30', '2027-01-02'), 3);
    assert.equal(addDays('2026-02-27', 2), '2026-03-01');
  });

  it('add years, 29 February falling back to 28 February in common years', () => {
    assert.equal(addYears('2028-02-29', 1), '2029-02-28');
    assert.equal(addYears('2026-06-15', 3), '2029-06-15');
  });

  it('accept only days that exist', () => {
    assert.equal(CalendarDate.safeParse('2026-02-30').success, false);
    assert.equal(CalendarDate.safeParse('2028-02-29').success, true);
  });
});
