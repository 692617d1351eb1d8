import { describe, expect, it } from 'vitest';
import type { TransitionStatusRow } from '../transition/service.js';
import { transitionFigures } from './compute.js';

const I = 'inst';
let seq = 0;
const row = (p: Partial<TransitionStatusRow> & { studentId: string }): TransitionStatusRow => ({
  transferId: `t${++seq}`,
  fromInstitutionId: 'vmbo',
  toInstitutionId: I,
  destination: 'school',
  transferStatus: 'accepted',
  status: null,
  occurredOn: null,
  ...p,
});

describe('transition indicators', () => {
  it('computes warm handover, started, early leaving and re-placement as counted by hand', () => {
    const rows = [
      // outgoing from the institution (2026-2027): 4 students, 3 forms sent, 2 of them started
      row({ studentId: 'o1', fromInstitutionId: I, toInstitutionId: 'hbo', transferStatus: 'sent', status: 'gestart', occurredOn: '2026-09-01' }),
      row({ studentId: 'o2', fromInstitutionId: I, toInstitutionId: null, destination: 'work', transferStatus: 'accepted', status: 'werk', occurredOn: '2026-10-01' }),
      row({ studentId: 'o3', fromInstitutionId: I, toInstitutionId: 'hbo', transferStatus: 'sent', status: 'aangemeld', occurredOn: '2026-10-05' }),
      row({ studentId: 'o4', fromInstitutionId: I, toInstitutionId: 'hbo', transferStatus: 'draft' }),
      // last school year: not counted
      row({ studentId: 'o5', fromInstitutionId: I, toInstitutionId: 'hbo', transferStatus: 'sent', status: 'gestart', occurredOn: '2026-05-01' }),
      // incoming and started: 3 students, 2 stopped this year
      row({ studentId: 'i1', status: 'gestart', occurredOn: '2026-09-01' }),
      row({ studentId: 'i2', status: 'gestopt', occurredOn: '2026-09-15' }),
      row({ studentId: 'i3', status: 'gestopt', occurredOn: '2026-10-01' }),
      // i2 was placed again 3 months later elsewhere; i3 only after 8 months
      row({ studentId: 'i2', fromInstitutionId: I, toInstitutionId: 'other', transferStatus: 'sent', status: 'geplaatst', occurredOn: '2026-12-15' }),
      row({ studentId: 'i3', fromInstitutionId: I, toInstitutionId: 'other', transferStatus: 'sent', status: 'gestart', occurredOn: '2027-06-01' }),
    ];
    const figures = Object.fromEntries(transitionFigures(I, rows, '2026-2027', '2026-2027').map((f) => [f.code, [f.numerator, f.denominator, f.n]]));
    // outgoing this year: o1, o2, o3, o4, i2, i3 → 6 students, 5 sent (o4 is a draft)
    expect(figures.warm_handover).toEqual([5, 6, 6]);
    // sent: o1 (gestart), o2 (werk), o3 (aangemeld), i2 (geplaatst), i3 (gestart) → 3 started
    expect(figures.started_after_transfer).toEqual([3, 5, 5]);
    // incoming and started: i1, i2, i3 → 2 stopped
    expect(figures.early_leaving).toEqual([2, 3, 3]);
    // stopped: i2 (placed again after 3 months), i3 (after 8 months) → 1 of 2
    expect(figures.replaced_within_6_months).toEqual([1, 2, 2]);
  });

  it('leaves out an indicator without any student to count', () => {
    expect(transitionFigures(I, [], '2026-2027', '2026-2027')).toEqual([]);
  });
});
