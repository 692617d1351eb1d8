import crypto from 'node:crypto';
import type { Role } from '../org/tables.js';
import type { RosterChanges } from '../org/service.js';
import type { ClassRecord, CourseRecord, EnrollmentRecord, OrgRecord, SessionRecord, UserRecord } from './format.js';
import type { RosterRecords } from './read.js';
import type { DbEnrolment, DbState, DbUser } from './state.js';
import type { FileReport, LineAction, RosterError } from './types.js';

/** A BRIN code identifies an mbo institution (instelling); BRIN + 2 digits one of its vestigingen. */
export const BRIN = /^[0-9]{2}[A-Z0-9]{2}$/;

/** How OneRoster user roles become Koers roles; the others have no place in Koers. */
const ROLE_MAP: Partial<Record<UserRecord['role'], Role>> = {
  student: 'student',
  teacher: 'docent',
  aide: 'docent',
  parent: 'parent',
  guardian: 'parent',
  administrator: 'institution_admin',
  siteAdministrator: 'institution_admin',
  districtAdministrator: 'institution_admin',
};

type Row = Record<string, unknown> & { id: string };

/** Every write the import makes, in the order org applies them. */
export type Writes = RosterChanges;

export interface PlanResult {
  institution: { id: string; brin: string; name: string } | null;
  files: Record<string, FileReport>;
  writes: Writes;
  errors: RosterError[];
}

/** Finds the one institution the files are about: the org whose identifier is a BRIN code. */
export function findInstitutionOrg(orgs: OrgRecord[], errors?: RosterError[]): OrgRecord | null {
  const candidates = orgs.filter((o) => BRIN.test(o.identifier));
  if (candidates.length === 0) {
    errors?.push({ file: 'orgs.csv', line: null, field: 'identifier', message: 'No org has a BRIN code (like 25LX) as identifier: Koers cannot tell which institution this is.' });
    return null;
  }
  for (const extra of candidates.slice(1)) {
    errors?.push({
      file: 'orgs.csv', line: extra.line, field: 'identifier',
      message: `A second institution (BRIN ${extra.identifier}); one import is for one institution (BRIN ${candidates[0].identifier}, line ${candidates[0].line}).`,
    });
  }
  return candidates[0];
}

/**
 * Compares the records with the database and decides, line by line, what to create, update or
 * leave alone. Pure apart from generating ids for new rows: nothing is written here, so the
 * same plan serves a dry run and a real import.
 */
export function planImport(records: RosterRecords, db: DbState, instOrg: OrgRecord, today: string): PlanResult {
  return new Planner(records, db, instOrg, today).run();
}

class Planner {
  private readonly errors: RosterError[] = [];
  private readonly files: Record<string, FileReport> = {};
  private readonly writes: Writes = {
    institution: null,
    inserts: { locations: [], cohorts: [], programmes: [], groups: [], users: [], enrolments: [] },
    updates: [],
    enrolmentDeletes: [],
    roleAdds: [],
    roleRemoves: [],
    parentLinkAdds: [],
    parentLinkRemoves: [],
    mentorAdds: [],
    mentorRemoves: [],
  };
  private readonly institutionId: string;

  // sourcedId → Koers id, for everything the files or the database name
  private readonly orgsInScope = new Set<string>();
  private readonly locationIds = new Map<string, string>();
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly cohortIds = new Map<string, { id: string; startsOn: string }>();
  private readonly courses = new Map<string, CourseRecord>();
  private readonly programmeIds = new Map<string, string>();
  private readonly classes = new Map<string, ClassRecord>();
  private readonly groups = new Map<string, { id: string; programmeId: string | null; cohortId: string | null; startsOn: string | null }>();
  /** users by sourcedId: their Koers id and the Koers role they hold (or get) in the institution */
  private readonly people = new Map<string, { id: string; roles: Set<Role>; removed: boolean }>();
  /** final role set per user id as the writes leave it, to keep the mentor role consistent */
  private readonly roleState = new Map<string, Set<Role>>();
  private readonly mentorState: Set<string>;

  constructor(
    private readonly rec: RosterRecords,
    private readonly db: DbState,
    private readonly instOrg: OrgRecord,
    private readonly today: string,
  ) {
    this.institutionId = db.institution?.id ?? crypto.randomUUID();
    for (const r of db.roles) if (r.institution_id === this.institutionId) this.rolesOf(r.user_id).add(r.role);
    this.mentorState = new Set(db.mentors.map((m) => `${m.group_id}|${m.user_id}`));
  }

