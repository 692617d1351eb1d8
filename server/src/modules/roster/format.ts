import type { CsvRow, CsvTable } from './csv.js';
import type { RosterError } from './types.js';

/**
 * The OneRoster 1.2 bulk CSV files Koers reads, with the columns each must have. Columns
 * from the specification that Koers does not use are accepted, and so are extension columns
 * ('metadata.…'); any other column is an error, because it usually means a misspelt header
 * whose values would silently be ignored.
 */
export const SUPPORTED_FILES = {
  'manifest.csv': { required: ['propertyName', 'value'], optional: [] },
  'academicSessions.csv': {
    required: ['sourcedId', 'status', 'dateLastModified', 'title', 'type', 'startDate', 'endDate', 'parentSourcedId', 'schoolYear'],
    optional: [],
  },
  'orgs.csv': { required: ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId'], optional: [] },
  'courses.csv': {
    required: ['sourcedId', 'status', 'dateLastModified', 'schoolYearSourcedId', 'title', 'courseCode', 'orgSourcedId'],
    optional: ['grades', 'subjects', 'subjectCodes', 'resourceSourcedIds'],
  },
  'classes.csv': {
    required: ['sourcedId', 'status', 'dateLastModified', 'title', 'courseSourcedId', 'classCode', 'classType', 'schoolSourcedId', 'termSourcedIds'],
    optional: ['grades', 'location', 'subjects', 'subjectCodes', 'periods', 'resourceSourcedIds'],
  },
  'users.csv': {
    required: ['sourcedId', 'status', 'dateLastModified', 'enabledUser', 'orgSourcedIds', 'role', 'username', 'givenName', 'familyName', 'email', 'agentSourcedIds'],
    optional: [
      'userIds', 'middleName', 'identifier', 'sms', 'phone', 'grades', 'password', 'userMasterIdentifier', 'resourceSourcedIds',
      'preferredGivenName', 'preferredMiddleName', 'preferredFamilyName', 'primaryOrgSourcedId', 'pronouns',
    ],
  },
  'enrollments.csv': {
    required: ['sourcedId', 'status', 'dateLastModified', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role', 'primary', 'beginDate', 'endDate'],
    optional: [],
  },
} as const;
export type SupportedFile = keyof typeof SUPPORTED_FILES;

/** Files of a OneRoster set that Koers has no use for: accepted in an upload and not read. */
export const IGNORED_FILES = new Set([
  'categories.csv', 'classResources.csv', 'courseResources.csv', 'demographics.csv', 'lineItems.csv', 'resources.csv',
  'results.csv', 'roles.csv', 'userProfiles.csv', 'scoreScales.csv', 'lineItemLearningObjectiveIds.csv',
  'lineItemScoreScales.csv', 'resultLearningObjectiveIds.csv', 'resultScoreScales.csv', 'userResources.csv',
]);

export function isSupportedFile(name: string): name is SupportedFile {
  return Object.hasOwn(SUPPORTED_FILES, name);
}

/** Checks that a file's header has every required column and nothing unexpected. */
export function checkHeader(table: CsvTable, spec: { required: readonly string[]; optional: readonly string[] }): RosterError[] {
  const errors: RosterError[] = [];
  for (const column of spec.required) {
    if (!table.header.includes(column)) {
      errors.push({ file: table.file, line: 1, field: column, message: `Required column '${column}' is missing from the header.` });
    }
  }
  for (const column of table.header) {
    const known = spec.required.includes(column) || spec.optional.includes(column) || column.startsWith('metadata.');
    if (!known) errors.push({ file: table.file, line: 1, field: column, message: `Unknown column '${column}' (extension columns start with 'metadata.').` });
  }
  return errors;
}

// ---------------------------------------------------------------------------------------
// Typed records. Each field reader adds an error naming file, line and column when a value
// is wrong, and returns a usable placeholder so the rest of the line is still checked.

export type RowStatus = 'active' | 'tobedeleted';

interface Base {
  line: number;
  sourcedId: string;
  status: RowStatus;
}
export interface SessionRecord extends Base {
  title: string;
  type: 'gradingPeriod' | 'semester' | 'schoolYear' | 'term';
  startDate: string;
  endDate: string;
  parentSourcedId: string | null;
  schoolYear: string;
}
export interface OrgRecord extends Base {
  name: string;
  type: (typeof ORG_TYPES)[number];
  identifier: string;
  parentSourcedId: string | null;
  city: string;
}
export interface CourseRecord extends Base {
  title: string;
  courseCode: string;
  orgSourcedId: string;
  schoolYearSourcedId: string | null;
  crebo: string | null;
  level: number | null;
  pathway: 'BOL' | 'BBL' | null;
}
export interface ClassRecord extends Base {
  title: string;
  classCode: string;
  courseSourcedId: string;
  schoolSourcedId: string;
  termSourcedIds: string[];
}
export interface UserRecord extends Base {
  enabled: boolean;
  orgSourcedIds: string[];
  role: (typeof USER_ROLES)[number];
  givenName: string;
  familyName: string;
  email: string;
  agentSourcedIds: string[];
  birthDate: string | null;
}
export interface EnrollmentRecord extends Base {
  classSourcedId: string;
  schoolSourcedId: string;
  userSourcedId: string;
  role: (typeof ENROLLMENT_ROLES)[number];
  primary: boolean;
  beginDate: string | null;
  endDate: string | null;
}

const SESSION_TYPES = ['gradingPeriod', 'semester', 'schoolYear', 'term'] as const;
const ORG_TYPES = ['department', 'school', 'district', 'local', 'state', 'national'] as const;
const CLASS_TYPES = ['homeroom', 'scheduled'] as const;
/** OneRoster 1.1 user roles and the administrator roles 1.2 added */
export const USER_ROLES = [
  'administrator', 'aide', 'guardian', 'parent', 'proctor', 'relative', 'student', 'teacher',
  'districtAdministrator', 'siteAdministrator', 'systemAdministrator',
] as const;
const ENROLLMENT_ROLES = ['administrator', 'proctor', 'student', 'teacher', 'aide', 'guardian', 'parent'] as const;

export class RowReader {
  constructor(
    private readonly file: string,
    private readonly row: CsvRow,
    private readonly errors: RosterError[],
  ) {}

  get line() {
    return this.row.line;
  }

  error(field: string | null, message: string) {
    this.errors.push({ file: this.file, line: this.row.line, field, message });
  }

  raw(field: string): string {
    return this.row.values[field] ?? '';
  }

  text(field: string, { required = false, max = 200 } = {}): string {
    const v = this.raw(field);
    if (required && v === '') this.error(field, `${field} is required.`);
    else if (v.length > max) this.error(field, `${field} is longer than ${max} characters.`);
    else if (/[\u0000-\u001f\u007f]/.test(v)) this.error(field, `${field} contains control characters or a line break.`);
    return v;
  }

  /**
   * A sourcedId. The specification calls it a GUID but only asks that it be globally unique,
   * and Dutch student administrations export plain numbers; so any visible characters
   * without spaces or commas (which would break the list columns) are accepted.
   */
  id(field: string, { required = true } = {}): string | null {
    const v = this.raw(field);
    if (v === '') {
      if (required) this.error(field, `${field} is required.`);
      return null;
    }
    if (!/^[^\s,]{1,255}$/.test(v)) {
      this.error(field, `${field} '${clip(v)}' is not a valid sourcedId (1–255 characters, no spaces or commas).`);
      return null;
    }
    return v;
  }

  idList(field: string, { required = false } = {}): string[] {
    const v = this.raw(field);
    if (v === '') {
      if (required) this.error(field, `${field} needs at least one sourcedId.`);
      return [];
    }
    const ids = v.split(',').map((s) => s.trim());
    const bad = ids.find((s) => !/^[^\s,]{1,255}$/.test(s));
    if (bad !== undefined) {
      this.error(field, `${field} contains an invalid sourcedId '${clip(bad)}'.`);
      return [];
    }
    return [...new Set(ids)];
  }

  enumValue<T extends string>(field: string, allowed: readonly T[]): T | null {
    const v = this.raw(field);
    if ((allowed as readonly string[]).includes(v)) return v as T;
    this.error(field, v === '' ? `${field} is required.` : `${field} '${clip(v)}' is not one of: ${allowed.join(', ')}.`);
    return null;
  }

  /** In a bulk file status may be empty, which means active. */
  status(): RowStatus {
    const v = this.raw('status');
    if (v === '' || v === 'active') return 'active';
    if (v === 'tobedeleted') return 'tobedeleted';
    this.error('status', `status '${clip(v)}' is not one of: active, tobedeleted.`);
    return 'active';
  }

  date(field: string, { required = false } = {}): string | null {
    const v = this.raw(field);
    if (v === '') {
      if (required) this.error(field, `${field} is required.`);
      return null;
    }
    if (!isCalendarDate(v)) {
      this.error(field, `${field} '${clip(v)}' is not a date (YYYY-MM-DD).`);
      return null;
    }
    return v;
  }

  dateTime(field: string): void {
    const v = this.raw(field);
    if (v !== '' && (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) || Number.isNaN(Date.parse(v)))) {
      this.error(field, `${field} '${clip(v)}' is not an ISO 8601 date-time.`);
    }
  }

  bool(field: string, { required = true } = {}): boolean | null {
    const v = this.raw(field);
    if (v === 'true') return true;
    if (v === 'false') return false;
    if (v === '' && !required) return null;
    this.error(field, v === '' ? `${field} is required (true or false).` : `${field} '${clip(v)}' is not true or false.`);
    return null;
  }

  email(field: string): string {
    const v = this.raw(field);
    if (v === '') this.error(field, 'email is required: Koers accounts sign in with their e-mail address.');
    else if (v.length > 254 || !/^[^\s@",;<>()]+@[^\s@",;<>()]+\.[A-Za-z]{2,}$/.test(v)) this.error(field, `email '${clip(v)}' is not a valid e-mail address.`);
    return v.toLowerCase();
  }
}

function clip(v: string) {
  return v.length > 60 ? `${v.slice(0, 57)}…` : v;
}

export function isCalendarDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Reads the fields every OneRoster entity has; null when the line cannot be identified. */
function base(r: RowReader): Base | null {
  const sourcedId = r.id('sourcedId');
  const status = r.status();
  r.dateTime('dateLastModified');
  return sourcedId === null ? null : { line: r.line, sourcedId, status };
}

export function readSession(r: RowReader): SessionRecord | null {
  const b = base(r);
  const title = r.text('title', { required: true });
  const type = r.enumValue('type', SESSION_TYPES);
  const startDate = r.date('startDate', { required: true });
  const endDate = r.date('endDate', { required: true });
  const parentSourcedId = r.id('parentSourcedId', { required: false });
  const schoolYear = r.raw('schoolYear');
  if (!/^\d{4}$/.test(schoolYear)) r.error('schoolYear', `schoolYear '${clip(schoolYear)}' is not a year (YYYY).`);
  if (startDate && endDate && endDate < startDate) r.error('endDate', 'endDate is before startDate.');
  if (!b || !type || !startDate || !endDate) return null;
  return { ...b, title, type, startDate, endDate, parentSourcedId, schoolYear };
}

export function readOrg(r: RowReader): OrgRecord | null {
  const b = base(r);
  const name = r.text('name', { required: true });
  const type = r.enumValue('type', ORG_TYPES);
  const identifier = r.text('identifier', { max: 64 });
  const parentSourcedId = r.id('parentSourcedId', { required: false });
  const city = r.text('metadata.city');
  if (!b || !type) return null;
  return { ...b, name, type, identifier: identifier.toUpperCase(), parentSourcedId, city };
}

/**
 * A course is an opleiding when it carries a crebo code: in metadata.crebo, or as the
 * courseCode itself. Koers then also needs its level and pathway (BOL/BBL).
 */
export function readCourse(r: RowReader): CourseRecord | null {
  const b = base(r);
  const title = r.text('title', { required: true });
  const courseCode = r.text('courseCode', { max: 64 });
  const orgSourcedId = r.id('orgSourcedId');
  const schoolYearSourcedId = r.id('schoolYearSourcedId', { required: false });
  const creboField = r.raw('metadata.crebo') !== '' ? 'metadata.crebo' : 'courseCode';
  const creboValue = r.raw(creboField);
  let crebo: string | null = null;
  let level: number | null = null;
  let pathway: 'BOL' | 'BBL' | null = null;
  if (creboField === 'metadata.crebo' && !/^\d{5}$/.test(creboValue)) {
    r.error('metadata.crebo', `metadata.crebo '${clip(creboValue)}' is not a crebo code (5 digits).`);
  } else if (/^\d{5}$/.test(creboValue)) {
    crebo = creboValue;
    const levelValue = r.raw('metadata.level');
    if (!/^[1-4]$/.test(levelValue)) r.error('metadata.level', 'metadata.level (1–4) is required for a course with a crebo code.');
    else level = Number(levelValue);
    const pathwayValue = r.raw('metadata.pathway').toUpperCase();
    if (pathwayValue !== 'BOL' && pathwayValue !== 'BBL') r.error('metadata.pathway', 'metadata.pathway (BOL or BBL) is required for a course with a crebo code.');
    else pathway = pathwayValue;
  }
  if (!b || !orgSourcedId) return null;
  return { ...b, title, courseCode, orgSourcedId, schoolYearSourcedId, crebo, level, pathway };
}

export function readClass(r: RowReader): ClassRecord | null {
  const b = base(r);
  const title = r.text('title', { required: true });
  const classCode = r.text('classCode', { max: 32 });
  if (classCode === '') r.error('classCode', 'classCode is required: it becomes the group code in Koers.');
  const courseSourcedId = r.id('courseSourcedId');
  r.enumValue('classType', CLASS_TYPES);
  const schoolSourcedId = r.id('schoolSourcedId');
  const termSourcedIds = r.idList('termSourcedIds', { required: true });
  if (!b || !courseSourcedId || !schoolSourcedId || classCode === '') return null;
  return { ...b, title, classCode, courseSourcedId, schoolSourcedId, termSourcedIds };
}

export function readUser(r: RowReader): UserRecord | null {
  const b = base(r);
  const enabled = r.bool('enabledUser');
  const orgSourcedIds = r.idList('orgSourcedIds', { required: true });
  const role = r.enumValue('role', USER_ROLES);
  r.text('username', { required: true });
  const givenName = r.text('givenName', { required: true, max: 100 });
  const familyName = r.text('familyName', { required: true, max: 100 });
  const email = r.email('email');
  const agentSourcedIds = r.idList('agentSourcedIds');
  const birthDate = r.date('metadata.birthDate');
  if (!b || enabled === null || !role) return null;
  return { ...b, enabled, orgSourcedIds, role, givenName, familyName, email, agentSourcedIds, birthDate };
}

export function readEnrollment(r: RowReader): EnrollmentRecord | null {
  const b = base(r);
  const classSourcedId = r.id('classSourcedId');
  const schoolSourcedId = r.id('schoolSourcedId');
  const userSourcedId = r.id('userSourcedId');
  const role = r.enumValue('role', ENROLLMENT_ROLES);
  const primary = r.bool('primary', { required: false }) ?? false;
  const beginDate = r.date('beginDate');
  const endDate = r.date('endDate');
  if (beginDate && endDate && endDate < beginDate) r.error('endDate', 'endDate is before beginDate.');
  if (!b || !classSourcedId || !schoolSourcedId || !userSourcedId || !role) return null;
  return { ...b, classSourcedId, schoolSourcedId, userSourcedId, role, primary, beginDate, endDate };
}
