import { findPhoneNumbersInText } from 'libphonenumber-js';
import { countryFromTyped } from './countries.js';
import { CURRENCIES } from './money.js';

/**
 * What a text says about a deal, read with confidence: a contract, a purchase order, the customer's "we're
 * in" email, a colleague's chat post. A wrong value is worse than a missing one, so a value is read only
 * where a label says what it is ("Customer:", "Kund:", "Asiakas:") or a phrase does ("signed on …",
 * "starting …"), and only if it parses whole. Each field is what the wizard's input would take (a country
 * code, an ISO date, an amount with "." as its decimal point); the wizard still validates it.
 */
export interface ReadDeal {
  companyName?: string;
  country?: string;
  city?: string;
  contractType?: 'new' | 'renewal';
  billingModel?: 'fixed' | 'payg';
  currency?: string;
  totalValue?: string;
  solutionValue?: string;
  deployedOn?: 'azure';
  startDate?: string;
  endDate?: string;
  signedDate?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
}
export type ReadField = keyof ReadDeal;

/** Labels in English, Swedish, Norwegian, Danish and Finnish, lower case, longest first where one contains another. */
const LABELS = {
  companyName: [
    'customer name',
    'customer',
    'client',
    'buyer',
    'end customer',
    'kundnamn',
    'kund',
    'köpare',
    'slutkund',
    'kunde',
    'kjøper',
    'sluttkunde',
    'køber',
    'slutkunde',
    'asiakas',
    'ostaja',
    'loppuasiakas',
  ],
  country: ['country/region', 'country', 'land', 'maa'],
  city: ['city', 'ort', 'stad', 'sted', 'by', 'kaupunki', 'paikkakunta'],
  totalValue: [
    'total contract value',
    'total value',
    'contract value',
    'order value',
    'order total',
    'total amount',
    'total',
    'totalt värde',
    'totalt avtalsvärde',
    'avtalsvärde',
    'ordervärde',
    'kontraktsvärde',
    'totalbelopp',
    'totalt',
    'total verdi',
    'totalverdi',
    'kontraktsverdi',
    'ordreverdi',
    'totalbeløp',
    'samlet værdi',
    'kontraktværdi',
    'ordreværdi',
    'samlet beløb',
    'i alt',
    'kokonaisarvo',
    'sopimuksen arvo',
    'tilauksen arvo',
    'yhteensä',
    'kokonaissumma',
  ],
  solutionValue: [
    'solution value',
    'lösningens värde',
    'lösningsvärde',
    'løsningens verdi',
    'løsningsverdi',
    'løsningens værdi',
    'løsningsværdi',
    'ratkaisun arvo',
  ],
  startDate: [
    'start date',
    'starts',
    'start',
    'startdatum',
    'avtalsstart',
    'startdato',
    'oppstart',
    'oppstartsdato',
    'begyndelsesdato',
    'alkamispäivä',
    'alkaa',
    'voimassa alkaen',
  ],
  endDate: ['end date', 'ends', 'slutdatum', 'sluttdato', 'slutdato', 'päättymispäivä', 'päättyy'],
  signedDate: [
    'date signed',
    'signed on',
    'signed',
    'signing date',
    'undertecknat',
    'undertecknad',
    'signerat',
    'underskriftsdatum',
    'signert',
    'signeringsdato',
    'underskrevet',
    'underskrevet den',
    'allekirjoitettu',
    'allekirjoituspäivä',
  ],
  contact: ['customer contact', 'contact person', 'contact', 'kundkontakt', 'kontaktperson', 'kontakt', 'yhteyshenkilö'],
  deployment: ['deployment', 'deployed on', 'hosting', 'platform', 'plattform', 'driftmiljö', 'driftsmiljø', 'alusta'],
  contractType: ['contract type', 'agreement type', 'avtalstyp', 'kontraktstype', 'avtaletype', 'aftaletype', 'sopimustyyppi'],
  billing: ['billing model', 'billing', 'fakturering', 'faktureringsmodell', 'faktureringsmodel', 'laskutus', 'laskutusmalli'],
  currency: ['currency', 'valuta', 'valuutta'],
} as const;
type Label = keyof typeof LABELS;

const literally = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** "Label: value" at the start of a line (a bullet, bold marks or a table bar before it are skipped). */
const LABELLED = new Map<Label, RegExp>(
  (Object.entries(LABELS) as [Label, readonly string[]][]).map(([label, words]) => [
    label,
    new RegExp(
      `^[\\s>*•|_-]*(?:${[...words]
        .sort((a, b) => b.length - a.length)
        .map(literally)
        .join('|')})[\\s*_]*[:：|]\\s*(.+?)\\s*\\|?\\s*$`,
      'iu',
    ),
  ]),
);

