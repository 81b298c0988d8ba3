/**
 * The guided consult: patient first, then one chart box at a time in IMCI order (the node says
 * what to ask next for the answers so far), then the result with save and, for doctors, the
 * override. The save carries a key made once per result, so a double click is one encounter.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, newIdempotencyKey } from '../../api.js';
import type { ConsultResult, GuidedStep, Me, NextAnswer, Patient } from '../../api-types.js';
import { ErrorView } from '../../error-view.js';
import { currentLanguage, formatNumber, t } from '../../i18n.js';
import type { Answer, CaseDraft, PatientDraft } from './case-draft.js';
import { OverrideForm } from './override-form.js';
import { PatientStep } from './patient-step.js';
import { QuestionStep } from './question-step.js';
import { ModelNotes } from './model-notes.js';
import { useModelAvailable } from '../../clinic-status.js';
import { ResultView } from './result-view.js';

type Phase = 'patient' | 'questions' | 'result';

function useLinkedPatient(patientId: string | null) {
  const [patient, setPatient] = useState<Patient | null>(null);
  useEffect(() => {
    if (!patientId) return;
    api<{ patient: Patient }>('GET', `/api/patients/${encodeURIComponent(patientId)}`).then(
      (p) => setPatient(p.patient),
      () => setPatient(null),
    );
  }, [patientId]);
  return patient;
}

export function ConsultScreen({ me, patientId }: { me: Me; patientId: string | null }) {
  const linked = useLinkedPatient(patientId);
  const [phase, setPhase] = useState<Phase>('patient');
  const [draft, setDraft] = useState<CaseDraft>({ patient: {}, findings: {} });
  const [skipped, setSkipped] = useState<string[]>([]);
  const [step, setStep] = useState<GuidedStep | null>(null);
  const [stepCount, setStepCount] = useState(0);
  const [result, setResult] = useState<ConsultResult | null>(null);
  const [latencyMs, setLatencyMs] = useState<number | null>(null);
  const [saveKey, setSaveKey] = useState('');
  const [saving, setSaving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const canSave = me.permissions.includes('consult.save');
  const canOverride = me.permissions.includes('classification.override');
  const modelAvailable = useModelAvailable();
  const body = (c: CaseDraft) => ({ case: c, lang: currentLanguage() });
  // One model request per case as answered (a save does not ask the model again).
  const modelRequest = useMemo(() => body(draft), [draft]);

  const classify = async (c: CaseDraft) => {
    setBusy(true);
    setError(null);
    const started = performance.now();
    try {
      const answer = await api<ConsultResult>('POST', '/api/consult', body(c));
      setLatencyMs(Math.round(performance.now() - started));
      setResult(answer);
      setSaveKey(newIdempotencyKey());
      setPhase('result');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const askNext = async (c: CaseDraft, skip: string[]) => {
    setBusy(true);
    setError(null);
    try {
      const next = await api<NextAnswer>('POST', '/api/consult/next', {
        ...body(c),
        skipped: skip,
      });
      const first = next.steps[0];
      if (!first) {
        await classify(c);
        return;
      }
      setStep(first);
      setStepCount((n) => n + 1);
      setPhase('questions');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const onPatient = (patient: PatientDraft) => {
    const c = {
      patient: { ...patient, ...(linked ? { id: linked.id } : {}) },
      findings: draft.findings,
    };
    setDraft(c);
    void askNext(c, skipped);
  };

  const withAnswers = (answers: Record<string, Answer>, skip: string[]) => {
    const c = { ...draft, findings: { ...draft.findings, ...answers } };
    const s = [...skipped, ...skip];
    setDraft(c);
    setSkipped(s);
    return { c, s };
  };
  const onAnswers = (answers: Record<string, Answer>, skip: string[]) => {
    const { c, s } = withAnswers(answers, skip);
    void askNext(c, s);
  };
  const onClassifyNow = (answers: Record<string, Answer>, skip: string[]) => {
    void classify(withAnswers(answers, skip).c);
  };

  const save = () => {
    if (saving || result?.saved) return;
    setSaving(true);
    setError(null);
    api<ConsultResult>('POST', '/api/encounters', { ...body(draft), idempotencyKey: saveKey })
      // A second answer to a double click says "already saved"; the first one stands.
      .then((r) => setResult((prev) => (prev?.saved ? prev : r)), setError)
      .finally(() => setSaving(false));
  };

  const restart = () => {
    setPhase('patient');
    setDraft({ patient: {}, findings: {} });
    setSkipped([]);
    setResult(null);
    setStepCount(0);
  };

  return (
    <section aria-labelledby="consult-title">
      <h1 id="consult-title">{t('consult.title')}</h1>
      {phase === 'patient' && (
        <PatientStep
          initial={draft.patient}
          patientName={linked?.name ?? null}
          onDone={onPatient}
        />
      )}
      {phase === 'questions' && step && (
        <>
          <p class="hint">
            {t('consult.stepOf', { n: stepCount })} ·{' '}
            {t('consult.answered', { count: Object.keys(draft.findings).length })}
          </p>
          <QuestionStep
            key={`${step.box}-${stepCount}`}
            step={step}
            busy={busy}
            onNext={onAnswers}
            onClassify={onClassifyNow}
          />
        </>
      )}
      {phase === 'result' && result && (
        <>
          <h2>{t('result.title')}</h2>
          {latencyMs !== null && (
            <p class="hint" data-testid="latency">
              {t('result.latency', { ms: formatNumber(latencyMs, 0) })}
            </p>
          )}
          <ResultView result={result} />
          <ModelNotes
            request={modelRequest}
            encounterId={result.saved?.encounterId ?? null}
            available={modelAvailable}
          />
          <div class="row actions">
            {canSave && (
              <button
                type="button"
                id="save"
                onClick={save}
                disabled={saving || Boolean(result.saved)}
              >
                {saving ? t('result.saving') : t('result.save')}
              </button>
            )}
            <button type="button" class="secondary" onClick={() => void askNext(draft, skipped)}>
              {t('result.continue')}
            </button>
            <button type="button" class="secondary" onClick={restart}>
              {t('result.newConsult')}
            </button>
          </div>
          {result.saved && (
            <p role="status" data-testid="saved">
              {result.saved.created ? t('result.saved') : t('result.alreadySaved')}
              {result.saved.duplicates.length > 0 && ` ${t('result.duplicates')}`}
            </p>
          )}
          {canOverride && (
            <OverrideForm
              encounterId={result.saved?.encounterId ?? null}
              classifications={result.classifications}
            />
          )}
        </>
      )}
      <ErrorView error={error} />
    </section>
  );
}