  run(): PlanResult {
    this.planInstitution();
    this.planOrgs();
    this.planSessions();
    this.planCourses();
    this.planClasses();
    this.planUsers();
    this.planParentLinks();
    this.planEnrollments();
    return {
      institution: { id: this.institutionId, brin: this.instOrg.identifier, name: this.instOrg.name },
      files: this.files,
      writes: this.writes,
      errors: this.errors,
    };
  }

  // --- reporting ------------------------------------------------------------------------

  private report(file: string, line: number, sourcedId: string, action: LineAction, note?: string) {
    const f = (this.files[file] ??= { created: 0, updated: 0, unchanged: 0, skipped: 0, lines: [] });
    f.lines.push({ line, action, sourcedId, ...(note ? { note } : {}) });
    if (action === 'create') f.created++;
    else if (action === 'update') f.updated++;
    else if (action === 'unchanged') f.unchanged++;
    else f.skipped++;
  }

  private error(file: string, line: number, field: string | null, message: string) {
    this.errors.push({ file, line, field, message });
  }

  /** Inserts or updates one row; returns the line's action. */
  private upsert<T extends keyof Writes['inserts']>(table: T, existing: object | undefined, values: Record<string, unknown>, id: string): LineAction {
    if (!existing) {
      this.writes.inserts[table].push({ id, ...values });
      return 'create';
    }
    const set = changedValues(existing as Record<string, unknown>, values);
    if (Object.keys(set).length === 0) return 'unchanged';
    this.writes.updates.push({ table, id, set: table === 'users' ? { ...set, updated_at: new Date() } : set });
    return 'update';
  }

  // --- organisation ---------------------------------------------------------------------

  private planInstitution() {
    const org = this.instOrg;
    if (org.type !== 'school' && org.type !== 'district') {
      this.error('orgs.csv', org.line, 'type', `The institution (BRIN ${org.identifier}) must be of type school or district, not ${org.type}.`);
    }
    if (org.status === 'tobedeleted') {
      this.error('orgs.csv', org.line, 'status', 'The institution itself cannot be removed by a roster import.');
    }
    const existing = this.db.institution;
    const row = { id: this.institutionId, name: org.name, brin: org.identifier };
    if (!existing) {
      this.writes.institution = { op: 'insert', row };
      this.report('orgs.csv', org.line, org.sourcedId, 'create', `institution ${org.identifier}`);
    } else if (existing.name !== org.name) {
      this.writes.institution = { op: 'update', row };
      this.report('orgs.csv', org.line, org.sourcedId, 'update', `institution ${org.identifier}`);
    } else {
      this.report('orgs.csv', org.line, org.sourcedId, 'unchanged', `institution ${org.identifier}`);
    }
    this.orgsInScope.add(org.sourcedId);
  }

  /**
   * Schools directly under the institution (or with a vestiging code of its BRIN) become
   * locations. Other orgs under it (departments) are accepted as references; orgs above it
   * (the board, a district) are outside Koers and skipped.
   */
  private planOrgs() {
    const byId = new Map(this.rec.orgs.map((o) => [o.sourcedId, o]));
    for (const loc of this.db.locations) if (loc.source_id) {
      this.orgsInScope.add(loc.source_id);
      this.locationIds.set(loc.source_id, loc.id);
    }
    for (const org of this.rec.orgs) {
      if (org === this.instOrg) continue;
      if (org.parentSourcedId && !byId.has(org.parentSourcedId)) {
        this.error('orgs.csv', org.line, 'parentSourcedId', `parentSourcedId '${org.parentSourcedId}' is not an org in orgs.csv.`);
        continue;
      }
      if (!this.isUnderInstitution(org, byId)) {
        this.report('orgs.csv', org.line, org.sourcedId, 'skip', 'not part of the institution');
        continue;
      }
      this.orgsInScope.add(org.sourcedId);
      const isLocation = org.type === 'school' && (org.parentSourcedId === this.instOrg.sourcedId || org.identifier.startsWith(this.instOrg.identifier));
      if (!isLocation) {
        this.report('orgs.csv', org.line, org.sourcedId, 'skip', `${org.type}: no Koers counterpart`);
        continue;
      }
      this.planLocation(org);
    }
  }

