import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../../app/api';
import { hasRole, useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { formatDateTime } from '../../ui/format';
import { useActivities, type Activity } from './api';
import './programme.css';

/** The LOB activity catalogue: students sign up (or join the waiting list), staff see and add activities. */
export default function ActivitiesPage() {
  const { t } = useTranslation('programme');
  const { data: me } = useMe();
  const { data, isLoading, error } = useActivities();
  const organiser = hasRole(me, 'mentor', 'docent', 'lob_coordinator', 'manager');
  return (
    <section className="page">
      <h1>{t('activities.title')}</h1>
      <p className="lead">{t(hasRole(me, 'student') ? 'activities.introStudent' : 'activities.introStaff')}</p>
      {organiser && (
        <p>
          <Link className="button" to="/lob/activiteiten/nieuw">
            {t('activities.new')}
          </Link>
        </p>
      )}
      {isLoading ? (
        <Loading />
      ) : error ? (
        <Alert>{t('errors.generic')}</Alert>
      ) : data!.items.length === 0 ? (
        <p>{t('activities.empty')}</p>
      ) : (
        <ul className="activity-list">
          {data!.items.map((a) => (
            <li key={a.id}>
              <ActivityCard activity={a} student={hasRole(me, 'student')} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ActivityCard({ activity: a, student, headingLevel = 2 }: { activity: Activity; student: boolean; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation('programme');
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const placesLeft = a.capacity === null ? null : Math.max(0, a.capacity - a.registered);
  return (
    <article className="card activity-card" aria-labelledby={`act-${a.id}`}>
      <Heading id={`act-${a.id}`}>
        <Link to={`/lob/activiteiten/${a.id}`}>{a.title}</Link>
      </Heading>
      <p className="muted">
        {t(`kinds.${a.kind}`)} · {formatDateTime(a.startsAt, i18n.language)}
        {a.location ? ` · ${a.location}` : ''}
      </p>
      <p>{placesLeft === null ? t('activities.noLimit') : t('activities.placesLeft', { count: placesLeft, capacity: a.capacity })}</p>
      {student && <SignupControls activity={a} />}
    </article>
  );
}

/** Sign up, cancel, or — when the activity is full — the offer of the waiting list. */
export function SignupControls({ activity: a }: { activity: Activity }) {
  const { t } = useTranslation('programme');
  const qc = useQueryClient();
  const [message, setMessage] = useState<{ kind: 'error' | 'success' | 'info'; text: string } | null>(null);
  const [offerWaitlist, setOfferWaitlist] = useState(false);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<unknown>, success: string) {
    setBusy(true);
    try {
      await action();
      setMessage({ kind: 'success', text: success });
      setOfferWaitlist(false);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'activity_full') {
        setOfferWaitlist(true);
        setMessage({ kind: 'info', text: err.message });
      } else setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : t('errors.generic') });
    } finally {
      setBusy(false);
      await qc.invalidateQueries({ queryKey: ['lob'] });
    }
  }

  const signup = (waitlist: boolean) =>
    run(() => api(`/lob/activities/${a.id}/signup`, { method: 'POST', body: { waitlist } }), t(waitlist ? 'signup.waitlisted' : 'signup.done'));
  const cancel = () => run(() => api(`/lob/activities/${a.id}/signup`, { method: 'DELETE' }), t('signup.cancelled'));

  return (
    <div>
      {a.mySignup?.status === 'registered' && <p className="badge badge--met">{t('signup.youAreRegistered')}</p>}
      {a.mySignup?.status === 'waitlisted' && <p className="badge badge--open">{t('signup.youAreWaiting', { position: a.mySignup.position })}</p>}
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <div className="actions-row">
        {!a.mySignup && !offerWaitlist && (
          <button type="button" className="button" disabled={busy} aria-label={`${t('signup.button')}: ${a.title}`} onClick={() => void signup(false)}>
            {t('signup.button')}
          </button>
        )}
        {!a.mySignup && offerWaitlist && (
          <button type="button" className="button" disabled={busy} onClick={() => void signup(true)}>
            {t('signup.waitlistButton')}
          </button>
        )}
        {a.mySignup && (
          <button type="button" className="button button--secondary" disabled={busy} aria-label={`${t('signup.cancel')}: ${a.title}`} onClick={() => void cancel()}>
            {t('signup.cancel')}
          </button>
        )}
      </div>
    </div>
  );
}
