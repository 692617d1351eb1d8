import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { useEntries } from './api';
import { EntryCard } from './EntryCard';
import { PortfolioNav } from './PortfolioNav';
import './portfolio.css';

/** The student's LOBbook: their entries, newest first, with the way out (export). */
export default function PortfolioPage() {
  const { t } = useTranslation('portfolio');
  const { data: me } = useMe();
  const entries = useEntries(me?.id);
  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="page">
      <h1>{t('title')}</h1>
      <PortfolioNav />
      <p className="lead">{t('intro')}</p>
      <div className="actions-row">
        <Link className="button" to="/portfolio/nieuw">
          {t('list.new')}
        </Link>
      </div>
      <h2>{t('sections.entries')}</h2>
      {entries.isLoading ? (
        <Loading />
      ) : entries.error ? (
        <Alert>{t('errors.generic')}</Alert>
      ) : items.length === 0 ? (
        <p>{t('list.empty')}</p>
      ) : (
        <ul className="entry-list">
          {items.map((e) => (
            <li key={e.id}>
              <EntryCard entry={e} />
            </li>
          ))}
        </ul>
      )}
      {entries.hasNextPage && (
        <p>
          <button type="button" className="button button--secondary" onClick={() => entries.fetchNextPage()} disabled={entries.isFetchingNextPage}>
            {t('list.more')}
          </button>
        </p>
      )}
      {me && (
        <section aria-labelledby="export" className="card">
          <h2 id="export">{t('list.export')}</h2>
          <p>{t('list.exportText')}</p>
          <div className="actions-row">
            <a className="button button--secondary" href={`/api/v1/students/${me.id}/portfolio/export.pdf`} download>
              {t('list.exportPdf')}
            </a>
            <a className="button button--secondary" href={`/api/v1/students/${me.id}/portfolio/export.json`} download>
              {t('list.exportJson')}
            </a>
          </div>
        </section>
      )}
    </section>
  );
}
