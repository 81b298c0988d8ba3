/**
 * One step of the guided assessment: the questions of one chart box, each with the input its
 * type needs (yes / no / not known, a number with its unit, or one of the chart's values).
 * Respiratory rates get the breath timer next to the typed count.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { GuidedStep, QuestionSpec } from '../../api-types.js';
import { t } from '../../i18n.js';
import { BreathTimer } from './breath-timer.js';
import type { Answer } from './case-draft.js';
import { NumberField } from './number-field.js';

/** A question answered "not known" (null): asked no more, left out of the case. */
type Reply = Answer | null;
type Draft = Record<string, Reply>;
type QuestionProps = { q: QuestionSpec; value: Reply | undefined; set: (v: Reply) => void };

function BooleanQuestion({ q, value, set }: QuestionProps) {
  const options: [string, Reply][] = [
    ['common.yes', true],
    ['common.no', false],
    ['common.unknown', null],
  ];
  return (
    <fieldset class="question">
      <legend>{t(`findings.${q.key}`)}</legend>
      {options.map(([label, v]) => (
        <label key={label} class="choice">
          <input type="radio" name={q.key} checked={value === v} onChange={() => set(v)} />
          {t(label)}
        </label>
      ))}
    </fieldset>
  );
}

function EnumQuestion({ q, value, set }: QuestionProps) {
  return (
    <div class="field question">
      <label for={`q-${q.key}`}>{t(`findings.${q.key}`)}</label>
      <select
        id={`q-${q.key}`}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => set(e.currentTarget.value === '' ? null : e.currentTarget.value)}
      >
        <option value="">{t('common.unknown')}</option>
        {(q.values ?? []).map((v) => (
          <option key={v} value={v}>
            {t(`values.${v}`, { defaultValue: v })}
          </option>
        ))}
      </select>
    </div>
  );
}

function NumberQuestion({ q, value, set }: QuestionProps) {
  const [version, setVersion] = useState(0);
  const current = typeof value === 'number' ? value : undefined;
  return (
    <div class="question">
      <NumberField
        key={version}
        id={`q-${q.key}`}
        label={t(`findings.${q.key}`)}
        value={current}
        {...(q.unit ? { unit: q.unit } : {})}
        onChange={(v) => set(v === undefined ? null : v)}
      />
      {q.unit === 'breaths/min' && (
        <BreathTimer
          onCount={(count) => {
            set(count);
            setVersion((n) => n + 1);
          }}
        />
      )}
    </div>
  );
}

function TextQuestion({ q, value, set }: QuestionProps) {
  return (
    <div class="field question">
      <label for={`q-${q.key}`}>{t(`findings.${q.key}`)}</label>
      <input
        id={`q-${q.key}`}
        value={typeof value === 'string' ? value : ''}
        onInput={(e) => set(e.currentTarget.value.trim() === '' ? null : e.currentTarget.value)}
      />
    </div>
  );
}

interface Props {
  step: GuidedStep;
  onNext: (answers: Record<string, Answer>, skipped: string[]) => void;
  /** Classify now, with this step's answers so far. */
  onClassify: (answers: Record<string, Answer>, skipped: string[]) => void;
  busy: boolean;
}

export function QuestionStep({ step, onNext, onClassify, busy }: Props) {
  const [draft, setDraft] = useState<Draft>({});
  const title = useRef<HTMLHeadingElement>(null);
  // Each new step moves focus to its title, so keyboard and screen-reader users start there.
  useEffect(() => title.current?.focus(), []);
  const set = (key: string) => (v: Reply) => setDraft((d) => ({ ...d, [key]: v }));

  const collect = (): [Record<string, Answer>, string[]] => {
    const answers: Record<string, Answer> = {};
    const skipped: string[] = [];
    for (const q of step.questions) {
      const v = draft[q.key];
      if (v === undefined || v === null) skipped.push(q.key);
      else answers[q.key] = v;
    }
    return [answers, skipped];
  };
  const next = (e: Event) => {
    e.preventDefault();
    onNext(...collect());
  };

  return (
    <form class="card" onSubmit={next} aria-labelledby="step-title">
      <h2 id="step-title" ref={title} tabIndex={-1}>
        {t(`boxes.${step.box}`)}
      </h2>
      {step.questions.map((q) => {
        const props = { q, value: draft[q.key], set: set(q.key) };
        if (q.type === 'boolean') return <BooleanQuestion key={q.key} {...props} />;
        if (q.type === 'enum') return <EnumQuestion key={q.key} {...props} />;
        if (q.type === 'string') return <TextQuestion key={q.key} {...props} />;
        return <NumberQuestion key={q.key} {...props} />;
      })}
      <div class="row">
        <button type="submit" disabled={busy}>
          {t('common.next')}
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() => onClassify(...collect())}
          disabled={busy}
        >
          {t('consult.classifyNow')}
        </button>
      </div>
    </form>
  );
}