  private isUnderInstitution(org: OrgRecord, byId: Map<string, OrgRecord>): boolean {
    if (new RegExp(`^${this.instOrg.identifier}\\d{2}$`).test(org.identifier)) return true;
    let current: OrgRecord | undefined = org;
    for (let depth = 0; current && depth < 20; depth++) {
      if (current.parentSourcedId === this.instOrg.sourcedId) return true;
      current = current.parentSourcedId ? byId.get(current.parentSourcedId) : undefined;
    }
    return false;
  }

  private planLocation(org: OrgRecord) {
    let existing = this.db.locations.find((l) => l.source_id === org.sourcedId);
    if (!existing) {
      const sameName = this.db.locations.find((l) => l.name === org.name);
      if (sameName?.source_id) {
        this.error('orgs.csv', org.line, 'name', `Location '${org.name}' already comes from sourcedId '${sameName.source_id}'.`);
        return;
      }
      existing = sameName;
    }
    const id = existing?.id ?? crypto.randomUUID();
    this.locationIds.set(org.sourcedId, id);
    if (org.status === 'tobedeleted') {
      this.report('orgs.csv', org.line, org.sourcedId, 'skip', 'tobedeleted: locations are kept, programmes refer to them');
      return;
    }
    // A city is not part of OneRoster; keep what Koers has unless the export sends metadata.city.
    const city = org.city || existing?.city || '';
    const action = this.upsert('locations', existing, { institution_id: this.institutionId, name: org.name, city, source_id: org.sourcedId }, id);
    this.report('orgs.csv', org.line, org.sourcedId, action, 'location');
  }

  private orgRef(file: string, line: number, field: string, sourcedId: string): boolean {
    if (this.orgsInScope.has(sourcedId)) return true;
    const inFile = this.rec.orgs.some((o) => o.sourcedId === sourcedId);
    this.error(file, line, field, inFile ? `Org '${sourcedId}' is not part of institution ${this.instOrg.identifier}.` : `Org '${sourcedId}' is not in orgs.csv.`);
    return false;
  }

  // --- school years, opleidingen, groups ---------------------------------------------------

  /** A schoolYear session is a cohort; terms and semesters only serve as references. */
  private planSessions() {
    for (const s of this.rec.sessions) this.sessions.set(s.sourcedId, s);
    for (const c of this.db.cohorts) if (c.source_id) this.cohortIds.set(c.source_id, { id: c.id, startsOn: c.starts_on });
    const names = new Map<string, number>();
    for (const s of this.rec.sessions) {
      if (s.parentSourcedId && !this.sessions.has(s.parentSourcedId) && !this.cohortIds.has(s.parentSourcedId)) {
        this.error('academicSessions.csv', s.line, 'parentSourcedId', `parentSourcedId '${s.parentSourcedId}' is not a session in academicSessions.csv.`);
      }
      if (s.type !== 'schoolYear') {
        this.report('academicSessions.csv', s.line, s.sourcedId, 'skip', `${s.type}: used for class dates only`);
        continue;
      }
      const name = s.title;
      const earlier = names.get(name);
      if (earlier !== undefined) {
        this.error('academicSessions.csv', s.line, 'title', `A school year titled '${name}' is already on line ${earlier}; cohort names must be unique.`);
        continue;
      }
      names.set(name, s.line);
      let existing = this.db.cohorts.find((c) => c.source_id === s.sourcedId);
      if (!existing) {
        const sameName = this.db.cohorts.find((c) => c.name === name);
        if (sameName?.source_id) {
          this.error('academicSessions.csv', s.line, 'title', `Cohort '${name}' already comes from sourcedId '${sameName.source_id}'.`);
          continue;
        }
        existing = sameName;
      }
      const id = existing?.id ?? crypto.randomUUID();
      this.cohortIds.set(s.sourcedId, { id, startsOn: s.startDate });
      if (s.status === 'tobedeleted') {
        this.report('academicSessions.csv', s.line, s.sourcedId, 'skip', 'tobedeleted: cohorts are kept, enrolments refer to them');
        continue;
      }
      const action = this.upsert('cohorts', existing, { institution_id: this.institutionId, name, starts_on: s.startDate, source_id: s.sourcedId }, id);
      this.report('academicSessions.csv', s.line, s.sourcedId, action, 'cohort');
    }
  }