function labelled(lines: readonly string[], label: Label): string[] {
  const pattern = LABELLED.get(label)!;
  return lines.flatMap((line) => {
    const found = pattern.exec(line);
    return found?.[1] ? [found[1]] : [];
  });
}

/** The one value every labelled line agrees on; two lines saying different things say nothing for sure. */
function agreed<T>(values: readonly (T | undefined)[]): T | undefined {
  const found = [...new Set(values.filter((v): v is T => v !== undefined))];
  return found.length === 1 ? found[0] : undefined;
}

// ---- Money: "SEK 1 200 000", "1 200 000 kr" (with a currency named elsewhere no), "€250k", "EUR 250.000,00".

const SYMBOLS: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', US$: 'USD', euro: 'EUR', euroa: 'EUR', euros: 'EUR' };
/** "kr" is the krona or krone of the country the text is about. */
const KRONA: Record<string, string> = { SE: 'SEK', NO: 'NOK', DK: 'DKK' };
const MONEY =
  /(?<pre>\b[A-Z]{3}\b|US\$|[€$£]|\bkr\.?)?\s*(?<num>\d{1,3}(?:[ \u00a0\u202f.,’']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)\s*(?<scale>k\b|tkr\b|m(?=SEK|NOK|DKK)|t(?=SEK|NOK|DKK)|mn\b|mio\.?|milj(?:oner|oonaa)?\.?|million(?:s)?\b|miljon(?:er)?\b|millioner\b)?\s*(?<post>[A-Z]{3}\b|[€$£]|\beuro(?:a|s)?\b|\bkr\b\.?)?/giu;

/** A number as written with grouping and a decimal comma or point, as a plain decimal ("1200000", "250000.5"). */
function plainNumber(text: string): string | undefined {
  const digits = text.replace(/[ \u00a0\u202f’']/g, '');
  const lastDot = digits.lastIndexOf('.');
  const lastComma = digits.lastIndexOf(',');
  const last = Math.max(lastDot, lastComma);
  let whole = digits;
  let fraction = '';
  // A separator followed by one or two digits at the end is the decimal point; followed by three, grouping.
  if (last >= 0 && digits.length - last - 1 <= 2) {
    whole = digits.slice(0, last);
    fraction = digits.slice(last + 1);
  }
  whole = whole.replace(/[.,]/g, '');
  if (!/^\d+$/.test(whole) || (fraction && !/^\d{1,2}$/.test(fraction))) return undefined;
  const trimmed = fraction.replace(/0+$/, '');
  return `${whole.replace(/^0+(?=\d)/, '')}${trimmed ? `.${trimmed}` : ''}`;
}

function scaled(amount: string, scale: string | undefined): string | undefined {
  if (!scale) return amount;
  const factor = /^(k|tkr|t)$/i.test(scale) ? 1000 : 1_000_000;
  const [whole, fraction = ''] = amount.split('.');
  const cents = BigInt(whole + fraction.padEnd(2, '0').slice(0, 2)) * BigInt(factor);
  const text = cents.toString().padStart(3, '0');
  const w = text.slice(0, -2).replace(/^0+(?=\d)/, '');
  const f = text.slice(-2).replace(/0+$/, '');
  return f ? `${w}.${f}` : w;
}

const currencyOf = (token: string | undefined, country: string | undefined): string | undefined => {
  if (!token) return undefined;
  if (/^kr\.?$/i.test(token)) return country ? KRONA[country] : undefined;
  const upper = token.toUpperCase();
  return SYMBOLS[token.toLowerCase()] ?? SYMBOLS[token] ?? (CURRENCIES.includes(upper) && upper === token ? upper : undefined);
};

/**
 * Amounts with their currency named beside them, in the order they appear; "kr" counts when the text's
 * country says which krona or krone, and a bare number when `currency` is named elsewhere (a Currency line).
 */
export function moneyIn(text: string, context: { country?: string; currency?: string } = {}): { currency: string; amount: string }[] {
  const found: { currency: string; amount: string }[] = [];
  for (const m of text.matchAll(MONEY)) {
    const { pre, num, scale, post } = m.groups as Record<string, string | undefined>;
    if (!num || (/^\d{4}$/.test(num) && !pre && !post)) continue; // a year is not an amount
    const currency = currencyOf(pre, context.country) ?? currencyOf(post, context.country) ?? context.currency;
    const plain = num ? plainNumber(num) : undefined;
    const amount = plain && scaled(plain, scale);
    if (currency && amount && amount !== '0') found.push({ currency, amount });
  }
  return found;
}

// ---- Dates: ISO, 20.11.2026, 20/11/2026, "20 November 2026", "20. november 2026", "November 20, 2026", "20. marraskuuta 2026".

const MONTHS: Record<string, number> = {};
for (const names of [
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'],
  ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  [
    'tammikuuta',
    'helmikuuta',
    'maaliskuuta',
    'huhtikuuta',
    'toukokuuta',
    'kesäkuuta',
    'heinäkuuta',
    'elokuuta',
    'syyskuuta',
    'lokakuuta',
    'marraskuuta',
    'joulukuuta',
  ],
]) {
  names.forEach((name, i) => {
    MONTHS[name] = i + 1;
    MONTHS[name.slice(0, 3)] = i + 1;
  });
}
const MONTH_WORD = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .map(literally)
  .join('|');
const DATE_PATTERNS: [RegExp, (m: RegExpExecArray) => [number, number, number]][] = [
  [/\b(\d{4})-(\d{2})-(\d{2})\b/, (m) => [+m[1]!, +m[2]!, +m[3]!]],
  [/\b(\d{1,2})([./-])(\d{1,2})\2(\d{4})\b/, (m) => [+m[4]!, +m[3]!, +m[1]!]],
  [new RegExp(`\\b(\\d{1,2})\\.?\\s+(${MONTH_WORD})\\.?\\s+(\\d{4})\\b`, 'iu'), (m) => [+m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!]],
  [new RegExp(`\\b(${MONTH_WORD})\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'iu'), (m) => [+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!]],
];

/** The first date in the text, as YYYY-MM-DD, if it is a real day. */
export function dateIn(text: string): string | undefined {
  for (const [pattern, parts] of DATE_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const [y, mo, d] = parts(m);
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 2000 || y > 2100) return undefined;
    return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  return undefined;
}

/** Dates said in a sentence: "signed on 20 November", "starting 1 January 2027", "alkaen 1.1.2027". */
const PHRASES: [ReadField, RegExp][] = [
  [
    'signedDate',
    /\b(?:signed|signerade|undertecknade|signerte|signerede|underskrev|allekirjoitimme|allekirjoitettiin)\b(?:\s+(?:on|the|den|på|today|idag))*\s+([^.;\n]{6,40})/iu,
  ],
  [
    'startDate',
    /\b(?:starting|starts|start(?:s)? on|from|effective|med start|från och med|fra og med|med oppstart|fra|alkaen|alkaa)\s+([^.;\n]{6,40})/iu,
  ],
];

// ---- The rest.

const RENEWAL =
  /\b(renewal|renew(?:ed|ing)?|förnyelse|förnyat|förlängning|fornyelse|fornyet|fornyelsen|uusiminen|uusittu|jatko(?:sopimus)?)\b/iu;
const NEW =
  /\b(new (?:contract|subscription|agreement|customer)|nytt avtal|ny kund|ny avtale|ny kunde|ny aftale|uusi sopimus|uusi asiakas)\b/iu;
const FIXED = /\b(fixed price|fixed fee|fast pris|fastpris|fast avgift|kiinteä hinta|kiinteä maksu)\b/iu;
/** Words that say a deal was won: only then is a lone amount in a text taken as the deal's value. */
const WON =
  /\b(signed|won|win|closed|renewed|we(?:'|’)re in|undertecknat|undertecknade|signerade|vann|vi kör|signert|vant|underskrev(?:et)?|vundet|allekirjoit\w*|voitimme)\b/iu;
const PAYG =
  /\b(pay[- ]as[- ]you[- ]go|payg|betala per användning|betal etter bruk|forbrugsbaseret|betal efter forbrug|käytön mukaan|kulutuksen mukaan)\b/iu;
const ON_AZURE =
  /\b(?:(?:on|in|i|på)\s+(?:Microsoft\s+)?Azure|Azuressa|Azure-pilvessä|(?:deployed|hosted|runs)\s+(?:on|in)\s+(?:Microsoft\s+)?Azure)\b/u;
const LEGAL_NAME = /^[\p{Lu}\d][\p{L}\d&.,' -]{1,80}$/u;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

function contactFrom(values: readonly string[], country: string | undefined): Pick<ReadDeal, 'firstName' | 'lastName' | 'email' | 'phone'> {
  const line = agreed(values);
  if (!line) return {};
  const email = EMAIL.exec(line)?.[0];
  // A number without "+" is read in the country the text is about, if it names one.
  const region = country as Parameters<typeof findPhoneNumbersInText>[1];
  const phone = findPhoneNumbersInText(line.replace(EMAIL, ' '), region).find((p) => p.number.isValid())?.number.number;
  // The name: what comes before the first comma, email, phone or bracket, two to four words each capitalised.
  const name = line.split(/[,<(;|]|\s[-–]\s|\+?\d{2,}|[A-Za-z0-9._%+-]+@/)[0]?.trim() ?? '';
  const words = name.split(/\s+/).filter(Boolean);
  const isName = words.length >= 2 && words.length <= 4 && words.every((w) => /^\p{Lu}[\p{L}'’-]+$/u.test(w));
  return {
    ...(isName ? { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1)! } : {}),
    ...(email ? { email: email.toLowerCase() } : {}),
    ...(phone ? { phone } : {}),
  };
}

/** What the text says about a deal, field by field; a field it does not say for sure is left out. */
export function readDeal(text: string): ReadDeal {
  const lines = text.replace(/\r/g, '').split('\n');
  const read: ReadDeal = {};
  const set = <K extends ReadField>(field: K, value: ReadDeal[K] | undefined) => {
    if (value !== undefined) read[field] = value;
  };

  set(
    'companyName',
    agreed(
      labelled(lines, 'companyName')
        .map((v) => v.split(/\s[-–(]|,\s/)[0]!.trim())
        .filter((v) => LEGAL_NAME.test(v)),
    ),
  );
  set('country', agreed(labelled(lines, 'country').map((v) => countryIn(v))));
  const money = {
    country: read.country,
    currency: agreed(labelled(lines, 'currency').map((v) => currencyOf(v.trim().split(/\s/)[0], undefined))),
  };
  set('city', agreed(labelled(lines, 'city').filter((v) => /^\p{Lu}[\p{L} .'-]{1,60}$/u.test(v))));

  const totals = labelled(lines, 'totalValue').map((v) => moneyIn(v, money)[0]);
  const total = agreed(totals.map((m) => m && `${m.currency} ${m.amount}`));
  const solution = agreed(
    labelled(lines, 'solutionValue')
      .map((v) => moneyIn(v, money)[0])
      .map((m) => m && `${m.currency} ${m.amount}`),
  );
  const [totalCurrency, totalAmount] = total?.split(' ') ?? [];
  const [solutionCurrency, solutionAmount] = solution?.split(' ') ?? [];
  if (total) {
    set('currency', totalCurrency);
    set('totalValue', totalAmount);
  }
  if (solution && (!total || solutionCurrency === totalCurrency)) {
    set('currency', solutionCurrency);
    set('solutionValue', solutionAmount);
  }
  if (!total && !solution && WON.test(text)) {
    // No label: in a text that says the deal was won, the amount with a currency, if it names exactly one.
    const all = [...new Set(moneyIn(text, { country: read.country }).map((m) => `${m.currency} ${m.amount}`))];
    if (all.length === 1) {
      const [currency, amount] = all[0]!.split(' ');
      set('currency', currency);
      set('totalValue', amount);
    }
  }

  for (const [field, label] of [
    ['startDate', 'startDate'],
    ['endDate', 'endDate'],
    ['signedDate', 'signedDate'],
  ] as const) {
    set(field, agreed(labelled(lines, label).map(dateIn)));
  }
  for (const [field, phrase] of PHRASES) {
    if (read[field]) continue;
    const said = phrase.exec(text)?.[1];
    set(field, said && dateIn(said));
  }

  const typeSaid = labelled(lines, 'contractType').join(' ') || text;
  if (RENEWAL.test(typeSaid) && !NEW.test(typeSaid)) set('contractType', 'renewal');
  else if (NEW.test(typeSaid) && !RENEWAL.test(typeSaid)) set('contractType', 'new');
  const billing = labelled(lines, 'billing').join(' ');
  if (PAYG.test(billing || text)) set('billingModel', 'payg');
  else if (FIXED.test(billing)) set('billingModel', 'fixed');
  if (ON_AZURE.test(text) || labelled(lines, 'deployment').some((v) => /^(?:Microsoft\s+)?Azure\b/u.test(v))) set('deployedOn', 'azure');

  Object.assign(read, contactFrom(labelled(lines, 'contact'), read.country));
  return read;
}

/** A country named in any of the bot's languages, or as a code. */
function countryIn(text: string): string | undefined {
  const name = text.split(/[,(]/)[0]!.trim();
  for (const locale of ['en', 'sv', 'nb', 'da', 'fi']) {
    const code = countryFromTyped(name, locale);
    if (code) return code;
  }
  return undefined;
}
