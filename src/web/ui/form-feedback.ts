import type { UseFormReturnType } from '@mantine/form';
import { ApiRequestError } from '../api/client.ts';

/** A "Saved" toast. The toast library loads on first use, so sign-in and other first pages do not carry it. */
export function notifySaved(message: string) {
  void import('@mantine/notifications').then(({ notifications }) =>
    notifications.show({ color: 'teal', title: 'Saved', message }),
  );
}

/** Shows the API's field errors next to the fields; other errors stay for the form's ErrorAlert. */
export function applyFieldErrors<Values>(
  form: UseFormReturnType<Values>,
  error: unknown,
  rename: Record<string, string> = {},
) {
  if (error instanceof ApiRequestError && error.fields.length) {
    form.setErrors(Object.fromEntries(error.fields.map((field) => [rename[field.path] ?? field.path, field.message])));
  }
}

/** The error to show above a form: none when it is all field errors (those show next to their fields). */
export function formLevelError(error: unknown) {
  return error instanceof ApiRequestError && error.fields.length ? null : error;
}