  /** The cohort of a session: the school year itself, or the school year a term belongs to. */
  private cohortOf(sessionId: string): { id: string; startsOn: string } | null {
    let current: string | null = sessionId;
    for (let depth = 0; current && depth < 10; depth++) {
      const cohort = this.cohortIds.get(current);
      if (cohort) return cohort;
      current = this.sessions.get(current)?.parentSourcedId ?? null;
    }
    return null;
  }

  private sessionKnown(sessionId: string) {
    return this.sessions.has(sessionId) || this.cohortIds.has(sessionId);
  }

  private planCourses() {
    for (const p of this.db.programmes) if (p.source_id) this.programmeIds.set(p.source_id, p.id);
    const keys = new Map<string, number>();
    for (const c of this.rec.courses) {
      this.courses.set(c.sourcedId, c);
      this.orgRef('courses.csv', c.line, 'orgSourcedId', c.orgSourcedId);
      if (c.schoolYearSourcedId && !this.sessionKnown(c.schoolYearSourcedId)) {
        this.error('courses.csv', c.line, 'schoolYearSourcedId', `schoolYearSourcedId '${c.schoolYearSourcedId}' is not a session in academicSessions.csv.`);
      }
      if (!c.crebo || !c.level || !c.pathway) {
        if (!c.crebo) this.report('courses.csv', c.line, c.sourcedId, 'skip', 'no crebo code: not an opleiding');
        continue;
      }
      const locationId = this.locationIds.get(c.orgSourcedId) ?? null;
      const key = `${c.crebo}|${c.pathway}|${locationId}`;
      const earlier = keys.get(key);
      if (earlier !== undefined) {
        this.error('courses.csv', c.line, 'courseCode', `Crebo ${c.crebo} ${c.pathway} at this location is already on line ${earlier}.`);
        continue;
      }
      keys.set(key, c.line);
      let existing = this.db.programmes.find((p) => p.source_id === c.sourcedId);
      if (!existing) {
        const same = this.db.programmes.find((p) => p.crebo === c.crebo && p.pathway === c.pathway && p.location_id === locationId);
        if (same?.source_id) {
          this.error('courses.csv', c.line, 'courseCode', `Opleiding ${c.crebo} ${c.pathway} already comes from sourcedId '${same.source_id}'.`);
          continue;
        }
        existing = same;
      }
      const id = existing?.id ?? crypto.randomUUID();
      this.programmeIds.set(c.sourcedId, id);
      if (c.status === 'tobedeleted') {
        this.report('courses.csv', c.line, c.sourcedId, 'skip', 'tobedeleted: opleidingen are kept, enrolments refer to them');
        continue;
      }
      const values = {
        institution_id: this.institutionId, crebo: c.crebo, name: c.title, level: c.level, pathway: c.pathway, location_id: locationId, source_id: c.sourcedId,
      };
      this.report('courses.csv', c.line, c.sourcedId, this.upsert('programmes', existing, values, id), 'opleiding');
    }
  }

  private planClasses() {
    for (const g of this.db.groups) if (g.source_id) this.groups.set(g.source_id, { id: g.id, programmeId: g.programme_id, cohortId: g.cohort_id, startsOn: null });
    const codes = new Map<string, number>();
    for (const c of this.rec.classes) {
      this.classes.set(c.sourcedId, c);
      const orgOk = this.orgRef('classes.csv', c.line, 'schoolSourcedId', c.schoolSourcedId);
      const courseOk = this.courses.has(c.courseSourcedId) || this.programmeIds.has(c.courseSourcedId) || !this.rec.present.has('courses.csv');
      if (!courseOk) this.error('classes.csv', c.line, 'courseSourcedId', `courseSourcedId '${c.courseSourcedId}' is not a course in courses.csv.`);
      const unknownTerm = c.termSourcedIds.find((t) => !this.sessionKnown(t));
      if (unknownTerm) this.error('classes.csv', c.line, 'termSourcedIds', `termSourcedIds: '${unknownTerm}' is not a session in academicSessions.csv.`);
      const earlier = codes.get(c.classCode);
      if (earlier !== undefined) {
        this.error('classes.csv', c.line, 'classCode', `classCode '${c.classCode}' is already used on line ${earlier}; group codes must be unique.`);
        continue;
      }
      codes.set(c.classCode, c.line);
      if (!orgOk || !courseOk || unknownTerm) continue;
      this.planGroup(c);
    }
  }

