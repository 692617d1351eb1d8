import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Field, SelectField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { formatDate, formatDateTime } from '../../ui/format';
import { TextArea } from '../guidance/ui';
import { ACTION_KINDS, OUTCOMES, addAction, assignOwner, closeCase, useCaseWrite, useOwnerCandidates, useServices, useYouth, type CaseView, type YouthDetail } from './api';
import './region.css';

/** One young person: where they have been, and their case (owner, actions, follow-up, outcome). */
export default function YouthPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('region');
  const { data: y, isLoading, error } = useYouth(id);
  if (isLoading) return <Loading />;
  if (error || !y) return <Alert>{t('detail.notFound')}</Alert>;
  return (
    <section className="page">
      <h1>{y.name}</h1>
      {y.access === 'meeting' && <Alert kind="info">{t('detail.meetingAccess')}</Alert>}
      <dl className="facts">
        <dt>{t('detail.age')}</dt>
        <dd>{t('list.ageYears', { count: y.age })}</dd>
        <dt>{t('list.gemeente')}</dt>
        <dd>{y.gemeente}</dd>
        <dt>{t('list.status')}</dt>
        <dd>
          {t(`status.${y.status}`)} {t('list.since', { date: formatDate(y.since, i18n.language), count: y.daysInStatus })}
        </dd>
        {y.reason && (
          <>
            <dt>{t('list.reason')}</dt>
            <dd>{t(`reason.${y.reason}`)}</dd>
          </>
        )}
        <dt>{t('detail.lastSchool')}</dt>
        <dd>{y.lastSchool ? `${y.lastSchool}${y.lastProgramme ? `, ${y.lastProgramme}` : ''}` : t('detail.unknown')}</dd>
        {y.legalBasis && (
          <>
            <dt>{t('detail.basis')}</dt>
            <dd>{t(`basis.${y.legalBasis}`)}</dd>
          </>
        )}
      </dl>
      {y.access === 'legal_basis' && <CaseSection y={y} />}
      <section aria-labelledby="places" className="card">
        <h2 id="places">{t('detail.places')}</h2>
        <ul className="list">
          {y.placements.map((p, i) => (
            <li key={i}>
              {formatDate(p.since, i18n.language)}: {t(`status.${p.status}`)}
              {p.institutionName && ` · ${p.institutionName}`}
              {p.programme && `, ${p.programme}`}
              {p.level && ` (${t('detail.level', { level: p.level })})`}
            </li>
          ))}
        </ul>
      </section>
      {y.closedCases.length > 0 && (
        <section aria-labelledby="closed" className="card">
          <h2 id="closed">{t('detail.closedCases')}</h2>
          <ul className="list">
            {y.closedCases.map((c) => (
              <li key={c.id}>
                {formatDate(c.closedAt!, i18n.language)}: {t(`outcome.${c.outcome}`)}
                {c.outcomeNote && <p>{c.outcomeNote}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

function CaseSection({ y }: { y: YouthDetail }) {
  const { t } = useTranslation('region');
  const c = y.openCase;
  return (
    <section aria-labelledby="case" className="card">
      <h2 id="case">{t('case.title')}</h2>
      <OwnerForm y={y} />
      {c && <CaseHistory c={c} />}
      <ActionForm youthId={y.id} />
      {c && <CloseForm youthId={y.id} />}
    </section>
  );
}

function useMessage() {
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const fail = (err: unknown, fallback: string) => setMessage({ kind: 'error', text: err instanceof ApiError ? [err.message, ...Object.values(err.fields)].join(' ') : fallback });
  return { message, setMessage, fail };
}

function OwnerForm({ y }: { y: YouthDetail }) {
  const { t } = useTranslation('region');
  const { data } = useOwnerCandidates(y.id);
  const [userId, setUserId] = useState(y.caseOwner?.id ?? '');
  const { message, setMessage, fail } = useMessage();
  const save = useCaseWrite(y.id, (owner: string) => assignOwner(y.id, owner));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!userId) return;
    save.mutate(userId, { onSuccess: () => setMessage({ kind: 'success', text: t('case.ownerSaved') }), onError: (err) => fail(err, t('case.failed')) });
  };
  return (
    <form onSubmit={submit} className="form">
      <p>{y.caseOwner ? t('list.ownerIs', { name: y.caseOwner.displayName }) : <strong className="no-owner">{t('list.noOwnerYet')}</strong>}</p>
      <SelectField
        label={t('case.owner')}
        value={userId}
        onChange={(e) => setUserId(e.target.value)}
        placeholder={t('case.chooseOwner')}
        options={(data?.items ?? []).map((c) => ({ value: c.id, label: `${c.displayName} (${t(`role.${c.role}`)})` }))}
      />
      <button type="submit" className="button" disabled={save.isPending || !userId}>
        {t('case.assign')}
      </button>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
    </form>
  );
}

function CaseHistory({ c }: { c: CaseView }) {
  const { t, i18n } = useTranslation('region');
  return (
    <>
      <p>
        {c.followUpOn ? t('case.followUpOn', { date: formatDate(c.followUpOn, i18n.language) }) : t('case.noFollowUp')}
      </p>
      <h3>{t('case.actions')}</h3>
      {c.actions.length === 0 ? (
        <p className="muted">{t('case.noActions')}</p>
      ) : (
        <ul className="list">
          {c.actions.map((a) => (
            <li key={a.id}>
              <strong>{t(`kind.${a.kind}`)}</strong> · {formatDateTime(a.createdAt, i18n.language)}
              {a.createdBy && ` · ${a.createdBy.displayName}`}
              <p>{a.body}</p>
              {a.service && <p className="muted">{t('case.refersTo', { name: a.service.name })}</p>}
              {a.followUpOn && <p className="muted">{t('case.followUpOn', { date: formatDate(a.followUpOn, i18n.language) })}</p>}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('case.ownerHistory')}</h3>
      <ul className="list">
        {c.owners.map((o, i) => (
          <li key={i}>
            {o.owner?.displayName ?? t('detail.unknown')} · {t('case.from', { date: formatDateTime(o.assignedAt, i18n.language) })}
            {o.endedAt && ` ${t('case.until', { date: formatDateTime(o.endedAt, i18n.language) })}`}
            {o.assignedBy && ` · ${t('case.assignedBy', { name: o.assignedBy.displayName })}`}
          </li>
        ))}
      </ul>
    </>
  );
}

function ActionForm({ youthId }: { youthId: string }) {
  const { t } = useTranslation('region');
  const [kind, setKind] = useState<string>('contact');
  const [body, setBody] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');
  const [serviceId, setServiceId] = useState('');
  const { data: services } = useServices();
  const { message, setMessage, fail } = useMessage();
  const save = useCaseWrite(youthId, (input: { kind: string; body: string; followUpOn: string | null; serviceId: string | null }) => addAction(youthId, input));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      { kind, body, followUpOn: followUpOn || null, serviceId: serviceId || null },
      {
        onSuccess: () => {
          setBody('');
          setFollowUpOn('');
          setServiceId('');
          setMessage({ kind: 'success', text: t('case.actionSaved') });
        },
        onError: (err) => fail(err, t('case.failed')),
      },
    );
  };
  return (
    <form onSubmit={submit} className="form">
      <h3>{t('case.newAction')}</h3>
      <SelectField label={t('case.kind')} value={kind} onChange={(e) => setKind(e.target.value)} options={ACTION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
      <TextArea label={t('case.body')} value={body} onChange={(e) => setBody(e.target.value)} required maxLength={4000} />
      <SelectField label={t('case.service')} value={serviceId} onChange={(e) => setServiceId(e.target.value)} placeholder={t('case.noService')} options={(services?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} />
      <Field label={t('case.followUp')} hint={t('case.followUpHint')} type="date" value={followUpOn} onChange={(e) => setFollowUpOn(e.target.value)} />
      <button type="submit" className="button" disabled={save.isPending}>
        {t('case.saveAction')}
      </button>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
    </form>
  );
}

function CloseForm({ youthId }: { youthId: string }) {
  const { t } = useTranslation('region');
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const { message, setMessage, fail } = useMessage();
  const save = useCaseWrite(youthId, (input: { outcome: string; note: string }) => closeCase(youthId, input));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!outcome) return;
    save.mutate({ outcome, note }, { onSuccess: () => setMessage({ kind: 'success', text: t('case.closed') }), onError: (err) => fail(err, t('case.failed')) });
  };
  return (
    <form onSubmit={submit} className="form">
      <h3>{t('case.close')}</h3>
      <SelectField label={t('case.outcome')} value={outcome} onChange={(e) => setOutcome(e.target.value)} placeholder={t('case.chooseOutcome')} options={OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))} />
      <TextArea label={t('case.outcomeNote')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} />
      <button type="submit" className="button button--secondary" disabled={save.isPending || !outcome}>
        {t('case.closeButton')}
      </button>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
    </form>
  );
}
