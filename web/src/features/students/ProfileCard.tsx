import { useTranslation } from 'react-i18next';
import type { StudentProfile } from './api';
import { formatDate } from '../../ui/format';

/** The facts of a student's enrolment as a definition list. */
export function ProfileCard({ profile }: { profile: StudentProfile }) {
  const { t, i18n } = useTranslation('students');
  const e = profile.enrolment;
  return (
    <dl className="facts">
      {profile.institution && (
        <>
          <dt>{t('school')}</dt>
          <dd>{profile.institution.name}</dd>
        </>
      )}
      {e?.programme && (
        <>
          <dt>{t('programme')}</dt>
          <dd>
            {e.programme.name} — {t('level', { level: e.programme.level })}, {e.programme.pathway} ({t('crebo')} {e.programme.crebo})
          </dd>
        </>
      )}
      {e?.group && (
        <>
          <dt>{t('group')}</dt>
          <dd>{e.group.code}</dd>
        </>
      )}
      <dt>{t('mentor')}</dt>
      <dd>{profile.mentors.length ? profile.mentors.map((m) => m.displayName).join(', ') : t('noMentor')}</dd>
      {profile.internship && (
        <>
          <dt>{t('internship')}</dt>
          <dd>
            {profile.internship.companyName}, {formatDate(profile.internship.startsOn, i18n.language)} –{' '}
            {formatDate(profile.internship.endsOn, i18n.language)}
          </dd>
        </>
      )}
    </dl>
  );
}
