import { useTranslation } from 'react-i18next';
import { useRegions } from './api';

export function RegionSelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation('explore');
  const { data } = useRegions();
  return (
    <div className="field">
      <label htmlFor="region">{t('occupations.region')}</label>
      <select id="region" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('occupations.allRegions')}</option>
        {(data?.items ?? []).map((r) => (
          <option key={r.code} value={r.code}>
            {r.name}
          </option>
        ))}
      </select>
    </div>
  );
}
