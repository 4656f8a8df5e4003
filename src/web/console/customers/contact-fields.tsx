import { SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';

export interface ContactFormValues {
  firstName: string;
  lastName: string;
  title: string;
  phone: string;
  primaryEmails: string[];
  otherEmails: string[];
}

export const EMPTY_CONTACT: ContactFormValues = {
  firstName: '',
  lastName: '',
  title: '',
  phone: '',
  primaryEmails: [],
  otherEmails: [],
};

export const contactValidation = {
  firstName: (value: string) => (value.trim() ? null : 'Enter a first name'),
  lastName: (value: string) => (value.trim() ? null : 'Enter a last name'),
};

/** Name, title, phone and the two email lists, shared by the create modal and the contact page. */
export function ContactFields<T extends ContactFormValues>({ form }: { form: UseFormReturnType<T> }) {
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="First name" required {...form.getInputProps('firstName')} />
        <TextInput label="Last name" required {...form.getInputProps('lastName')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Title" {...form.getInputProps('title')} />
        <TextInput
          label="Phone"
          description="Any format; saved as +1XXXXXXXXXX"
          type="tel"
          {...form.getInputProps('phone')}
        />
      </SimpleGrid>
      <TagsInput
        label="Primary emails"
        description="Every primary address receives notifications. Press Enter after each address."
        splitChars={[',', ' ', ';']}
        clearable
        {...form.getInputProps('primaryEmails')}
      />
      <TagsInput
        label="Other emails"
        description="Kept for reference; not used for notifications."
        splitChars={[',', ' ', ';']}
        clearable
        {...form.getInputProps('otherEmails')}
      />
    </Stack>
  );
}