  private planGroup(c: ClassRecord) {
    let existing = this.db.groups.find((g) => g.source_id === c.sourcedId);
    if (!existing) {
      const sameCode = this.db.groups.find((g) => g.code === c.classCode);
      if (sameCode?.source_id) {
        this.error('classes.csv', c.line, 'classCode', `Group '${c.classCode}' already comes from sourcedId '${sameCode.source_id}'.`);
        return;
      }
      existing = sameCode;
    }
    const course = this.courses.get(c.courseSourcedId);
    const cohort = [...c.termSourcedIds, course?.schoolYearSourcedId ?? ''].map((s) => (s ? this.cohortOf(s) : null)).find(Boolean) ?? null;
    // Only set what the export determines: a group whose course has no crebo code keeps the
    // opleiding an administrator gave it in Koers.
    const programmeId = this.programmeIds.get(c.courseSourcedId) ?? existing?.programme_id ?? null;
    const cohortId = cohort?.id ?? existing?.cohort_id ?? null;
    const termStarts = c.termSourcedIds.map((t) => this.sessions.get(t)?.startDate).filter((d): d is string => Boolean(d)).sort();
    const id = existing?.id ?? crypto.randomUUID();
    this.groups.set(c.sourcedId, { id, programmeId, cohortId, startsOn: termStarts[0] ?? cohort?.startsOn ?? null });
    if (c.status === 'tobedeleted') {
      this.report('classes.csv', c.line, c.sourcedId, 'skip', 'tobedeleted: groups are kept, enrolments refer to them');
      return;
    }
    const values = { institution_id: this.institutionId, code: c.classCode, name: c.title, programme_id: programmeId, cohort_id: cohortId, source_id: c.sourcedId };
    this.report('classes.csv', c.line, c.sourcedId, this.upsert('groups', existing, values, id), 'group');
  }

  // --- people ---------------------------------------------------------------------------

  private rolesOf(userId: string): Set<Role> {
    let roles = this.roleState.get(userId);
    if (!roles) this.roleState.set(userId, (roles = new Set()));
    return roles;
  }

  private addRole(userId: string, role: Role): boolean {
    const roles = this.rolesOf(userId);
    if (roles.has(role)) return false;
    roles.add(role);
    if (!cancel(this.writes.roleRemoves, (r) => r.user_id === userId && r.role === role)) {
      this.writes.roleAdds.push({ user_id: userId, institution_id: this.institutionId, role });
    }
    return true;
  }

  private removeRole(userId: string, role: Role): boolean {
    const roles = this.rolesOf(userId);
    if (!roles.has(role)) return false;
    roles.delete(role);
    if (!cancel(this.writes.roleAdds, (r) => r.user_id === userId && r.role === role)) {
      this.writes.roleRemoves.push({ user_id: userId, institution_id: this.institutionId, role });
    }
    return true;
  }

  /** A person known to Koers under this sourcedId; refuses people of other institutions. */
  private matchUser(u: UserRecord): DbUser | null | 'refused' {
    const users = [...this.db.users.values()];
    const bySource = users.find((x) => x.source_id === u.sourcedId);
    const byEmail = users.find((x) => x.email.toLowerCase() === u.email);
    if (byEmail && byEmail !== bySource && (bySource || byEmail.source_id)) {
      this.error('users.csv', u.line, 'email', `E-mail address ${u.email} is already used by another Koers account.`);
      return 'refused';
    }
    const match = bySource ?? byEmail ?? null;
    if (match && this.db.roles.some((r) => r.user_id === match.id && r.institution_id !== this.institutionId)) {
      // Never let one institution's export change an account that another institution uses.
      this.error('users.csv', u.line, 'sourcedId', `This person (${bySource ? 'sourcedId' : 'e-mail address'}) has an account at another institution; Koers will not change it from this import.`);
      return 'refused';
    }
    return match;
  }

