/**
 * The clinical calculators: the node lists each one with the JSON Schema of its parameters, so
 * this screen builds the form from it; numbers are typed in the language's own way.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorView } from '../error-view.js';
import { t } from '../i18n.js';
import { NumberField } from './consult/number-field.js';

interface ParamSchema {
  type?: string;
  enum?: string[];
  description?: string;
}

interface Calculator {
  name: string;
  summary: string;
  citation: string;
  params: { properties?: Record<string, ParamSchema>; required?: string[] };
}

function ParamField({
  name,
  schema,
  value,
  set,
}: {
  name: string;
  schema: ParamSchema;
  value: unknown;
  set: (v: unknown) => void;
}) {
  const id = `calc-${name}`;
  const label = schema.description ?? name;
  if (schema.type === 'number' || schema.type === 'integer') {
    return (
      <NumberField
        id={id}
        label={label}
        value={typeof value === 'number' ? value : undefined}
        onChange={set}
      />
    );
  }
  if (schema.enum) {
    return (
      <div class="field">
        <label for={id}>{label}</label>
        <select
          id={id}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(e.currentTarget.value || undefined)}
        >
          <option value="">-</option>
          {schema.enum.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </div>
    );
  }
  if (schema.type === 'boolean') {
    return (
      <label class="choice">
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => set(e.currentTarget.checked)}
        />
        {label}
      </label>
    );
  }
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        value={typeof value === 'string' ? value : ''}
        onInput={(e) => set(e.currentTarget.value || undefined)}
      />
    </div>
  );
}

export function CalculatorsScreen() {
  const [list, setList] = useState<Calculator[]>([]);
  const [name, setName] = useState('');
  const [params, setParams] = useState<Record<string, unknown>>({});
  const [lines, setLines] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api<{ calculators: Calculator[] }>('GET', '/api/calculators').then((r) => {
      setList(r.calculators);
      setName(r.calculators[0]?.name ?? '');
    }, setError);
  }, []);

  const calc = list.find((c) => c.name === name);
  const submit = (e: Event) => {
    e.preventDefault();
    setError(null);
    setLines(null);
    api<{ lines: string[] }>('POST', `/api/calculators/${name}`, { params }).then(
      (r) => setLines(r.lines),
      setError,
    );
  };

  return (
    <section aria-labelledby="calc-title">
      <h1 id="calc-title">{t('calculators.title')}</h1>
      <form class="card" onSubmit={submit}>
        <label for="calc-name">{t('calculators.choose')}</label>
        <select
          id="calc-name"
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setParams({});
            setLines(null);
          }}
        >
          {list.map((c) => (
            <option key={c.name} value={c.name}>
              {c.summary}
            </option>
          ))}
        </select>
        {calc &&
          Object.entries(calc.params.properties ?? {}).map(([p, schema]) => (
            <ParamField
              key={`${name}-${p}`}
              name={p}
              schema={schema}
              value={params[p]}
              set={(v) => setParams((old) => ({ ...old, [p]: v }))}
            />
          ))}
        <button type="submit">{t('calculators.compute')}</button>
        {calc && (
          <p class="citation">
            {t('calculators.citation')}: {calc.citation}
          </p>
        )}
      </form>
      <ErrorView error={error} />
      {lines && (
        <div class="card" role="status" aria-labelledby="calc-result">
          <h2 id="calc-result">{t('calculators.result')}</h2>
          <ul class="plain">
            {lines
              .filter((l) => l !== '')
              .map((l, i) => (
                <li key={i}>{l}</li>
              ))}
          </ul>
        </div>
      )}
    </section>
  );
}
