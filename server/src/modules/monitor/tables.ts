/** Tables owned by the monitor module (migration 0080). None refers to a person. */
export interface MonitorTables {
  monitor_rollups: {
    institution_id: string;
    school_year: string;
    scope_kind: ScopeKind;
    scope_id: string;
    code: string;
    numerator: number;
    denominator: number;
    n: number;
    person_based: boolean;
    suppressed: boolean;
  };
  monitor_refreshes: { institution_id: string; school_year: string; refreshed_at: Date };
  monitor_feed_rows: {
    brin: string;
    region_code: string;
    school_year: string;
    code: string;
    value: number | null;
    n: number | null;
    numerator: number | null;
    denominator: number | null;
    suppressed: boolean;
    imported_at: Date;
  };
}

export type ScopeKind = 'institution' | 'team' | 'programme' | 'group';
