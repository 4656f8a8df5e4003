import { PasswordInput, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';

const MIN_LENGTH = 15;

/** Client-side checks mirror the server's length rule; the server adds breached and context checks. */
export function validateNewPassword(value: string): string | null {
  return [...value].length >= MIN_LENGTH ? null : `Use at least ${MIN_LENGTH} characters`;
}

export function validateConfirmation(value: string, values: { password: string }): string | null {
  return value === values.password ? null : 'The passwords do not match';
}

/** New password + confirmation, with live feedback on the length rule (no composition rules). */
export function NewPasswordFields<Values extends { password: string; confirmPassword: string }>({
  form,
  label = 'New password',
}: {
  form: UseFormReturnType<Values>;
  label?: string;
}) {
  const length = [...form.values.password].length;
  const long = length >= MIN_LENGTH;
  return (
    <Stack gap="sm">
      <PasswordInput
        label={label}
        autoComplete="new-password"
        description={
          <Text component="span" size="xs" c={long ? 'teal' : 'dimmed'}>
            {long
              ? `${length} characters — long enough.`
              : `${length} of at least ${MIN_LENGTH} characters. A few unrelated words make a strong, memorable password.`}
          </Text>
        }
        {...form.getInputProps('password')}
      />
      <PasswordInput label="Confirm password" autoComplete="new-password" {...form.getInputProps('confirmPassword')} />
    </Stack>
  );
}
