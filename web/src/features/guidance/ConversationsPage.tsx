import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { Loading } from '../../ui/Loading';
import { useStudentConversations } from './api';
import { ConversationList, StudentAgenda } from './StudentGuidanceSection';
import './guidance.css';

/** The student's own career conversations: prepare the next one, read back the agreements. */
export default function ConversationsPage() {
  const { t } = useTranslation('guidance');
  const { data: me } = useMe();
  const { data, isLoading } = useStudentConversations(me?.id);
  return (
    <section className="page">
      <h1>{t('mine.title')}</h1>
      <p>{t('mine.intro')}</p>
      <section aria-labelledby="my-conversations" className="card">
        <h2 id="my-conversations">{t('student.conversations')}</h2>
        {isLoading || !data ? <Loading /> : <ConversationList items={data.items} />}
      </section>
      {me && <StudentAgenda studentId={me.id} />}
    </section>
  );
}
