import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { primaryRole, useMe, type Me } from '../../app/auth';
import { Loading } from '../../ui/Loading';
import { useRelatedStudents, useStudentProfile } from '../students/api';
import { ProfileCard } from '../students/ProfileCard';
import { PortfolioHomeSummary } from '../portfolio/HomeSummary';
import { MentorGuidanceHome, ParentGuidanceHome } from '../guidance/GuidanceHome';
import { LobHomeCard } from '../programme/LobHomeCard';

/** The first page after signing in, shaped by the person's main role. */
export default function HomePage() {
  const { t } = useTranslation('home');
  const { data: me } = useMe();
  if (!me) return <Loading />;
  const role = primaryRole(me);
  return (
    <section className="page">
      <h1>{t('greeting', { name: me.givenName })}</h1>
      <p className="lead">{t(`roleIntro.${role ?? 'none'}`)}</p>
      {role === 'student' && <StudentHome me={me} />}
      {role === 'mentor' && <MentorGuidanceHome />}
      {role === 'parent' && <ParentGuidanceHome />}
      {(role === 'mentor' || role === 'docent' || role === 'parent' || role === 'praktijkopleider') && <GuideHome />}
      {(role === 'institution_admin' || role === 'lob_coordinator' || role === 'manager') && <InstitutionHome />}
    </section>
  );
}

function StudentHome({ me }: { me: Me }) {
  const { t } = useTranslation('home');
  const { data } = useStudentProfile(me.id);
  return (
    <>
      <PortfolioHomeSummary studentId={me.id} />
      <LobHomeCard studentId={me.id} />
      <section aria-labelledby="my-school" className="card">
        <h2 id="my-school">{t('mySchool')}</h2>
        {data ? <ProfileCard profile={data} /> : <Loading />}
      </section>
    </>
  );
}

function GuideHome() {
  const { t } = useTranslation('home');
  const { data, isLoading } = useRelatedStudents();
  if (isLoading) return <Loading />;
  const items = data?.items ?? [];
  return (
    <section aria-labelledby="my-students" className="card">
      <h2 id="my-students">{t('myStudents')}</h2>
      {items.length === 0 ? (
        <p>{t('noStudents')}</p>
      ) : (
        <ul className="list">
          {items.map((s) => (
            <li key={`${s.relation}-${s.id}`}>
              <Link to={`/studenten/${s.id}`}>{s.displayName}</Link>
              <span className="muted">
                {' '}
                — {[s.groupCode, s.programme].filter(Boolean).join(', ')} ({t(`relation.${s.relation}`)})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function InstitutionHome() {
  const { t } = useTranslation(['home', 'admin']);
  return (
    <section aria-labelledby="institution" className="card">
      <h2 id="institution">{t('institutionTitle')}</h2>
      <p>{t('institutionText')}</p>
      <p>
        <Link to="/beheer">{t('admin:home.link')}</Link>
      </p>
    </section>
  );
}
