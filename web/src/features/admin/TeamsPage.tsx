import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { adminPath, useAdmin, useInstitutionId, useSubmit, type ListResponse, type Team, type UserItem } from './api';
import { CrudPage, type CrudSpec } from './crud';
import { FormStatus, SelectField } from './ui';

/** /beheer/teams: opleidingsteams and their members (staff who see the team's students). */
export default function TeamsPage() {
  const { t } = useTranslation('admin');
  const spec: CrudSpec<Team> = {
    section: 'teams',
    path: '/teams',
    columns: [
      { header: t('teams.name'), cell: (x) => x.name },
      { header: t('teams.members'), cell: (x) => (x.members.length ? x.members.map((m) => m.displayName).join(', ') : t('teams.noMembers')) },
    ],
    name: (x) => x.name,
    fields: [{ name: 'name', label: t('teams.name'), required: true }],
    empty: { name: '' },
    values: (x) => ({ name: x.name }),
    body: (v) => ({ name: v.name }),
    editExtra: (team) => <TeamMembers team={team} />,
  };
  return <CrudPage spec={spec} />;
}

/** Staff of the institution: everyone who may be a team member. */
function useStaff() {
  const mentors = useAdmin<ListResponse<UserItem>>('/users?role=mentor&limit=100').data?.items ?? [];
  const docents = useAdmin<ListResponse<UserItem>>('/users?role=docent&limit=100').data?.items ?? [];
  const managers = useAdmin<ListResponse<UserItem>>('/users?role=manager&limit=100').data?.items ?? [];
  const coordinators = useAdmin<ListResponse<UserItem>>('/users?role=lob_coordinator&limit=100').data?.items ?? [];
  const all = [...mentors, ...docents, ...managers, ...coordinators];
  return [...new Map(all.map((u) => [u.id, u])).values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

function TeamMembers({ team }: { team: Team }) {
  const { t } = useTranslation('admin');
  const inst = useInstitutionId();
  const s = useSubmit();
  const [userId, setUserId] = useState('');
  const staff = useStaff().filter((u) => !team.members.some((m) => m.id === u.id));
  const path = adminPath(inst, `/teams/${team.id}/members`);
  async function add(e: FormEvent) {
    e.preventDefault();
    const name = staff.find((u) => u.id === userId)?.displayName ?? '';
    const ok = await s.run(() => api(path, { body: { userId } }), t('teams.memberAdded', { name }));
    if (ok) setUserId('');
  }
  return (
    <>
      <h3 id="team-members">{t('teams.members')}</h3>
      <FormStatus error={s.error} done={s.done} />
      {team.members.length === 0 ? (
        <p>{t('teams.noMembers')}</p>
      ) : (
        <ul className="chips" aria-labelledby="team-members">
          {team.members.map((m) => (
            <li key={m.id}>
              {m.displayName}
              <button
                type="button"
                className="button button--quiet"
                aria-label={t('teams.removeMember', { name: m.displayName })}
                onClick={() => s.run(() => api(`${path}/${m.id}`, { method: 'DELETE' }), t('teams.memberRemoved', { name: m.displayName }))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} noValidate className="inline-form">
        <SelectField label={t('teams.addMember')} value={userId} error={s.fields.userId} onChange={(e) => setUserId(e.target.value)} placeholder={t('choose')} options={staff.map((u) => ({ value: u.id, label: u.displayName }))} />
        <div>
          <button type="submit" className="button" disabled={s.busy || !userId}>
            {t('teams.addMemberButton')}
          </button>
        </div>
      </form>
    </>
  );
}
