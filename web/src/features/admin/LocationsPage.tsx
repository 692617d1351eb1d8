import { useTranslation } from 'react-i18next';
import type { Location } from './api';
import { CrudPage, type CrudSpec } from './crud';

/** /beheer/locaties: the institution's locations (name and place). */
export default function LocationsPage() {
  const { t } = useTranslation('admin');
  const spec: CrudSpec<Location> = {
    section: 'locations',
    path: '/locations',
    columns: [
      { header: t('locations.name'), cell: (l) => l.name },
      { header: t('locations.city'), cell: (l) => l.city },
    ],
    name: (l) => l.name,
    fields: [
      { name: 'name', label: t('locations.name'), required: true },
      { name: 'city', label: t('locations.city'), required: true },
    ],
    empty: { name: '', city: '' },
    values: (l) => ({ name: l.name, city: l.city }),
    body: (v) => ({ name: v.name, city: v.city }),
  };
  return <CrudPage spec={spec} />;
}
