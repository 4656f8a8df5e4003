import type { UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ApiRequestError } from '../api/client.ts';

export function notifySaved(message: string) {
  notifications.show({ color: 'teal', title: 'Saved', message });
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
