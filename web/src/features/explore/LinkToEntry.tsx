import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { SelectField } from '../../ui/Field';
import { useLinkEntry } from './api';

/** The student links what they explored to one of their werkexploratie entries. */
export function LinkToEntry({ target, name }: { target: { programmeId?: string; occupationId?: string }; name: string }) {
  const { t } = useTranslation('explore');
  const { data: me } = useMe();
  const entries = useQuery({
    queryKey: ['explore', 'werkexploratie-entries', me?.id],
    queryFn: () => api<{ items: { id: string; title: string; competencies: string[] }[] }>(`/students/${me!.id}/portfolio/entries?limit=100`),
    enabled: !!me,
  });
  const link = useLinkEntry();
  const [entryId, setEntryId] = useState('');
  const options = (entries.data?.items ?? []).filter((e) => e.competencies.includes('werkexploratie'));
  return (
    <section className="card" aria-labelledby="link-title">
      <h2 id="link-title">{t('link.title')}</h2>
      {options.length === 0 ? (
        <p>
          {t('link.noEntries')} <Link to="/portfolio/nieuw">{t('link.newEntry')}</Link>
        </p>
      ) : (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (entryId) link.mutate({ entryId, ...target });
          }}
        >
          <SelectField label={t('link.entry')} hint={t('link.hint', { name })} value={entryId} onChange={(e) => setEntryId(e.target.value)} placeholder={t('link.choose')} options={options.map((o) => ({ value: o.id, label: o.title }))} />
          <button type="submit" className="button" disabled={!entryId || link.isPending}>
            {t('link.button')}
          </button>
        </form>
      )}
      {link.isSuccess && <Alert kind="success">{t('link.done', { entry: link.data.entryTitle, name })}</Alert>}
      {link.error && <Alert>{link.error instanceof ApiError ? link.error.message : t('error')}</Alert>}
    </section>
  );
}
