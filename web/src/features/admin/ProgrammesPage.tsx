import { useTranslation } from 'react-i18next';
import { useAdmin, type ListResponse, type Location, type Named, type Programme } from './api';
import { CrudPage, orNull, type CrudSpec, type FieldSpec } from './crud';

/** /beheer/opleidingen: the opleidingen (crebo, level, BOL/BBL, team); add, change, remove. */
export default function ProgrammesPage() {
  const { t } = useTranslation('admin');
  const fields = useProgrammeFields();
  const spec: CrudSpec<Programme> = {
    section: 'programmes',
    path: '/programmes',
    columns: [
      { header: t('programmes.name'), cell: (p) => p.name },
      { header: t('programmes.crebo'), cell: (p) => p.crebo },
      { header: t('programmes.levelShort'), cell: (p) => p.level },
      { header: t('programmes.pathway'), cell: (p) => p.pathway },
      { header: t('programmes.team'), cell: (p) => p.team?.name ?? '—' },
      { header: t('programmes.groups'), cell: (p) => p.groupCount },
    ],
    name: (p) => p.name,
    fields,
    empty: { crebo: '', name: '', level: '2', pathway: 'BOL', teamId: '', locationId: '' },
    values: (p) => ({ crebo: p.crebo, name: p.name, level: String(p.level), pathway: p.pathway, teamId: p.team?.id ?? '', locationId: p.location?.id ?? '' }),
    body: (v) => ({ crebo: v.crebo, name: v.name, level: Number(v.level), pathway: v.pathway, teamId: orNull(v.teamId), locationId: orNull(v.locationId) }),
  };
  return <CrudPage spec={spec} />;
}

function useProgrammeFields(): FieldSpec[] {
  const { t } = useTranslation('admin');
  const teams = useAdmin<ListResponse<Named>>('/teams').data?.items ?? [];
  const locations = useAdmin<ListResponse<Location>>('/locations').data?.items ?? [];
  return [
    { name: 'crebo', label: t('programmes.crebo'), hint: t('programmes.creboHint'), inputMode: 'numeric', required: true },
    { name: 'name', label: t('programmes.name'), required: true },
    { name: 'level', label: t('programmes.level'), type: 'select', options: ['1', '2', '3', '4'].map((l) => ({ value: l, label: t('programmes.levelN', { level: l }) })) },
    { name: 'pathway', label: t('programmes.pathway'), type: 'select', options: [{ value: 'BOL', label: t('programmes.bol') }, { value: 'BBL', label: t('programmes.bbl') }] },
    { name: 'teamId', label: t('programmes.team'), type: 'select', placeholder: t('none'), options: teams.map((x) => ({ value: x.id, label: x.name })) },
    { name: 'locationId', label: t('programmes.location'), type: 'select', placeholder: t('none'), options: locations.map((x) => ({ value: x.id, label: `${x.name} (${x.city})` })) },
  ];
}