  private planUsers() {
    const emails = new Map<string, number>();
    for (const u of this.rec.users) {
      const earlier = emails.get(u.email);
      if (earlier !== undefined) {
        this.error('users.csv', u.line, 'email', `E-mail address ${u.email} is also used on line ${earlier}.`);
        continue;
      }
      emails.set(u.email, u.line);
      const refsOk = u.orgSourcedIds.every((o) => this.rec.orgs.some((x) => x.sourcedId === o) || this.orgsInScope.has(o));
      if (!refsOk) {
        const bad = u.orgSourcedIds.find((o) => !this.rec.orgs.some((x) => x.sourcedId === o) && !this.orgsInScope.has(o));
        this.error('users.csv', u.line, 'orgSourcedIds', `orgSourcedIds: '${bad}' is not in orgs.csv.`);
        continue;
      }
      if (!u.orgSourcedIds.some((o) => this.orgsInScope.has(o))) {
        this.error('users.csv', u.line, 'orgSourcedIds', `None of the orgs of this person is part of institution ${this.instOrg.identifier}.`);
        continue;
      }
      const existing = this.matchUser(u);
      if (existing === 'refused') continue;
      const role = ROLE_MAP[u.role];
      if (!role) {
        this.report('users.csv', u.line, u.sourcedId, 'skip', `role ${u.role} has no Koers counterpart`);
        continue;
      }
      if (u.status === 'tobedeleted') this.planUserRemoval(u, existing, role);
      else this.planUser(u, existing, role);
    }
  }

  private planUser(u: UserRecord, existing: DbUser | null, role: Role) {
    const id = existing?.id ?? crypto.randomUUID();
    const values = {
      email: u.email,
      given_name: u.givenName,
      family_name: u.familyName,
      display_name: `${u.givenName} ${u.familyName}`,
      // Without a birth date in the export, keep the one Koers has: it decides parent access.
      birth_date: u.birthDate ?? existing?.birth_date ?? null,
      status: u.enabled ? 'active' : 'disabled',
      source_id: u.sourcedId,
    };
    if (existing && existing.email.toLowerCase() === u.email) values.email = existing.email;
    let action = this.upsert('users', existing ?? undefined, values, id);
    const roleAdded = this.addRole(id, role);
    if (action === 'unchanged' && roleAdded) action = 'update';
    this.people.set(u.sourcedId, { id, roles: new Set([role]), removed: false });
    this.report('users.csv', u.line, u.sourcedId, action, roleAdded && action === 'update' ? `role ${role} added` : undefined);
  }

  /**
   * tobedeleted ends what the role gives: a student's enrolments end today, a parent's links
   * and a teacher's mentor groups go. The account itself stays (erasure is a separate,
   * audited process with its own retention rules).
   */
  private planUserRemoval(u: UserRecord, existing: DbUser | null, role: Role) {
    if (!existing) {
      this.report('users.csv', u.line, u.sourcedId, 'skip', 'tobedeleted and not in Koers');
      return;
    }
    this.people.set(u.sourcedId, { id: existing.id, roles: new Set([role]), removed: true });
    const changes: string[] = [];
    if (this.removeRole(existing.id, role)) changes.push(`role ${role} removed`);
    if (role === 'student') {
      for (const e of this.db.enrolments) {
        if (e.student_id === existing.id && e.institution_id === this.institutionId && this.endEnrolment(e)) changes.push('enrolment ended');
      }
    }
    if (role === 'parent') {
      for (const link of this.db.parentLinks.filter((l) => l.parent_id === existing.id)) {
        this.writes.parentLinkRemoves.push(link);
        changes.push('parent link removed');
      }
    }
    if (role === 'docent') {
      for (const m of this.db.mentors.filter((x) => x.user_id === existing.id)) {
        if (this.removeMentor(m.group_id, m.user_id)) changes.push('mentor of group removed');
      }
    }
    this.report('users.csv', u.line, u.sourcedId, changes.length ? 'update' : 'unchanged', changes.length ? [...new Set(changes)].join(', ') : undefined);
  }

  /** A person by sourcedId from users.csv, or from an earlier import of this institution. */
  private person(sourcedId: string): { id: string; roles: Set<Role>; removed: boolean } | null {
    const fromFile = this.people.get(sourcedId);
    if (fromFile) return fromFile;
    const db = [...this.db.users.values()].find((x) => x.source_id === sourcedId);
    if (!db) return null;
    const roles = this.rolesOf(db.id);
    if (roles.size === 0) return null; // not a person of this institution
    return { id: db.id, roles, removed: false };
  }

  private personKnownInFile(sourcedId: string) {
    return this.rec.users.some((u) => u.sourcedId === sourcedId);
  }

