import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/format';
import { useLobStatus, type ComponentStatus, type LobRecord, type LobStatus } from './api';
import './programme.css';

/** The inspanningsverplichting LOB of one student: what is done and what is still open. */
export default function StatusPage() {
  const { id } = useParams();
  const { t } = useTranslation('programme');
  const { data: me } = useMe();
  const studentId = id ?? me?.id;
  const { data, isLoading, error } = useLobStatus(studentId);
  const own = studentId === me?.id;
  if (isLoading || !me) return <Loading />;
  if (error || !data) return <Alert>{t('errors.notFound')}</Alert>;
  return (
    <section className="page">
      <h1>{own ? t('status.titleOwn') : t('status.title')}</h1>
      <StatusSummary status={data} own={own} />
      {data.components.length > 0 && (
        <ul className="component-list">
          {data.components.map((c) => (
            <li key={c.id}>
              <ComponentCard component={c} studentId={data.studentId} canOverride={!!data.canOverride} canOpen={!!data.canOpenRecords} own={own} />
            </li>
          ))}
        </ul>
      )}
      {data.version?.ruleText && (
        <section aria-labelledby="rule" className="card">
          <h2 id="rule">{t('status.rule')}</h2>
          <p>{data.version.ruleText}</p>
        </section>
      )}
    </section>
  );
}

function StatusSummary({ status, own }: { status: LobStatus; own: boolean }) {
  const { t } = useTranslation('programme');
  if (status.reason) return <Alert kind="info">{t(`status.reason.${status.reason}`)}</Alert>;
  const percent = status.required ? Math.round((status.done / status.required) * 100) : 0;
  return (
    <div className="card">
      <p className="status-summary" role="status">
        {status.fulfilled ? t(own ? 'status.fulfilledOwn' : 'status.fulfilled') : t('status.notYet', { done: status.done, required: status.required })}
      </p>
      <div className="progress-bar" aria-hidden="true">
        <span style={{ width: `${percent}%` }} />
      </div>
      {status.programme && (
        <p className="muted">
          {status.programme.name} · {t('status.version', { version: status.version?.version })}
        </p>
      )}
    </div>
  );
}

function ComponentCard({ component: c, studentId, canOverride, canOpen, own }: { component: ComponentStatus; studentId: string; canOverride: boolean; canOpen: boolean; own: boolean }) {
  const { t, i18n } = useTranslation('programme');
  return (
    <article className="card" aria-labelledby={`comp-${c.id}`}>
      <h2 id={`comp-${c.id}`}>{c.title}</h2>
      <p>
        <span className={`badge badge--${c.status}`}>{t(`status.component.${c.status}`)}</span>{' '}
        {t('status.count', { done: c.done, required: c.required })}
        {c.minCompetencies > 0 && ` · ${t('status.competencies', { covered: c.competenciesCovered.length, min: c.minCompetencies })}`}
      </p>
      <p className="muted">
        {c.period ? t('status.period', { year: c.year, period: c.period }) : t('status.year', { year: c.year })} ({formatDate(c.from, i18n.language)} – {formatDate(c.to, i18n.language)})
      </p>
      {c.attendanceAlone && <p className="muted">{t('status.attendanceAlone')}</p>}
      {c.records.length > 0 && (
        <>
          <h3 className="record-heading">{t('status.counted')}</h3>
          <ul className="record-list">
            {c.records.map((r) => (
              <li key={`${r.type}-${r.id}`}>
                <RecordLine record={r} studentId={studentId} canOpen={canOpen} />
              </li>
            ))}
          </ul>
        </>
      )}
      {(c.notCounted?.length ?? 0) > 0 && (
        <>
          <h3 className="record-heading">{t('status.notCounted')}</h3>
          <ul className="record-list">
            {c.notCounted!.map((r) => (
              <li key={`${r.type}-${r.id}`}>
                <RecordLine record={r} studentId={studentId} canOpen={false} />
                <NotCountedReasons record={r} own={own} />
              </li>
            ))}
          </ul>
        </>
      )}
      {c.kind === 'entries' && !c.met && (
        <p>
          <Link to="/portfolio/nieuw">{t('status.addEntry')}</Link>
        </p>
      )}
      {c.override && (
        <Alert kind="info">
          {t('status.overridden')}
          {c.override.reason ? `: ${c.override.reason}` : ''}
          {c.override.decidedBy ? ` (${c.override.decidedBy})` : ''}
        </Alert>
      )}
      {canOverride && <OverrideControl component={c} studentId={studentId} />}
    </article>
  );
}

