import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../ui/Loading';
import { useCaseload, type CaseloadStudent } from './api';
import { When } from './ui';
import './guidance.css';

const SIGNALS = ['no_conversation', 'no_entry', 'overdue_agreements', 'unanswered_feedback', 'absence'] as const;
const SORTS = ['signals', 'name', 'group', 'last_conversation'] as const;

/** The mentor's caseload: every student of their groups with what needs attention, in words. */
export default function CaseloadPage() {
  const { t } = useTranslation('guidance');
  const [signal, setSignal] = useState('');
  const [sort, setSort] = useState<(typeof SORTS)[number]>('signals');
  const params = new URLSearchParams({ sort, ...(signal ? { signal } : {}) });
  const { data, isLoading } = useCaseload(`?${params}`);
  const items = data?.items ?? [];
  return (
    <section className="page">
      <h1>{t('caseload.title')}</h1>
      <p>{t('caseload.intro')}</p>
      <div className="filters">
        <div>
          <label htmlFor="caseload-signal">{t('caseload.filter')}</label>
          <select id="caseload-signal" value={signal} onChange={(e) => setSignal(e.target.value)}>
            <option value="">{t('caseload.allStudents')}</option>
            {SIGNALS.map((s) => (
              <option key={s} value={s}>
                {t(`caseload.signal.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="caseload-sort">{t('caseload.sort')}</label>
          <select id="caseload-sort" value={sort} onChange={(e) => setSort(e.target.value as (typeof SORTS)[number])}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`caseload.sortBy.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {isLoading ? (
        <Loading />
      ) : (
        <>
          <p role="status">{t('caseload.count', { count: items.length })}</p>
          <ul className="caseload">
            {items.map((s) => (
              <CaseloadRow key={s.id} student={s} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function CaseloadRow({ student: s }: { student: CaseloadStudent }) {
  const { t } = useTranslation('guidance');
  return (
    <li>
      <h2 className="h3-like">
        <Link to={`/studenten/${s.id}`}>{s.displayName}</Link>
      </h2>
      <p className="muted">
        {s.groupCode} · {t('caseload.lastConversation')}: {s.lastConversationOn ? <When iso={s.lastConversationOn} /> : t('caseload.never')}
        {s.nextConversationAt && (
          <>
            {' '}
            · {t('caseload.next')}: <When iso={s.nextConversationAt} />
          </>
        )}
      </p>
      {s.signals.length === 0 ? (
        <p className="caseload__ok">{t('caseload.noSignals')}</p>
      ) : (
        <ul className="signal-list" aria-label={t('caseload.signalsOf', { name: s.displayName })}>
          {s.signals.map((x) => (
            <li key={x.code}>{x.text}</li>
          ))}
        </ul>
      )}
    </li>
  );
}
