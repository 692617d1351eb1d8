import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../ui/format';
import type { Entry } from './api';

/** One entry in a list: title, kind and date, competencies, and for the owner its sharing and news. */
export function EntryCard({ entry, headingLevel = 3 }: { entry: Entry; headingLevel?: 3 | 4 }) {
  const { t, i18n } = useTranslation('portfolio');
  const H = `h${headingLevel}` as 'h3' | 'h4';
  return (
    <article className="entry-card">
      <H>
        <Link to={`/portfolio/ervaring/${entry.id}`}>{entry.title}</Link>
      </H>
      <p className="muted">{t('entry.meta', { kind: t(`kind.${entry.kind}`), date: formatDate(entry.occurredOn, i18n.language) })}</p>
      <ul className="tags" aria-label={t('form.steps.competencies')}>
        {entry.competencies.map((c) => (
          <li key={c} className="tag">
            {t(`competence.${c}`)}
          </li>
        ))}
        {entry.status === 'draft' && <li className="tag tag--draft">{t('status.draft')}</li>}
        {!!entry.unreadFeedback && <li className="tag tag--new">{t('list.newFeedback', { count: entry.unreadFeedback })}</li>}
      </ul>
      {entry.sharing && (
        <p>{entry.sharing.length ? t('sharing.sharedWith', { list: entry.sharing.map((s) => t(`sharing.${s}`)).join(', ') }) : t('sharing.private')}</p>
      )}
      {entry.sharing && entry.status === 'published' && !entry.sharing.includes('mentor') && <p className="muted">{t('lob.shareToCount')}</p>}
      {entry.feedbackCount > 0 && <p className="muted">{t('list.feedbackCount', { count: entry.feedbackCount })}</p>}
    </article>
  );
}
