import { useEffect, useRef } from 'react';

export interface Series {
  label: string;
  values: (number | null)[];
  color: string;
}

/**
 * A horizontal bar chart of indicators, one bar per series. Chart.js loads only here, when the
 * dashboard is shown (decision 0007). The table beside it carries the same numbers for screen
 * readers and for people who would rather read, so the canvas is hidden from assistive technology.
 */
export function IndicatorChart({ labels, series, max }: { labels: string[]; series: Series[]; max?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    void import('chart.js').then(({ Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip }) => {
      if (cancelled || !canvas.current) return;
      Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
      chart = new Chart(canvas.current, {
        type: 'bar',
        data: { labels, datasets: series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color })) },
        options: {
          indexAxis: 'y',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: { x: { min: 0, ...(max ? { max } : {}) } },
          plugins: { legend: { position: 'bottom' } },
        },
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [labels, series, max]);
  return (
    <div className="monitor-chart" style={{ height: `${Math.max(12, labels.length * series.length * 1.6 + 5)}rem` }}>
      <canvas ref={canvas} aria-hidden="true" data-chart="monitor" />
    </div>
  );
}
