/**
 * The CSV of the contract: UTF-8, comma-separated, RFC 4180 quoting (a cell with a comma,
 * quote or line break is wrapped in double quotes, a quote inside is doubled). A byte-order
 * mark and CRLF line ends, as spreadsheets write them, are accepted.
 */
export function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') {
      quoted = true;
    } else if (ch === separator) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  // blank lines (a trailing newline, an empty line between rows) are no respondents
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

export function csvCell(value: unknown, separator = ','): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  // A leading = + - @ would be a formula in a spreadsheet: neutralise it (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+([.,]\d+)?$/.test(s) ? `'${s}` : s;
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: unknown[][], separator = ','): string {
  return rows.map((r) => r.map((c) => csvCell(c, separator)).join(separator)).join('\r\n') + '\r\n';
}