  /** agentSourcedIds link parents and students, in whichever direction the export lists them. */
  private planParentLinks() {
    const existing = new Set(this.db.parentLinks.map((l) => `${l.parent_id}|${l.student_id}`));
    const reports = this.files['users.csv']?.lines ?? [];
    for (const u of this.rec.users) {
      const self = this.people.get(u.sourcedId);
      if (!self || self.removed || u.agentSourcedIds.length === 0) continue;
      for (const agentId of u.agentSourcedIds) {
        const agent = this.person(agentId);
        if (!agent) {
          if (!this.personKnownInFile(agentId)) this.error('users.csv', u.line, 'agentSourcedIds', `agentSourcedIds: '${agentId}' is not a person in users.csv or in Koers.`);
          continue;
        }
        if (agent.removed) continue;
        const link = self.roles.has('student') && agent.roles.has('parent')
          ? { parent_id: agent.id, student_id: self.id }
          : self.roles.has('parent') && agent.roles.has('student') ? { parent_id: self.id, student_id: agent.id } : null;
        if (!link) continue; // agents of staff (e.g. an aide's supervisor) mean nothing in Koers
        const key = `${link.parent_id}|${link.student_id}`;
        if (existing.has(key)) continue;
        existing.add(key);
        this.writes.parentLinkAdds.push(link);
        const line = reports.find((l) => l.line === u.line);
        if (line && line.action === 'unchanged') this.recount('users.csv', line, 'update');
        if (line) line.note = [line.note, 'parent link added'].filter(Boolean).join(', ');
      }
    }
  }

  private recount(file: string, line: { action: LineAction }, to: LineAction) {
    const f = this.files[file];
    const key = { create: 'created', update: 'updated', unchanged: 'unchanged', skip: 'skipped' } as const;
    f[key[line.action]]--;
    f[key[to]]++;
    line.action = to;
  }

  // --- enrolments and mentors -------------------------------------------------------------

  private planEnrollments() {
    for (const e of this.rec.enrollments) {
      const group = this.groups.get(e.classSourcedId);
      const cls = this.classes.get(e.classSourcedId);
      const person = this.person(e.userSourcedId);
      let ok = this.orgRef('enrollments.csv', e.line, 'schoolSourcedId', e.schoolSourcedId);
      if (!group) {
        ok = false;
        if (!cls) this.error('enrollments.csv', e.line, 'classSourcedId', `classSourcedId '${e.classSourcedId}' is not a class in classes.csv.`);
      } else if (cls?.status === 'tobedeleted' && e.status === 'active') {
        ok = false;
        this.error('enrollments.csv', e.line, 'classSourcedId', `Class '${e.classSourcedId}' is tobedeleted but this enrollment is active.`);
      }
      if (!person && !this.personKnownInFile(e.userSourcedId)) {
        ok = false;
        this.error('enrollments.csv', e.line, 'userSourcedId', `userSourcedId '${e.userSourcedId}' is not a person in users.csv or in Koers.`);
      }
      if (!ok || !group) continue;
      if (!person) {
        // The person's own line was skipped (a role Koers does not have): so is this one.
        this.report('enrollments.csv', e.line, e.sourcedId, 'skip', 'the person is not imported');
        continue;
      }
      if (e.role === 'student') this.planStudentEnrolment(e, group, person);
      else if (e.role === 'teacher') this.planTeacherEnrolment(e, group, person);
      else this.report('enrollments.csv', e.line, e.sourcedId, 'skip', `role ${e.role}: not used by Koers`);
    }
  }

