import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { TableWrap } from '../../ui/TableWrap';
import { useHandover } from './api';
import './transition.css';

/**
 * Warme overdracht: for the sending school, its leavers of this school year — who has started
 * where and who has not — and the share that started (the warm-handover rate).
 */
export default function HandoverPage() {
  const { t } = useTranslation('transition');
  const { data, isLoading, error } = useHandover();
  if (isLoading) return <Loading />;
  if (error || !data) return <Alert>{t('errors.generic')}</Alert>;
  return (
    <section className="page">
      <p>
        <Link to="/overstap">{t('back')}</Link>
      </p>
      <h1>{t('handover.title', { school: data.institution.name })}</h1>
      <p className="lead">{t('handover.intro', { year: data.schoolYear })}</p>
      <dl className="facts handover-figures">
        <dt>{t('handover.leavers')}</dt>
        <dd>{data.leavers}</dd>
        <dt>{t('handover.sent')}</dt>
        <dd>{data.sent}</dd>
        <dt>{t('handover.placed')}</dt>
        <dd>{data.placed}</dd>
        <dt>{t('handover.started')}</dt>
        <dd>{data.started}</dd>
        <dt>{t('handover.rate')}</dt>
        <dd>
          <strong>{data.warmHandoverRate === null ? '—' : `${data.warmHandoverRate.toLocaleString()}%`}</strong>
        </dd>
      </dl>
      <h2 id="handover-table">{t('handover.pupils')}</h2>
      {data.items.length === 0 ? (
        <p className="muted">{t('handover.none')}</p>
      ) : (
        <TableWrap labelledBy="handover-table">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('handover.pupil')}</th>
                <th scope="col">{t('handover.destination')}</th>
                <th scope="col">{t('facts.status')}</th>
                <th scope="col">{t('handover.startedCol')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((i) => (
                <tr key={i.transferId}>
                  <td>
                    <Link to={`/overstap/${i.transferId}`}>{i.student.displayName}</Link>
                  </td>
                  <td>{i.destination}</td>
                  <td>{i.latestStatus ? t(`timeline.${i.latestStatus}`) : t(`status.${i.transferStatus}`)}</td>
                  <td>{i.started ? t('yes') : t('no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
