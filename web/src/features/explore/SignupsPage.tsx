import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { TableWrap } from '../../ui/TableWrap';
import { formatDateTime } from '../../ui/format';

/** Staff of the organising school: who signed up without an account. */
export default function SignupsPage() {
  const { t, i18n } = useTranslation('explore');
  const { id } = useParams();
  const { data, isLoading, error } = useQuery({
    queryKey: ['explore', 'public-signups', id],
    queryFn: () => api<{ items: { name: string; email: string; confirmedAt: string }[] }>(`/explore/activities/${id}/public-signups`),
    retry: false,
  });
  return (
    <section className="page">
      <h1>{t('signups.title')}</h1>
      {isLoading ? (
        <Loading />
      ) : error ? (
        <Alert>{t('error')}</Alert>
      ) : data!.items.length === 0 ? (
        <p>{t('signups.none')}</p>
      ) : (
        <TableWrap labelledBy="signups-caption">
          <table className="explore-table">
            <caption id="signups-caption">{t('signups.caption', { count: data!.items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('activities.name')}</th>
                <th scope="col">{t('activities.email')}</th>
                <th scope="col">{t('signups.confirmedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {data!.items.map((s) => (
                <tr key={s.email}>
                  <td>{s.name}</td>
                  <td>{s.email}</td>
                  <td>{formatDateTime(s.confirmedAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <p className="muted">{t('signups.privacy')}</p>
    </section>
  );
}
