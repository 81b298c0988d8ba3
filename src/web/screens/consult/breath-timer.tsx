/**
 * The one-minute breath timer: start it, tap once per breath (button or space bar), and the
 * count is offered when the minute is over. IMCI counts breaths over one full minute (chart
 * booklet 2014, "Cough or difficult breathing": count the breaths in one minute); the
 * fast-breathing thresholds stay in the engine, which gets only the count.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n.js';

const MINUTE_MS = 60_000;

export function BreathTimer({ onCount }: { onCount: (count: number) => void }) {
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());
  const [count, setCount] = useState(0);
  const tapRef = useRef<HTMLButtonElement>(null);

  const running = startedAt !== null && now - startedAt < MINUTE_MS;
  const over = startedAt !== null && !running;
  const secondsLeft =
    startedAt === null ? 60 : Math.max(0, Math.ceil((startedAt + MINUTE_MS - now) / 1000));

  useEffect(() => {
    if (startedAt === null || over) return undefined;
    // Four ticks a second keep the countdown honest without a busy loop.
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [startedAt, over]);

  const start = () => {
    setCount(0);
    setStartedAt(Date.now());
    setNow(Date.now());
    tapRef.current?.focus();
  };

  return (
    <div class="timer" role="group" aria-label={t('timer.title')}>
      <strong>{t('timer.title')}</strong>
      <p aria-live="polite">
        {over
          ? t('timer.done', { count })
          : `${t('timer.secondsLeft', { seconds: secondsLeft })} · ${t('timer.count', { count })}`}
      </p>
      <div class="row">
        <button type="button" onClick={start} disabled={running}>
          {startedAt === null ? t('timer.start') : t('timer.reset')}
        </button>
        <button
          ref={tapRef}
          type="button"
          class="tap"
          disabled={!running}
          onClick={() => setCount((c) => c + 1)}
        >
          {t('timer.tap')}
        </button>
        {over && (
          <button type="button" onClick={() => onCount(count)} disabled={count === 0}>
            {t('timer.use')}
          </button>
        )}
      </div>
    </div>
  );
}
