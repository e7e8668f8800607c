// The corpus's PDFs, written from these lines: `npx tsx test/support/win-pdfs.ts` writes them again into
// test/fixtures/win-texts/ (what each holds is in expected.json beside them).
import { writeFileSync } from 'node:fs';
import { pdfOf } from './reading-corpus.js';

const boilerplate = (page: number) =>
  Array.from({ length: 30 }, (_, i) => `${page}.${i + 1} The parties agree to the terms in schedule ${i + 1}.`);

export const WIN_PDFS: Record<string, string[][]> = {
  'en-signed-contract.pdf': [
    [
      'Subscription agreement (signed)',
      'Customer: Northwind Traders AB',
      'Country: Sweden',
      'City: Gothenburg',
      'Contract type: Renewal',
      'Total contract value: EUR 240,000',
      'Solution value: EUR 200,000',
      'Deployment: Microsoft Azure',
      'Start date: 2027-02-01',
      'End date: 2030-01-31',
      'Signed: 4 December 2026',
      'Customer contact: Erik Lund, erik.lund@northwind.example, +46 31 123 45 67',
    ],
    boilerplate(2),
  ],
  'sv-avtal-signerat.pdf': [
    [
      'Avtal om prenumeration',
      'Kund: Fjällräven Konsult AB',
      'Land: Sverige',
      'Ort: Umeå',
      'Avtalstyp: Nytt avtal',
      'Totalt avtalsvärde: 1 450 000 SEK',
      'Startdatum: 1 mars 2027',
      'Slutdatum: 28 februari 2029',
      'Undertecknat: 2026-11-30',
      'Kontaktperson: Åsa Öberg, asa.oberg@fjallkonsult.example, 090-12 34 56',
    ],
  ],
  'fi-tilaus.pdf': [
    [
      'Tilausvahvistus 2026-118',
      'Asiakas: Pohjolan Data Oy',
      'Maa: Suomi',
      'Kaupunki: Tampere',
      'Kokonaisarvo: 96 000 EUR',
      'Alkamispäivä: 15.1.2027',
      'Allekirjoitettu: 2.12.2026',
      'Ratkaisu toimitetaan Azuressa.',
    ],
    boilerplate(2),
  ],
};

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [name, pages] of Object.entries(WIN_PDFS))
    writeFileSync(new URL(`../fixtures/win-texts/${name}`, import.meta.url), pdfOf(pages));
}
