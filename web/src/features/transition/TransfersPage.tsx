import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api';
import { hasRole, useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Field, SelectField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/format';
import { programmeLabel } from './labels';
import { useInstitutions, useProgrammes, useTransfers, type Transfer, type TransferSummary } from './api';
import './transition.css';

/**
 * Overstap: the transfer forms of the reader. The pupil and parents see their own, the
 * sending school (decaan, LOB-coördinator) what it sent, the receiving school (intake) what
 * it received. A pupil applies to a school here.
 */
export default function TransfersPage() {
  const { t } = useTranslation('transition');
  const { data: me } = useMe();
  const receives = hasRole(me, 'intake', 'lob_coordinator');
  const isStudent = hasRole(me, 'student');
  return (
    <section className="page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      {hasRole(me, 'decaan', 'lob_coordinator', 'manager', 'institution_admin') && (
        <p>
          <Link to="/overstap/warme-overdracht">{t('handover.link')}</Link>
        </p>
      )}
      {isStudent && <ApplyForm studentId={me!.id} />}
      <TransferList direction="outgoing" heading={isStudent || hasRole(me, 'parent') ? t('list.own') : t('list.outgoing')} />
      {receives && <TransferList direction="incoming" heading={t('list.incoming')} />}
    </section>
  );
}

function TransferList({ direction, heading }: { direction: 'incoming' | 'outgoing'; heading: string }) {
  const { t, i18n } = useTranslation('transition');
  const { data, isLoading, error } = useTransfers(direction);
  const id = `transfers-${direction}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {isLoading ? (
        <Loading />
      ) : error ? (
        <Alert>{t('errors.generic')}</Alert>
      ) : data!.items.length === 0 ? (
        <p className="muted">{t('list.empty')}</p>
      ) : (
        <ul className="transfer-list">
          {data!.items.map((item) => (
            <li key={item.id} className="card">
              <h3>
                <Link to={`/overstap/${item.id}`}>{t('list.item', { student: item.student.displayName, to: destinationName(item, t) })}</Link>
              </h3>
              <p>
                {item.from.name}
                {item.programme ? ` → ${item.programme}` : ''}
              </p>
              <p>
                <strong>{t(`status.${item.status}`)}</strong>
                {item.latestStatus && ` · ${t(`timeline.${item.latestStatus}`)}`}
                {item.outcome && ` · ${t(`outcome.${item.outcome}`)}`}
                {item.status === 'draft' && ` · ${item.consentComplete ? t('consent.complete') : t('consent.missing')}`}
                {' · '}
                {formatDate(item.sentAt ?? item.createdAt, i18n.language)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function destinationName(item: TransferSummary, t: (k: string) => string) {
  return item.to?.name ?? (item.employer || t('work'));
}

/** The pupil chooses a school and, when it has them, an opleiding; the form starts as a draft. */
function ApplyForm({ studentId }: { studentId: string }) {
  const { t } = useTranslation('transition');
  const [q, setQ] = useState('');
  const [institutionId, setInstitutionId] = useState('');
  const [programmeId, setProgrammeId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const institutions = useInstitutions(q);
  const programmes = useProgrammes(institutionId);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const apply = useMutation({
    mutationFn: () => api<Transfer>('/transfers', { body: { studentId, toInstitutionId: institutionId || undefined, programmeId: programmeId || undefined } }),
    onSuccess: (transfer) => {
      void qc.invalidateQueries({ queryKey: ['transfers'] });
      void navigate(`/overstap/${transfer.id}`);
    },
    onError: (err) => {
      setErrors(err instanceof ApiError ? err.fields : {});
      setMessage(err instanceof ApiError ? err.message : t('errors.generic'));
    },
  });
  const schools = (institutions.data?.items ?? []).filter((i) => i.type !== 'gemeente');
  return (
    <section aria-labelledby="apply-heading" className="card">
      <h2 id="apply-heading">{t('apply.title')}</h2>
      <p>{t('apply.intro')}</p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          setMessage('');
          apply.mutate();
        }}
      >
        <Field label={t('apply.search')} hint={t('apply.searchHint')} value={q} onChange={(e) => setQ(e.target.value)} type="search" />
        <SelectField
          label={t('apply.school')}
          value={institutionId}
          error={errors.toInstitutionId}
          onChange={(e) => {
            setInstitutionId(e.target.value);
            setProgrammeId('');
          }}
          placeholder={t('apply.choose')}
          options={schools.map((i) => ({ value: i.id, label: `${i.name} (${t(`type.${i.type}`)}${i.region ? `, ${i.region.name}` : ''})` }))}
        />
        {institutionId && (
          <SelectField
            label={t('apply.programme')}
            value={programmeId}
            error={errors.programmeId}
            onChange={(e) => setProgrammeId(e.target.value)}
            placeholder={t('apply.noProgramme')}
            options={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: programmeLabel(p, t) }))}
          />
        )}
        {message && <Alert>{message}</Alert>}
        <button className="button" type="submit" disabled={apply.isPending}>
          {t('apply.submit')}
        </button>
      </form>
    </section>
  );
}
