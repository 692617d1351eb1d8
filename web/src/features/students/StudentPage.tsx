import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { useStudentProfile } from './api';
import { ProfileCard } from './ProfileCard';
import { StudentPortfolioSection } from '../portfolio/StudentPortfolioSection';
import { StudentGuidanceSection } from '../guidance/StudentGuidanceSection';
import { StudentExploreSection } from '../explore/StudentExploreSection';

/** A student's file as seen by someone who guides them. */
export default function StudentPage() {
  const { t } = useTranslation('students');
  const { id } = useParams();
  const { data, error, isLoading } = useStudentProfile(id);
  if (isLoading) return <Loading />;
  if (error || !data) {
    return (
      <section className="page">
        <h1>{t('notAvailableTitle')}</h1>
        <Alert>{error instanceof ApiError ? error.message : t('notAvailable')}</Alert>
      </section>
    );
  }
  return (
    <section className="page">
      <h1>{data.displayName}</h1>
      <ProfileCard profile={data} />
      <StudentPortfolioSection studentId={data.id} />
      <StudentGuidanceSection studentId={data.id} />
      <StudentExploreSection studentId={data.id} />
    </section>
  );
}
