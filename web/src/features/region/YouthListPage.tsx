import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useMe } from '../../app/auth';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/format';
import { REASONS, STATUSES, useYouthList, type YouthItem } from './api';
import './region.css';

/**
 * The regional overview (sluitende aanpak): young people of the reader's region they have a
 * legal basis for, most urgent first — without a case owner, then the longest without a place.
 */
export default function YouthListPage() {
  const { t } = useTranslation('region');
  const { data: me } = useMe();
  const [status, setStatus] = useState('without_place');
  const [ageBand, setAgeBand] = useState('');
  const [gemeente, setGemeente] = useState('');
  const [reason, setReason] = useState('');
  const [minDays, setMinDays] = useState('');
  const [owner, setOwner] = useState('');
  const [limit, setLimit] = useState(50);
  const [ageMin, ageMax] = ageBand ? ageBand.split('-') : [];
  const params = new URLSearchParams({
    limit: String(limit),
    ...(status ? { status } : {}),
    ...(ageMin ? { ageMin, ageMax } : {}),
    ...(gemeente.trim() ? { gemeente: gemeente.trim() } : {}),
    ...(reason ? { reason } : {}),
    ...(minDays ? { minDays } : {}),
    ...(owner ? { owner } : {}),
  });
  const { data, isLoading } = useYouthList(params.toString());
  const items = data?.items ?? [];
  return (
    <section className="page">
      <h1>{t('list.title')}</h1>
      <p>{t('list.intro')}</p>
      <nav aria-label={t('list.more')} className="region-links">
        {hasRole(me, 'regional_coordinator') && <Link to="/regio/signalen">{t('signals.title')}</Link>}
        <Link to="/regio/sociale-kaart">{t('list.socialMap')}</Link>
        {hasRole(me, 'rmc_trajectbegeleider', 'leerplichtambtenaar', 'regional_coordinator') && (
          <>
            <Link to="/regio/uitval">{t('dropout.title')}</Link>
            <Link to="/regio/import">{t('import.title')}</Link>
          </>
        )}
      </nav>
      <form className="filters region-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('list.filters')}>
        <Select id="f-status" label={t('list.status')} value={status} onChange={setStatus} options={[['', t('list.anyStatus')], ...STATUSES.map((s) => [s, t(`status.${s}`)] as [string, string])]} />
        <Select id="f-age" label={t('list.age')} value={ageBand} onChange={setAgeBand} options={[['', t('list.anyAge')], ['12-15', '12–15'], ['16-17', '16–17'], ['18-22', '18–22'], ['23-27', '23–27']]} />
        <div>
          <label htmlFor="f-gemeente">{t('list.gemeente')}</label>
          <input id="f-gemeente" value={gemeente} onChange={(e) => setGemeente(e.target.value)} />
        </div>
        <Select id="f-reason" label={t('list.reason')} value={reason} onChange={setReason} options={[['', t('list.anyReason')], ...REASONS.map((r) => [r, t(`reason.${r}`)] as [string, string])]} />
        <Select id="f-days" label={t('list.minDays')} value={minDays} onChange={setMinDays} options={[['', t('list.anyTime')], ['30', t('list.days', { count: 30 })], ['90', t('list.days', { count: 90 })], ['180', t('list.days', { count: 180 })]]} />
        <Select id="f-owner" label={t('list.owner')} value={owner} onChange={setOwner} options={[['', t('list.anyOwner')], ['none', t('list.noOwner')], ['me', t('list.mine')]]} />
      </form>
      {isLoading ? (
        <Loading />
      ) : (
        <>
          <p role="status">{t('list.count', { count: items.length })}</p>
          <ul className="youth-list">
            {items.map((y) => (
              <YouthRow key={y.id} y={y} />
            ))}
          </ul>
          {data?.nextCursor && (
            <button type="button" className="button button--secondary" onClick={() => setLimit((l) => Math.min(l + 50, 200))}>
              {t('list.showMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function Select({ id, label, value, onChange, options }: { id: string; label: string; value: string; onChange: (v: string) => void; options: [string, string][] }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

function YouthRow({ y }: { y: YouthItem }) {
  const { t, i18n } = useTranslation('region');
  return (
    <li>
      <h2 className="h3-like">
        <Link to={`/regio/jongeren/${y.id}`}>{y.name}</Link>
      </h2>
      <p className="muted">
        {t('list.ageYears', { count: y.age })} · {y.gemeente} · {t(`status.${y.status}`)} {t('list.since', { date: formatDate(y.since, i18n.language), count: y.daysInStatus })}
      </p>
      {(y.reason || y.lastSchool) && (
        <p>
          {y.reason && t(`reason.${y.reason}`)}
          {y.lastSchool && ` · ${y.lastSchool}${y.lastProgramme ? `, ${y.lastProgramme}` : ''}`}
        </p>
      )}
      <p>
        {y.caseOwner ? (
          t('list.ownerIs', { name: y.caseOwner.displayName })
        ) : (
          <strong className="no-owner">{t('list.noOwnerYet')}</strong>
        )}
        {y.overdue && <strong className="overdue"> · {t('list.overdue')}</strong>}
      </p>
    </li>
  );
}
