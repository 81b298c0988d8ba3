/**
 * Patients: search, register (with likely-duplicate warnings), and one patient's history with
 * every past encounter; from there a consult starts linked to the patient.
 */
import { VisitDetails } from './visit-details.js';
import { WeightChart } from './weight-chart.js';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import type { EncounterSummary, Me, Patient } from '../api-types.js';
import { ErrorView } from '../error-view.js';
import { formatDate, t } from '../i18n.js';

function Search() {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Patient[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    setError(null);
    api<{ patients: Patient[] }>('GET', `/api/patients?q=${encodeURIComponent(q)}`).then(
      (r) => setFound(r.patients),
      setError,
    );
  };
  return (
    <form class="card" role="search" onSubmit={submit}>
      <label for="patient-q">{t('patients.search')}</label>
      <div class="row">
        <input id="patient-q" value={q} onInput={(e) => setQ(e.currentTarget.value)} required />
        <button type="submit">{t('patients.searchButton')}</button>
      </div>
      <ErrorView error={error} />
      {found && found.length === 0 && <p>{t('patients.noResults')}</p>}
      {found && found.length > 0 && (
        <ul class="plain" aria-live="polite">
          {found.map((p) => (
            <li key={p.id}>
              <a href={`#/patients/${encodeURIComponent(p.id)}`}>{p.name ?? p.id}</a>
              {p.dateOfBirth && ` · ${formatDate(p.dateOfBirth)}`}
              {p.village && ` · ${p.village}`}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

const FIELDS = ['name', 'dateOfBirth', 'village', 'phone'] as const;

function Register() {
  const [form, setForm] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ id: string; duplicates: Patient[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    setError(null);
    api<{ id: string; duplicates: Patient[] }>('POST', '/api/patients', form).then(
      setCreated,
      setError,
    );
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="register-title">
      <h2 id="register-title">{t('patients.register')}</h2>
      {FIELDS.map((f) => (
        <div class="field" key={f}>
          <label for={`reg-${f}`}>{t(`patients.${f}`)}</label>
          {f === 'dateOfBirth' ? (
            <input
              id={`reg-${f}`}
              type="date"
              value={form[f] ?? ''}
              onInput={(e) => setForm({ ...form, [f]: e.currentTarget.value })}
            />
          ) : (
            <input
              id={`reg-${f}`}
              inputMode={f === 'phone' ? 'tel' : 'text'}
              required={f === 'name'}
              value={form[f] ?? ''}
              onInput={(e) => setForm({ ...form, [f]: e.currentTarget.value })}
            />
          )}
        </div>
      ))}
      <fieldset>
        <legend>{t('patients.sex')}</legend>
        {(['female', 'male'] as const).map((s) => (
          <label key={s} class="choice">
            <input
              type="radio"
              name="reg-sex"
              checked={form.sex === s}
              onChange={() => setForm({ ...form, sex: s })}
            />
            {t(`consult.${s}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit">{t('patients.registerSubmit')}</button>
      <ErrorView error={error} />
      {created && (
        <div role="status">
          <p>
            {t('patients.registered')} <a href={`#/patients/${created.id}`}>{form.name}</a>
          </p>
          {created.duplicates.length > 0 && (
            <p class="warning">{t('patients.duplicates', { count: created.duplicates.length })}</p>
          )}
        </div>
      )}
    </form>
  );
}

/** The store keeps printed names; their kebab case is the classification id (engine rows). */
function classificationName(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return t(`classifications.${id}`, { defaultValue: name });
}

function History({ patientId }: { patientId: string }) {
  const [data, setData] = useState<{ patient: Patient; history: EncounterSummary[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<{ patient: Patient; history: EncounterSummary[] }>(
      'GET',
      `/api/patients/${encodeURIComponent(patientId)}`,
    ).then(setData, setError);
  }, [patientId]);
  if (error) return <ErrorView error={error} />;
  if (!data) return <p>{t('app.loading')}</p>;
  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">
        {data.patient.name} · {t('patients.history')}
      </h2>
      <a class="button" href={`#/consult/${encodeURIComponent(data.patient.id)}`}>
        {t('patients.startConsult')}
      </a>
      {data.history.length === 0 && <p>{t('patients.noHistory')}</p>}
      <WeightChart history={data.history} />
      <ol class="history" data-testid="history">
        {data.history.map((e) => (
          <li key={e.id} class={e.urgentReferral ? 'sev-pink' : ''}>
            <strong>{t('patients.visit', { date: formatDate(e.visitDate) })}</strong>
            <span>{e.classifications.map(classificationName).join(', ')}</span>
            {e.overrides.length > 0 && <em> ({t('patients.overridden')})</em>}
            <VisitDetails encounterId={e.id} />
          </li>
        ))}
      </ol>
    </section>
  );
}

export function PatientsScreen({ me, patientId }: { me: Me; patientId: string | null }) {
  return (
    <section aria-labelledby="patients-title">
      <h1 id="patients-title">{t('patients.title')}</h1>
      {patientId ? <History patientId={patientId} /> : <Search />}
      {!patientId && me.permissions.includes('patient.create') && <Register />}
    </section>
  );
}
