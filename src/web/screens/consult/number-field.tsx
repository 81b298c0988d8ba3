/**
 * A number typed the way the interface language writes it ("3,75" in French); the parsed
 * value goes up, and text that is not a number is shown as an error naming the field.
 */
import { useState } from 'preact/hooks';
import { currentLanguage, formatNumber } from '../../i18n.js';
import { parseLocaleNumber } from '../../numbers.js';

interface Props {
  id: string;
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  hint?: string;
  unit?: string;
}

export function NumberField({ id, label, value, onChange, hint, unit }: Props) {
  const [text, setText] = useState(value === undefined ? '' : formatNumber(value, 3));
  const [invalid, setInvalid] = useState(false);

  const update = (raw: string) => {
    setText(raw);
    if (raw.trim() === '') {
      setInvalid(false);
      onChange(undefined);
      return;
    }
    const parsed = parseLocaleNumber(raw, currentLanguage());
    setInvalid(!parsed.ok);
    onChange(parsed.ok ? parsed.value : undefined);
  };

  const hintId = `${id}-hint`;
  return (
    <div class="field">
      <label for={id}>
        {label}
        {unit ? ` (${unit})` : ''}
      </label>
      <input
        id={id}
        inputMode="decimal"
        autoComplete="off"
        value={text}
        aria-invalid={invalid}
        aria-describedby={hint || invalid ? hintId : undefined}
        onInput={(e) => update(e.currentTarget.value)}
      />
      {(hint || invalid) && (
        <small id={hintId} class={invalid ? 'invalid' : 'hint'}>
          {invalid ? `${label}: [${text}]` : hint}
        </small>
      )}
    </div>
  );
}
