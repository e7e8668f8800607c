// Reading deals from what sellers send: the win-texts corpus's precision and recall per field, and the time
// to read a ten-page contract PDF against a one-page one read in the same run.
import { readDeal } from '../src/domain/reading.js';
import { textOf } from '../src/services/file-text.js';
import { contractPdf, type FieldScore, scoreCorpus } from '../test/support/reading-corpus.js';
import { percentile } from './stats.js';

export interface ReadingFigures {
  fields: Record<string, FieldScore>;
  recall: number;
  onePageMs: number;
  tenPagesMs: number;
}

async function timeToRead(pdf: Buffer, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const text = await textOf('pdf', pdf);
    if (!text || !readDeal(text).companyName) throw new Error('the contract PDF was not read');
    times.push(performance.now() - started);
  }
  return percentile(
    times.sort((a, b) => a - b),
    50,
  );
}

export async function benchReading(quick: boolean): Promise<ReadingFigures> {
  const { fields, recall } = await scoreCorpus();
  const runs = quick ? 5 : 20;
  await timeToRead(contractPdf(1), 2); // warm-up: pdf.js loaded once
  return {
    fields: Object.fromEntries(fields),
    recall,
    onePageMs: await timeToRead(contractPdf(1), runs),
    tenPagesMs: await timeToRead(contractPdf(10), runs),
  };
}
