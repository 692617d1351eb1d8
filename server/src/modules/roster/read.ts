import { readCsv, type CsvTable } from './csv.js';
import {
  checkHeader, IGNORED_FILES, isSupportedFile, readClass, readCourse, readEnrollment, readOrg, readSession, readUser, RowReader,
  SUPPORTED_FILES, type ClassRecord, type CourseRecord, type EnrollmentRecord, type OrgRecord, type SessionRecord,
  type SupportedFile, type UserRecord,
} from './format.js';
import type { RosterError, RosterFiles } from './types.js';

/** Every line of the upload as typed records, with what could not be read. */
export interface RosterRecords {
  /** the supported data files that were uploaded (and declared bulk in the manifest) */
  present: Set<SupportedFile>;
  sessions: SessionRecord[];
  orgs: OrgRecord[];
  courses: CourseRecord[];
  classes: ClassRecord[];
  users: UserRecord[];
  enrollments: EnrollmentRecord[];
}

/** Files every import needs: without them there is no institution and no one to import. */
const ALWAYS_REQUIRED: SupportedFile[] = ['orgs.csv', 'users.csv'];

/** Reads and checks each file on its own; references between files are checked by the planner. */
export function readRosterFiles(files: RosterFiles): { records: RosterRecords; errors: RosterError[] } {
  const errors: RosterError[] = [];
  const records: RosterRecords = { present: new Set(), sessions: [], orgs: [], courses: [], classes: [], users: [], enrollments: [] };

  for (const name of Object.keys(files)) {
    if (!isSupportedFile(name) && !IGNORED_FILES.has(name)) {
      errors.push({ file: name, line: null, field: null, message: `Unknown file: a OneRoster upload has files such as ${Object.keys(SUPPORTED_FILES).join(', ')}.` });
    }
  }
  if (!files['manifest.csv']) {
    errors.push({ file: 'manifest.csv', line: null, field: null, message: 'manifest.csv is missing: it says which files the export contains.' });
    return { records, errors };
  }
  const declared = readManifest(files['manifest.csv'], errors);
  if (!declared) return { records, errors };
  checkDeclaredFiles(files, declared, errors);

  for (const name of Object.keys(SUPPORTED_FILES) as SupportedFile[]) {
    if (name === 'manifest.csv' || !files[name]) continue;
    records.present.add(name);
    const table = readTable(name, files[name], errors);
    if (table) readRecords(table, records, errors);
  }
  return { records, errors };
}

function readTable(name: SupportedFile, content: Buffer, errors: RosterError[]): CsvTable | null {
  const { table, errors: csvErrors } = readCsv(name, content);
  errors.push(...csvErrors);
  if (!table) return null;
  const headerErrors = checkHeader(table, SUPPORTED_FILES[name]);
  errors.push(...headerErrors);
  return headerErrors.length > 0 ? null : table;
}

/** The manifest's file declarations ('file.users' → 'bulk'), or null when it is unusable. */
function readManifest(content: Buffer, errors: RosterError[]): Map<string, { value: string; line: number }> | null {
  const table = readTable('manifest.csv', content, errors);
  if (!table) return null;
  const props = new Map<string, { value: string; line: number }>();
  for (const row of table.rows) {
    const name = row.values.propertyName;
    if (props.has(name)) {
      errors.push({ file: 'manifest.csv', line: row.line, field: 'propertyName', message: `Property '${name}' appears twice.` });
    }
    props.set(name, { value: row.values.value, line: row.line });
  }
  const version = props.get('oneroster.version');
  if (!version) {
    errors.push({ file: 'manifest.csv', line: null, field: 'oneroster.version', message: 'Property oneroster.version is missing.' });
  } else if (!['1.1', '1.2'].includes(version.value)) {
    errors.push({ file: 'manifest.csv', line: version.line, field: 'value', message: `oneroster.version '${version.value}' is not supported (1.2, or 1.1).` });
  }
  if (!props.has('manifest.version')) {
    errors.push({ file: 'manifest.csv', line: null, field: 'manifest.version', message: 'Property manifest.version is missing.' });
  }
  const declared = new Map<string, { value: string; line: number }>();
  for (const [name, prop] of props) {
    if (!name.startsWith('file.')) continue;
    if (!['bulk', 'delta', 'absent'].includes(prop.value)) {
      errors.push({ file: 'manifest.csv', line: prop.line, field: 'value', message: `${name} '${prop.value}' is not one of: bulk, delta, absent.` });
    }
    declared.set(`${name.slice('file.'.length)}.csv`, prop);
  }
  return declared;
}

/** What the manifest declares and what was uploaded must agree; Koers reads bulk files only. */
function checkDeclaredFiles(files: RosterFiles, declared: Map<string, { value: string; line: number }>, errors: RosterError[]) {
  for (const name of Object.keys(SUPPORTED_FILES) as SupportedFile[]) {
    if (name === 'manifest.csv') continue;
    const decl = declared.get(name);
    const uploaded = Boolean(files[name]);
    if (decl?.value === 'delta') {
      errors.push({ file: 'manifest.csv', line: decl.line, field: 'value', message: `${name} is declared delta; Koers imports bulk exports only.` });
    } else if (decl?.value === 'bulk' && !uploaded) {
      errors.push({ file: name, line: null, field: null, message: `The manifest declares ${name} (line ${decl.line}) but it was not uploaded.` });
    } else if (decl?.value !== 'bulk' && uploaded) {
      errors.push({ file: name, line: null, field: null, message: `${name} was uploaded but the manifest does not declare it as bulk.` });
    } else if (!uploaded && ALWAYS_REQUIRED.includes(name)) {
      errors.push({ file: name, line: null, field: null, message: `${name} is required.` });
    }
  }
}

function readRecords(table: CsvTable, records: RosterRecords, errors: RosterError[]) {
  const readers = {
    'academicSessions.csv': [readSession, records.sessions],
    'orgs.csv': [readOrg, records.orgs],
    'courses.csv': [readCourse, records.courses],
    'classes.csv': [readClass, records.classes],
    'users.csv': [readUser, records.users],
    'enrollments.csv': [readEnrollment, records.enrollments],
  } as const;
  const entry = readers[table.file as keyof typeof readers];
  if (!entry) return;
  const [read, target] = entry as unknown as [(r: RowReader) => { sourcedId: string; line: number } | null, { sourcedId: string; line: number }[]];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const record = read(new RowReader(table.file, row, errors));
    if (!record) continue;
    const earlier = seen.get(record.sourcedId);
    if (earlier !== undefined) {
      errors.push({ file: table.file, line: row.line, field: 'sourcedId', message: `sourcedId '${record.sourcedId}' also appears on line ${earlier}.` });
      continue;
    }
    seen.set(record.sourcedId, row.line);
    target.push(record);
  }
}
