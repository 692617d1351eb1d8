import { useTranslation } from 'react-i18next';
import { Loading } from '../../ui/Loading';
import { useEntries } from './api';
import { EntryCard } from './EntryCard';
import './portfolio.css';

/**
 * On a student's file, for a mentor, praktijkopleider or parent: only the entries the student
 * shared with them (the server filters by relation). Each opens the entry with its feedback form.
 */
export function StudentPortfolioSection({ studentId }: { studentId: string }) {
  const { t } = useTranslation('portfolio');
  const entries = useEntries(studentId);
  // No relation that opens the LOBbook (403/404): the section stays away.
  if (entries.error) return null;
  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="shared-entries" className="card">
      <h2 id="shared-entries">{t('reader.title')}</h2>
      <p className="muted">{t('reader.intro')}</p>
      {entries.isLoading ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t('reader.none')}</p>
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
        <button type="button" className="button button--secondary" onClick={() => entries.fetchNextPage()}>
          {t('list.more')}
        </button>
      )}
    </section>
  );
}
