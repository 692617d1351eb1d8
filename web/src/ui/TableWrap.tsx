import type { ReactNode } from 'react';

/** A table that may scroll sideways on a phone: a named region keyboard users can scroll. */
export function TableWrap({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
