import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { useI18n } from '../i18n/i18n';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | null;
  /** Says "required" or "optional" after the label, so no one has to guess from an asterisk. */
  necessity?: 'required' | 'optional';
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled input whose hint and error are read with it (aria-describedby, aria-invalid). */
export function Field({ id, label, hint, error, necessity, inputRef, ...input }: FieldProps) {
  const { t } = useI18n();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {necessity ? <span className="field-necessity"> ({t(`common.${necessity}`)})</span> : null}
      </label>
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      <input
        id={id}
        ref={inputRef}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        required={necessity === 'required'}
        {...input}
      />
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
