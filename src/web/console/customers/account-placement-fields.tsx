import { Select, SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { customerListQuery } from './customers-api.ts';

interface PlacementValues {
  parentAccountId: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  region: string;
  postalCode: string;
}

/** Where an account sits: its management company (properties only) and its address. */
export function AccountPlacementFields<Values extends PlacementValues>({
  form,
  isProperty,
  enabled = true,
}: {
  form: UseFormReturnType<Values>;
  isProperty: boolean;
  enabled?: boolean;
}) {
  const companies = useQuery({
    ...customerListQuery({ kind: 'management_company', pageSize: 100, sort: 'name' }),
    enabled: enabled && isProperty,
  });
  const field = (name: keyof PlacementValues) => form.getInputProps(name as Parameters<typeof form.getInputProps>[0]);
  return (
    <>
      {isProperty ? (
        <Select
          label="Management company"
          placeholder="None (independent property)"
          searchable
          clearable
          data={(companies.data?.items ?? []).map((company) => ({
            value: company.id,
            label: `${company.name} (${company.accountNumber})`,
          }))}
          {...field('parentAccountId')}
        />
      ) : null}
      <TextInput label="Address line 1" {...field('addressLine1')} />
      <TextInput label="Address line 2" {...field('addressLine2')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label="City" {...field('city')} />
        <TextInput label="State / region" {...field('region')} />
        <TextInput label="Postal code" {...field('postalCode')} />
      </SimpleGrid>
    </>
  );
}
