/** One problem in the uploaded files, named so an administrator can find and fix it. */
export interface RosterError {
  file: string;
  /** line in the file, header = line 1; null when the problem is about the file as a whole */
  line: number | null;
  field: string | null;
  message: string;
}

/** What the import does (or, in a dry run, would do) with one line. */
export type LineAction = 'create' | 'update' | 'unchanged' | 'skip';

export interface LineReport {
  line: number;
  action: LineAction;
  sourcedId: string;
  /** what changes or why the line is skipped, when that is not obvious from the action */
  note?: string;
}

export interface FileReport {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  lines: LineReport[];
}

export interface ImportResult {
  dryRun: boolean;
  /** the institution the files are for, once known */
  institution: { id: string; brin: string; name: string } | null;
  files: Record<string, FileReport>;
  errors: RosterError[];
}

/** The uploaded files by name ('users.csv' …) */
export type RosterFiles = Record<string, Buffer>;
