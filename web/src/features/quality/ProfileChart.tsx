import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from './api';

/**
 * The scan profile as a bar chart: team, institution and previous wave per theme, 1–5. Chart.js
 * loads only here, when a profile is shown (decision 0007); the table beside it carries the
 * same numbers for screen readers and for people who would rather read.
 */
export function ProfileChart({ profile, labelledBy }: { profile: Profile; labelledBy: string }) {
  const { t } = useTranslation('quality');
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    void import('chart.js').then(({ Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip }) => {
      if (cancelled || !canvas.current) return;
      Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
      const series = [
        { label: t('profile.team'), values: profile.themes.map((th) => th.team.score), color: '#005a8c' },
        { label: t('profile.institution'), values: profile.themes.map((th) => th.institution.score), color: '#8a5a00' },
        ...(profile.previousWaveId ? [{ label: t('profile.previous'), values: profile.themes.map((th) => th.previous.score), color: '#6b6b6b' }] : []),
      ];
      chart = new Chart(canvas.current, {
        type: 'bar',
        data: {
          labels: profile.themes.map((th) => th.label),
          datasets: series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color })),
        },
        options: {
          indexAxis: 'y',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: { x: { min: 1, max: 5, ticks: { stepSize: 1 } } },
          plugins: { legend: { position: 'bottom' } },
        },
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [profile, t]);
  return (
    <div className="profile-chart">
      {/* The table below has the same numbers; the picture is for sighted readers. */}
      <canvas ref={canvas} aria-hidden="true" data-labelledby={labelledBy} />
    </div>
  );
}