  private planStudentEnrolment(e: EnrollmentRecord, group: { id: string; programmeId: string | null; cohortId: string | null; startsOn: string | null }, person: { id: string; roles: Set<Role>; removed: boolean }) {
    if (!person.roles.has('student')) {
      this.error('enrollments.csv', e.line, 'userSourcedId', `'${e.userSourcedId}' is enrolled as student but is not a student in users.csv.`);
      return;
    }
    const existing = this.db.enrolments.find((x) => x.source_id === e.sourcedId);
    if (existing && existing.institution_id !== this.institutionId) {
      this.error('enrollments.csv', e.line, 'sourcedId', `sourcedId '${e.sourcedId}' is an enrolment at another institution.`);
      return;
    }
    if (e.status === 'tobedeleted' || person.removed) {
      const changed = existing ? this.endEnrolment(existing) : false;
      this.report('enrollments.csv', e.line, e.sourcedId, changed ? 'update' : existing ? 'unchanged' : 'skip', changed ? 'enrolment ended' : existing ? undefined : 'tobedeleted and not in Koers');
      return;
    }
    const startsOn = e.beginDate ?? group.startsOn;
    if (!startsOn) {
      this.error('enrollments.csv', e.line, 'beginDate', 'beginDate is required: the class has no term with a start date.');
      return;
    }
    if (e.endDate && e.endDate < startsOn) {
      this.error('enrollments.csv', e.line, 'endDate', `endDate is before the start of the enrolment (${startsOn}).`);
      return;
    }
    const values = {
      student_id: person.id,
      institution_id: this.institutionId,
      programme_id: group.programmeId,
      group_id: group.id,
      cohort_id: group.cohortId,
      starts_on: startsOn,
      ends_on: e.endDate,
      source_id: e.sourcedId,
    };
    const action = this.upsert('enrolments', existing, values, existing?.id ?? crypto.randomUUID());
    this.report('enrollments.csv', e.line, e.sourcedId, action, 'enrolment');
  }

  /** Ends an enrolment today; one that has not started yet is removed. Returns whether anything changes. */
  private endEnrolment(e: DbEnrolment): boolean {
    if (this.writes.enrolmentDeletes.includes(e.id) || this.writes.updates.some((u) => u.id === e.id && 'ends_on' in u.set)) return false;
    if (e.ends_on !== null && e.ends_on <= this.today) return false;
    if (e.starts_on > this.today) this.writes.enrolmentDeletes.push(e.id);
    else this.writes.updates.push({ table: 'enrolments', id: e.id, set: { ends_on: this.today } });
    return true;
  }

  /**
   * The primary teacher of a class is its mentor (SLB'er). Other teachers teach in the team,
   * but which team is not in a OneRoster export, so they are skipped.
   */
  private planTeacherEnrolment(e: EnrollmentRecord, group: { id: string }, person: { id: string; roles: Set<Role>; removed: boolean }) {
    if (!person.roles.has('docent')) {
      this.error('enrollments.csv', e.line, 'userSourcedId', `'${e.userSourcedId}' is enrolled as teacher but is not a teacher or aide in users.csv.`);
      return;
    }
    if (!e.primary) {
      this.report('enrollments.csv', e.line, e.sourcedId, 'skip', 'not the primary teacher: team membership is not derivable');
      return;
    }
    if (e.status === 'tobedeleted' || person.removed) {
      const removed = this.removeMentor(group.id, person.id);
      this.report('enrollments.csv', e.line, e.sourcedId, removed ? 'update' : 'unchanged', removed ? 'mentor removed' : undefined);
      return;
    }
    const key = `${group.id}|${person.id}`;
    if (this.mentorState.has(key)) {
      this.report('enrollments.csv', e.line, e.sourcedId, 'unchanged', 'mentor');
      return;
    }
    this.mentorState.add(key);
    if (!cancel(this.writes.mentorRemoves, (m) => m.group_id === group.id && m.user_id === person.id)) {
      this.writes.mentorAdds.push({ group_id: group.id, user_id: person.id });
    }
    // Mentors hold the mentor role next to docent, as elsewhere in Koers.
    this.addRole(person.id, 'mentor');
    this.report('enrollments.csv', e.line, e.sourcedId, 'create', 'mentor');
  }

  private removeMentor(groupId: string, userId: string): boolean {
    const key = `${groupId}|${userId}`;
    if (!this.mentorState.has(key)) return false;
    this.mentorState.delete(key);
    if (!cancel(this.writes.mentorAdds, (m) => m.group_id === groupId && m.user_id === userId)) {
      this.writes.mentorRemoves.push({ group_id: groupId, user_id: userId });
    }
    const stillMentor = [...this.mentorState].some((k) => k.endsWith(`|${userId}`));
    if (!stillMentor) this.removeRole(userId, 'mentor');
    return true;
  }
}

/** The columns whose value differs; dates and nulls compare as stored. */
function changedValues(existing: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if ((existing[k] ?? null) !== (v ?? null)) set[k] = v;
  }
  return set;
}

/** Drops a pending opposite write (a removal, then an add of the same row, is no change). */
function cancel<T>(pending: T[], same: (item: T) => boolean): boolean {
  const i = pending.findIndex(same);
  if (i < 0) return false;
  pending.splice(i, 1);
  return true;
}
