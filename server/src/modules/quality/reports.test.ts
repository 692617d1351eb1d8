import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from './csv.js';
import { checkAnswers, type Definition } from './definition.js';
import { suppressMatrix } from './reports.js';

describe('CSV of the contract', () => {
  it('reads quotes, doubled quotes, commas and line breaks inside cells, CRLF and a byte-order mark', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","he said ""hi"""\r\n"two\nlines",\r\n\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"'],
      ['two\nlines', ''],
    ]);
  });
  it('writes what it reads, and neutralises spreadsheet formulas', () => {
    expect(toCsv([['a', 'b;c'], ['=SUM(A1)', '-3']])).toBe("a,b;c\r\n'=SUM(A1),-3\r\n");
    expect(parseCsv(toCsv([['x, y', 'a"b']]))).toEqual([['x, y', 'a"b']]);
  });
});

describe('answers against the instrument', () => {
  const def: Definition = {
    sections: [
      {
        title: '',
        items: [
          { code: 'q1', text: 'Q1', type: 'likert5', required: true },
          { code: 'q2', text: 'Q2', type: 'multi', other: true, options: [{ value: 'a', label: 'A' }], showIf: { item: 'q1', in: ['1', '2'] } },
        ],
      },
    ],
  };
  it('drops answers routing skips in a form, and refuses them in an import', () => {
    expect(checkAnswers(def, { q1: 4, q2: ['a'] }, { dropHidden: true })).toEqual({ answers: { q1: 4 } });
    expect(checkAnswers(def, { q1: '4', q2: 'a' }, { dropHidden: false })).toMatchObject({ reason: expect.stringMatching(/^q2:/) });
    expect(checkAnswers(def, { q1: '1', q2: 'a;other', 'q2.other': 'iets' }, { dropHidden: false })).toEqual({ answers: { q1: 1, q2: ['a', 'other'], 'q2.other': 'iets' } });
    expect(checkAnswers(def, { q2: 'a' }, { dropHidden: false })).toMatchObject({ reason: expect.stringMatching(/^q1:.*verplicht|^q1/) });
  });
});

describe('small-cell suppression', () => {
  it('hides 1…k−1, keeps zero, and hides a second count where one could be worked out', () => {
    // One row of a single-choice item: 12 = 7 + 3 + 2 + 0; 3 and 2 hidden, nothing recoverable.
    expect(suppressMatrix([[7, 3, 2, 0]], [12], [7, 3, 2, 0], 5, { rowsPartition: true, colsPartition: false })).toEqual([[7, null, null, 0]]);
    // 14 = 5 + 9 + 0: nothing small, nothing hidden.
    expect(suppressMatrix([[5, 9, 0]], [14], [5, 9, 0], 5, { rowsPartition: true, colsPartition: false })).toEqual([[5, 9, 0]]);
    // 16 = 6 + 7 + 3: only the 3 is small, so the 6 goes too (else 16 − 6 − 7 = 3).
    expect(suppressMatrix([[6, 7, 3]], [16], [6, 7, 3], 5, { rowsPartition: true, colsPartition: false })).toEqual([[null, 7, null]]);
    // Not a partition (multiple choice): the counts do not add up to the base, nothing to work out.
    expect(suppressMatrix([[6, 7, 3]], [10], [6, 7, 3], 5, { rowsPartition: false, colsPartition: false })).toEqual([[6, 7, null]]);
  });
});
