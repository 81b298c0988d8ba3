/** The first step: who is the patient (age decides the chart), weight and temperature. */
import { useState } from 'preact/hooks';
import { t } from '../../i18n.js';
import { splitList, type PatientDraft } from './case-draft.js';
import { NumberField } from './number-field.js';

interface Props {
  initial: PatientDraft;
  patientName: string | null;
  onDone: (patient: PatientDraft) => void;
}

export function PatientStep({ initial, patientName, onDone }: Props) {
  const [unit, setUnit] = useState<'months' | 'days'>(
    initial.age_days !== undefined ? 'days' : 'months',
  );
  const [age, setAge] = useState<number | undefined>(initial.age_months ?? initial.age_days);
  const [sex, setSex] = useState(initial.sex ?? '');
  const [weight, setWeight] = useState(initial.weight_kg);
  const [temperature, setTemperature] = useState(initial.temperature_c);
  const [medicines, setMedicines] = useState((initial.medicines ?? []).join(', '));
  const [allergies, setAllergies] = useState((initial.allergies ?? []).join(', '));

  const submit = (e: Event) => {
    e.preventDefault();
    const patient: PatientDraft = {
      ...(initial.id ? { id: initial.id } : {}),
      ...(age === undefined ? {} : unit === 'months' ? { age_months: age } : { age_days: age }),
      ...(sex === 'male' || sex === 'female' ? { sex } : {}),
      ...(weight === undefined ? {} : { weight_kg: weight }),
      ...(temperature === undefined ? {} : { temperature_c: temperature }),
      medicines: splitList(medicines),
      allergies: splitList(allergies),
    };
    onDone(patient);
  };

  return (
    <form class="card" onSubmit={submit} aria-labelledby="patient-step-title">
      <h2 id="patient-step-title">{t('consult.patientStep')}</h2>
      <p>
        {patientName ? t('consult.patientLinked', { name: patientName }) : t('consult.anonymous')}
      </p>
      <div class="row">
        <NumberField id="age" label={t('consult.ageValue')} value={age} onChange={setAge} />
        <div class="field">
          <label for="age-unit">{t('consult.ageUnit')}</label>
          <select
            id="age-unit"
            value={unit}
            onChange={(e) => setUnit(e.currentTarget.value === 'days' ? 'days' : 'months')}
          >
            <option value="months">{t('consult.months')}</option>
            <option value="days">{t('consult.days')}</option>
          </select>
        </div>
      </div>
      <fieldset>
        <legend>{t('consult.sex')}</legend>
        {(['female', 'male'] as const).map((s) => (
          <label key={s} class="choice">
            <input
              type="radio"
              name="sex"
              value={s}
              checked={sex === s}
              onChange={() => setSex(s)}
            />
            {t(`consult.${s}`)}
          </label>
        ))}
      </fieldset>
      <NumberField
        id="weight"
        label={t('consult.weight')}
        value={weight}
        onChange={setWeight}
        hint={t('consult.weightHint')}
      />
      <NumberField
        id="temperature"
        label={t('consult.temperature')}
        value={temperature}
        onChange={setTemperature}
      />
      <label for="medicines">{t('consult.medicines')}</label>
      <input
        id="medicines"
        value={medicines}
        onInput={(e) => setMedicines(e.currentTarget.value)}
      />
      <label for="allergies">{t('consult.allergies')}</label>
      <input
        id="allergies"
        value={allergies}
        onInput={(e) => setAllergies(e.currentTarget.value)}
      />
      <button type="submit">{t('consult.start')}</button>
    </form>
  );
}