/** One record: what and when, and for the mentor and the exam board a link to open the entry behind it. */
function RecordLine({ record: r, studentId, canOpen }: { record: LobRecord; studentId: string; canOpen: boolean }) {
  const { t, i18n } = useTranslation('programme');
  const entryId = r.type === 'entry' ? r.id : r.reflectionEntryId;
  const label = `${r.title || t(`status.recordType.${r.type}`)} (${formatDate(r.date, i18n.language)})`;
  return (
    <>
      {label}
      {r.attendanceOnly && ` · ${t('status.attendanceOnly')}`}
      {canOpen && entryId && (
        <>
          {' · '}
          <Link to={`/lob/voortgang/${studentId}/bewijs/${entryId}`} aria-label={t('status.openRecordOf', { title: r.title || t(`status.recordType.${r.type}`) })}>
            {t('status.openRecord')}
          </Link>
        </>
      )}
    </>
  );
}

/** Why a record does not count yet, in plain words; the student gets the way to fix it. */
function NotCountedReasons({ record: r, own }: { record: LobRecord; own: boolean }) {
  const { t } = useTranslation('programme');
  const entryId = r.type === 'entry' ? r.id : r.reflectionEntryId;
  const reasons = r.reasons ?? [];
  const missing = r.missingAspects ?? [];
  const firstMissing = missing[0];
  return (
    <ul className="reason-list">
      {reasons.includes('no_reflection') && (
        <li>
          {t('status.why.no_reflection')}{' '}
          {own && r.type === 'activity' && (
            <Link to={`/portfolio/nieuw?activiteit=${r.id}&titel=${encodeURIComponent(r.title)}`}>{t('status.fix.writeReflection')}</Link>
          )}
        </li>
      )}
      {reasons.includes('aspect_missing') && (
        <li>
          {t('status.why.aspect_missing', { aspects: missing.map((a) => t(`status.aspect.${a}`)).join(', ') })}{' '}
          {own && entryId && firstMissing && <Link to={`/portfolio/ervaring/${entryId}/bewerken?stap=${firstMissing}`}>{t('status.fix.completeAspect')}</Link>}
        </li>
      )}
      {reasons.includes('not_shared') && (
        <li>
          {t('status.why.not_shared')}{' '}
          {own && entryId && <Link to={`/portfolio/ervaring/${entryId}/bewerken?stap=sharing`}>{t('status.fix.share')}</Link>}
        </li>
      )}
    </ul>
  );
}

/** The mentor's documented exception: a reason is required; it can be taken back. */
function OverrideControl({ component: c, studentId }: { component: ComponentStatus; studentId: string }) {
  const { t } = useTranslation('programme');
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: ['lob', 'status', studentId] });
  async function add(event: React.FormEvent) {
    event.preventDefault();
    try {
      await api(`/students/${studentId}/lob-status/overrides`, { method: 'POST', body: { componentId: c.id, reason } });
      setOpen(false);
      await refresh();
    } catch (err) {
      setError(err instanceof ApiError ? (err.fields.reason ?? err.message) : t('errors.generic'));
    }
  }
  if (c.override) {
    return (
      <button type="button" className="button button--secondary" onClick={async () => { await api(`/students/${studentId}/lob-status/overrides/${c.override!.id}`, { method: 'DELETE' }); await refresh(); }}>
        {t('override.revoke')}
      </button>
    );
  }
  if (c.met) return null;
  if (!open) {
    return (
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        {t('override.open')}
      </button>
    );
  }
  return (
    <form className="form" onSubmit={add}>
      <div className={`field${error ? ' field--error' : ''}`}>
        <label htmlFor={`reason-${c.id}`}>{t('override.reason')}</label>
        <p className="field__hint" id={`reason-hint-${c.id}`}>{t('override.hint')}</p>
        {error && <p className="field__error">{error}</p>}
        <textarea id={`reason-${c.id}`} aria-describedby={`reason-hint-${c.id}`} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <button type="submit" className="button">
        {t('override.save')}
      </button>
    </form>
  );
}
