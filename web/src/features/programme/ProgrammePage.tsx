import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { hasRole, useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/format';
import { useProgrammes, useVersion } from './api';
import './programme.css';

/** The LOB programme per opleiding: its versions and the components by period. */
export default function ProgrammePage() {
  const { t } = useTranslation('programme');
  const { data, isLoading, error } = useProgrammes();
  const [versionId, setVersionId] = useState<string | undefined>();
  const { data: me } = useMe();
  const published = (useLocation().state as { published?: string } | null)?.published;
  const canPublish = hasRole(me, 'lob_coordinator', 'manager');
  if (isLoading) return <Loading />;
  if (error) return <Alert>{t('errors.generic')}</Alert>;
  return (
    <section className="page">
      <h1>{t('programme.title')}</h1>
      <p className="lead">{t('programme.intro')}</p>
      {published && <Alert kind="success">{t('editor.published', { name: published })}</Alert>}
      <ul className="component-list">
        {data!.items.map((p) => (
          <li key={p.id} className="card">
            <h2>
              {p.name} ({t('programme.level', { level: p.level })}, {p.pathway})
            </h2>
            {p.versions.length === 0 ? (
              <p>{t('programme.none')}</p>
            ) : (
              <ul className="list">
                {p.versions.map((v) => (
                  <li key={v.id}>
                    <button type="button" className="button button--quiet" aria-expanded={versionId === v.id} onClick={() => setVersionId(versionId === v.id ? undefined : v.id)}>
                      {t('programme.version', { version: v.version, count: v.components })}
                    </button>
                    {versionId === v.id && <VersionDetail id={v.id} />}
                  </li>
                ))}
              </ul>
            )}
            {canPublish && (
              <p>
                <Link className="button button--secondary" to={`/lob/programma/${p.id}/nieuwe-versie`}>
                  {t('editor.open', { name: p.name, level: p.level })}
                </Link>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function VersionDetail({ id }: { id: string }) {
  const { t, i18n } = useTranslation('programme');
  const { data } = useVersion(id);
  if (!data) return <Loading />;
  return (
    <div>
      <p>
        {t('programme.effectiveFrom', { date: formatDate(data.effectiveFrom, i18n.language) })} {data.ruleText}
      </p>
      <ul>
        {data.components.map((c: any) => (
          <li key={c.id}>
            {c.period ? t('status.period', { year: c.year, period: c.period }) : t('status.year', { year: c.year })}: {c.title}
            {c.levels.length ? ` (${t('programme.levels', { levels: c.levels.join(', ') })})` : ''}
            {c.pathways.length ? ` (${c.pathways.join(', ')})` : ''}
            {c.intensity ? ` — ${c.intensity}` : ''}
            {c.guidance ? `; ${c.guidance}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
