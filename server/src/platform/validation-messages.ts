import type { z } from 'zod';
import type { Locale } from './i18n.js';

/**
 * Validation messages in plain words that say what to do ("Vul minstens 3 tekens in"), in
 * Dutch (B1) and English. They replace the validator's stock texts ("Te kort: verwacht dat
 * string >=3 tekens heeft"), which read as developer messages to a 15-year-old. A schema's own
 * message (`{ message: '…' }`) still wins: it knows the field best.
 */
type Issue = z.core.$ZodRawIssue;

interface Words {
  required: string;
  text: string;
  number: string;
  wholeNumber: string;
  yesNo: string;
  list: string;
  part: string;
  date: string;
  dateTime: string;
  email: string;
  choice: string;
  url: string;
  shape: string;
  minText: (n: number) => string;
  maxText: (n: number) => string;
  minNumber: (n: number) => string;
  maxNumber: (n: number) => string;
  minItems: (n: number) => string;
  maxItems: (n: number) => string;
  minDate: string;
  maxDate: string;
  oneOf: (values: string) => string;
  unknownFields: (keys: string) => string;
  multipleOf: (n: number) => string;
  fallback: string;
}

const WORDS: Record<Locale, Words> = {
  nl: {
    required: 'Vul dit veld in.',
    text: 'Vul hier tekst in.',
    number: 'Vul een getal in.',
    wholeNumber: 'Vul een heel getal in, zonder komma.',
    yesNo: 'Kies ja of nee.',
    list: 'Kies een of meer mogelijkheden.',
    part: 'Vul dit onderdeel in.',
    date: 'Vul een datum in, bijvoorbeeld 2026-09-01.',
    dateTime: 'Vul een datum en tijd in.',
    email: 'Vul een e-mailadres in, bijvoorbeeld naam@school.nl.',
    choice: 'Kies iets uit de lijst.',
    url: 'Vul een webadres in dat begint met https://.',
    shape: 'Dit is niet goed ingevuld. Kijk nog eens naar de vorm.',
    minText: (n) => (n <= 1 ? 'Vul dit veld in.' : `Vul minstens ${n} tekens in.`),
    maxText: (n) => `Gebruik niet meer dan ${n} tekens.`,
    minNumber: (n) => `Kies ${n} of meer.`,
    maxNumber: (n) => `Kies ${n} of minder.`,
    minItems: (n) => (n <= 1 ? 'Kies er minstens één.' : `Kies er minstens ${n}.`),
    maxItems: (n) => `Kies er niet meer dan ${n}.`,
    minDate: 'Kies een latere datum.',
    maxDate: 'Kies een eerdere datum.',
    oneOf: (values) => `Kies een van deze mogelijkheden: ${values}.`,
    unknownFields: (keys) => `Deze velden horen hier niet: ${keys}.`,
    multipleOf: (n) => `Kies een veelvoud van ${n}.`,
    fallback: 'Dit is niet goed ingevuld.',
  },
  en: {
    required: 'Fill in this field.',
    text: 'Enter text here.',
    number: 'Enter a number.',
    wholeNumber: 'Enter a whole number.',
    yesNo: 'Choose yes or no.',
    list: 'Choose one or more options.',
    part: 'Fill in this part.',
    date: 'Enter a date, for example 2026-09-01.',
    dateTime: 'Enter a date and time.',
    email: 'Enter an e-mail address, for example name@school.nl.',
    choice: 'Choose an item from the list.',
    url: 'Enter a web address starting with https://.',
    shape: 'This is not filled in correctly. Check its form.',
    minText: (n) => (n <= 1 ? 'Fill in this field.' : `Enter at least ${n} characters.`),
    maxText: (n) => `Use no more than ${n} characters.`,
    minNumber: (n) => `Choose ${n} or more.`,
    maxNumber: (n) => `Choose ${n} or less.`,
    minItems: (n) => (n <= 1 ? 'Choose at least one.' : `Choose at least ${n}.`),
    maxItems: (n) => `Choose no more than ${n}.`,
    minDate: 'Choose a later date.',
    maxDate: 'Choose an earlier date.',
    oneOf: (values) => `Choose one of these options: ${values}.`,
    unknownFields: (keys) => `These fields do not belong here: ${keys}.`,
    multipleOf: (n) => `Choose a multiple of ${n}.`,
    fallback: 'This is not filled in correctly.',
  },
};

function typeMessage(issue: Extract<Issue, { code: 'invalid_type' }>, w: Words): string {
  if (issue.input === undefined || issue.input === null) return w.required;
  switch (issue.expected) {
    case 'string':
      return w.text;
    case 'int':
      return typeof issue.input === 'number' ? w.wholeNumber : w.number;
    case 'number':
    case 'bigint':
      return w.number;
    case 'boolean':
      return w.yesNo;
    case 'array':
      return w.list;
    case 'date':
      return w.date;
    default:
      return w.part;
  }
}

function formatMessage(format: string, w: Words): string {
  if (format === 'email') return w.email;
  if (format === 'uuid' || format === 'guid' || format === 'cuid' || format === 'cuid2') return w.choice;
  if (format === 'date') return w.date;
  if (format === 'datetime' || format === 'time') return w.dateTime;
  if (format === 'url') return w.url;
  return w.shape;
}

function sizeMessage(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>, w: Words): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum);
  switch (issue.origin) {
    case 'string':
      return small ? w.minText(limit) : w.maxText(limit);
    case 'array':
    case 'set':
      return small ? w.minItems(limit) : w.maxItems(limit);
    case 'date':
      return small ? w.minDate : w.maxDate;
    default:
      return small ? w.minNumber(limit) : w.maxNumber(limit);
  }
}

const listValues = (values: readonly unknown[]) => values.map((v) => String(v)).join(', ');

/** The plain message for one validation issue, or undefined to keep a schema's own message. */
export function plainMessage(issue: Issue, locale: Locale): string {
  const w = WORDS[locale];
  switch (issue.code) {
    case 'invalid_type':
      return typeMessage(issue, w);
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue, w);
    case 'invalid_format':
      return formatMessage(issue.format, w);
    case 'invalid_value':
      if (issue.input === undefined) return w.required;
      return issue.values.length > 0 && issue.values.length <= 8 ? w.oneOf(listValues(issue.values)) : w.choice;
    case 'unrecognized_keys':
      return w.unknownFields(issue.keys.join(', '));
    case 'not_multiple_of':
      return Number(issue.divisor) === 1 ? w.wholeNumber : w.multipleOf(Number(issue.divisor));
    default:
      return w.fallback;
  }
}

/** Error maps for zod's parse options, one per language. */
export const plainErrorMaps: Record<Locale, (issue: Issue) => string> = {
  nl: (issue) => plainMessage(issue, 'nl'),
  en: (issue) => plainMessage(issue, 'en'),
};
