import { Loader, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';

/** The home's property search; its own chunk, since only a contact with more than one page of properties sees it. */
export default function PropertySearch(props: { value: string; onChange: (value: string) => void; busy: boolean }) {
  return (
    <TextInput
      label="Search properties"
      placeholder="Name, account number or city"
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={props.busy ? <Loader size="xs" /> : null}
      value={props.value}
      onChange={(event) => props.onChange(event.currentTarget.value)}
      w={{ base: '100%', xs: 320 }}
    />
  );
}
