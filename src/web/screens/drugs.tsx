/** The drug list (formulary and products stocked) and the interaction and allergy check. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import type { SafetyAlert } from '../api-types.js';
import { ErrorView } from '../error-view.js';
import { t } from '../i18n.js';
import { splitList } from './consult/case-draft.js';

interface Drug {
  id: string;
  name: string;
  formulations: { id: string; form: string; strength: string }[];
}

interface Report {
  alerts: SafetyAlert[];
  unknownMedicines: string[];
  unknownAllergies: string[];
}

function CheckForm({ selected }: { selected: string[] }) {
  const [current, setCurrent] = useState('');
  const [allergies, setAllergies] = useState('');
  const [pregnant, setPregnant] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    setError(null);
    const body = {
      drugs: selected,
      currentMedicines: splitList(current),
      allergies: splitList(allergies),
      pregnant,
    };
    api<Report>('POST', '/api/drugs/check', body).then(setReport, setError);
  };
  const unknown = report ? [...report.unknownMedicines, ...report.unknownAllergies] : [];
  return (
    <form class="card" onSubmit={submit} aria-labelledby="check-title">
      <h2 id="check-title">{t('drugs.check')}</h2>
      <p>
        {t('drugs.selected')}: {selected.length > 0 ? selected.join(', ') : t('common.none')}
      </p>
      <label for="check-current">{t('drugs.current')}</label>
      <input
        id="check-current"
        value={current}
        onInput={(e) => setCurrent(e.currentTarget.value)}
      />
      <label for="check-allergies">{t('drugs.allergies')}</label>
      <input
        id="check-allergies"
        value={allergies}
        onInput={(e) => setAllergies(e.currentTarget.value)}
      />
      <label class="choice">
        <input
          type="checkbox"
          checked={pregnant}
          onChange={(e) => setPregnant(e.currentTarget.checked)}
        />
        {t('drugs.pregnant')}
      </label>
      <button type="submit" disabled={selected.length === 0}>
        {t('drugs.checkSubmit')}
      </button>
      <ErrorView error={error} />
      {report && (
        <div role="status">
          {report.alerts.length === 0 && <p>{t('drugs.noAlerts')}</p>}
          <ul class="plain">
            {report.alerts.map((a, i) => (
              <li key={i} class={`alert-${a.severity}`}>
                <strong>
                  {a.severity}: {a.drugs.join(' + ')}
                </strong>{' '}
                {a.effect} {a.action}
              </li>
            ))}
          </ul>
          {unknown.length > 0 && (
            <p class="warning">{t('drugs.unknown', { names: unknown.join(', ') })}</p>
          )}
        </div>
      )}
    </form>
  );
}

export function DrugsScreen() {
  const [drugs, setDrugs] = useState<Drug[]>([]);
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<{ drugs: Drug[] }>('GET', '/api/drugs').then((r) => setDrugs(r.drugs), setError);
  }, []);
  const shown = drugs.filter((d) => d.name.toLowerCase().includes(filter.toLowerCase()));
  const toggle = (id: string) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  return (
    <section aria-labelledby="drugs-title">
      <h1 id="drugs-title">{t('drugs.title')}</h1>
      <CheckForm selected={selected} />
      <div class="card">
        <label for="drug-filter">{t('drugs.filter')}</label>
        <input id="drug-filter" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        <ErrorView error={error} />
        <ul class="plain drugs">
          {shown.map((d) => (
            <li key={d.id}>
              <label class="choice">
                <input
                  type="checkbox"
                  checked={selected.includes(d.id)}
                  onChange={() => toggle(d.id)}
                />
                <strong>{d.name}</strong>
              </label>
              <small>
                {t('drugs.formulations')}:{' '}
                {d.formulations.map((f) => `${f.form} ${f.strength}`).join('; ')}
              </small>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
