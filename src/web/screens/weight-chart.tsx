/**
 * Weight at each visit of a patient, drawn with uPlot (a maintained, small canvas chart
 * library: about 20 KB gzipped). A falling line between visits is what a health worker looks
 * for; the numbers stay in the list beside it for screen readers.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { EncounterSummary } from '../api-types.js';
import { formatDate, formatNumber, t } from '../i18n.js';

const DAY_S = 86_400;

export function WeightChart({ history }: { history: readonly EncounterSummary[] }) {
  const box = useRef<HTMLDivElement>(null);
  const points = history.filter((e) => e.weightKg !== null);
  useEffect(() => {
    if (!box.current || points.length < 2) return;
    const xs = points.map((e) => Date.parse(`${e.visitDate}T12:00:00Z`) / 1000);
    const ys = points.map((e) => e.weightKg as number);
    const width = Math.min(box.current.clientWidth || 320, 640);
    const plot = new uPlot(
      {
        width,
        height: 180,
        scales: { x: { time: true, range: (_u, lo, hi) => [lo - DAY_S, hi + DAY_S] } },
        axes: [{}, { label: 'kg', values: (_u, ticks) => ticks.map((v) => formatNumber(v, 1)) }],
        series: [
          {},
          { label: t('patients.weight'), stroke: '#1d4ed8', width: 2, points: { size: 6 } },
        ],
        legend: { show: false },
      },
      [xs, ys],
      box.current,
    );
    return () => plot.destroy();
  }, [points.map((e) => `${e.id}:${e.weightKg}`).join()]);

  if (points.length < 2) return null;
  return (
    <figure class="weight-chart" aria-labelledby="weight-title">
      <figcaption id="weight-title">{t('patients.weightOverVisits')}</figcaption>
      <div ref={box} data-testid="weight-chart" aria-hidden="true" />
      <ul class="sr-only">
        {points.map((e) => (
          <li key={e.id}>
            {formatDate(e.visitDate)}: {formatNumber(e.weightKg as number, 2)} kg
          </li>
        ))}
      </ul>
    </figure>
  );
}
