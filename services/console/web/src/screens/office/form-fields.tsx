import { useState, type ReactNode } from 'react';
import { fieldErrors, refusalText } from './office-shared';

/** The service's field errors by field path (`completionRule.minAttendanceShare`, `agencyQuotas[0].seats`). */
export type FieldErrors = Record<string, string>;

/** What the service said of the field and of anything inside it (a list's items, an object's members). */
function errorOf(errors: FieldErrors, path: string): string | undefined {
  const found = Object.entries(errors).filter(([field]) => field === path || field.startsWith(`${path}.`) || field.startsWith(`${path}[`));
  return found.length === 0 ? undefined : found.map(([, reason]) => reason).join('; ');
}

type ControlProps = { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean };

/** A field with its label and, beside it, what the service said was wrong with it. */
export function Field({ form, name, path = name, label, errors, children }: { form: string; name: string; path?: string; label: string; errors: FieldErrors; children: (props: ControlProps) => ReactNode }) {
  const error = errorOf(errors, path);
  const id = `${form}-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error ? { 'aria-describedby': `${id}-error`, 'aria-invalid': true } : {}) })}
      {error && (
        <span id={`${id}-error`} className="problem field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** Checkboxes for a list field, the service's error for the list under them. */
export function Choices({ form, name, legend, options, labelOf, errors, checked }: { form: string; name: string; legend: string; options: readonly string[]; labelOf: (option: string) => string; errors: FieldErrors; checked: readonly string[] }) {
  const error = errorOf(errors, name);
  return (
    <fieldset aria-describedby={error ? `${form}-${name}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} className="choice">
          <input type="checkbox" name={name} value={option} defaultChecked={checked.includes(option)} /> {labelOf(option)}
        </label>
      ))}
      {error && (
        <span id={`${form}-${name}-error`} className="problem field-error">
          {error}
        </span>
      )}
    </fieldset>
  );
}

/** "BTP=5" per line; a line typed wrongly goes to the service as typed, for it to refuse naming the field. */
export const quotasFrom = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [agencyId = '', seats = ''] = line.split('=').map((part) => part.trim());
      return { agencyId, seats: Number.isInteger(Number(seats)) && seats !== '' ? Number(seats) : seats };
    });

/** A number when the text is one, else the text, for the service to refuse naming the field. */
export const numberOrText = (value: string) => (value !== '' && Number.isFinite(Number(value)) ? Number(value) : value);

type Answer = { data?: unknown; error?: unknown; response: Response };

/**
 * Sends a form's body and keeps what came back: on acceptance `accepted` runs (say, to open what was
 * made); on refusal the field errors for beside the fields, and the service's words for above them.
 */
export function useSubmission() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (send: () => Promise<Answer>, accepted: (data: unknown) => Promise<void>) => {
    setBusy(true);
    try {
      const { data, error, response } = await send();
      if (response.ok) return await accepted(data);
      setErrors(fieldErrors(error));
      setRefusal(refusalText(error, response));
    } catch (failure) {
      setRefusal(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return { errors, refusal, busy, submit };
}
