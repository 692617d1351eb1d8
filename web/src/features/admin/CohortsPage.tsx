import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import type { Cohort } from './api';
import { CrudPage, type CrudSpec } from './crud';

/** /beheer/cohorten: the cohorts (year of intake) groups belong to. */
export default function CohortsPage() {
  const { t, i18n } = useTranslation('admin');
  const spec: CrudSpec<Cohort> = {
    section: 'cohorts',
    path: '/cohorts',
    columns: [
      { header: t('cohorts.name'), cell: (c) => c.name },
      { header: t('cohorts.startsOn'), cell: (c) => formatDate(c.startsOn, i18n.language) },
    ],
    name: (c) => c.name,
    fields: [
      { name: 'name', label: t('cohorts.name'), hint: t('cohorts.nameHint'), required: true },
      { name: 'startsOn', label: t('cohorts.startsOn'), type: 'date', required: true },
    ],
    empty: { name: '', startsOn: '' },
    values: (c) => ({ name: c.name, startsOn: c.startsOn }),
    body: (v) => ({ name: v.name, startsOn: v.startsOn }),
  };
  return <CrudPage spec={spec} />;
}
