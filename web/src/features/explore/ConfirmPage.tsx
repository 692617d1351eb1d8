import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { formatDateTime } from '../../ui/format';
import { useConfirm } from './api';

/** The link in the sign-up mail lands here and confirms. */
export default function ConfirmPage() {
  const { t, i18n } = useTranslation('explore');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useConfirm();
  useEffect(() => {
    if (token && confirm.isIdle) confirm.mutate(token);
  }, [token]);
  return (
    <section className="page page--narrow">
      <h1>{t('confirm.title')}</h1>
      {!token ? (
        <Alert>{t('confirm.noToken')}</Alert>
      ) : confirm.isPending || confirm.isIdle ? (
        <Loading />
      ) : confirm.error ? (
        <Alert>{confirm.error instanceof ApiError ? confirm.error.message : t('error')}</Alert>
      ) : confirm.data!.status === 'confirmed' ? (
        <Alert kind="success">
          {t('confirm.confirmed', { title: confirm.data!.activity.title, when: formatDateTime(confirm.data!.activity.startsAt, i18n.language), location: confirm.data!.activity.location })}
        </Alert>
      ) : (
        <Alert kind="info">{t('confirm.full', { title: confirm.data!.activity.title })}</Alert>
      )}
      <p>
        <Link to="/verkennen/activiteiten">{t('confirm.more')}</Link>
      </p>
    </section>
  );
}
