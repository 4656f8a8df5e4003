import { Button, Card, Group, Loader, Select, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiRequestError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useAccountServices, useProPreferences, usePros, useSetProPreferences } from './catalog-api.ts';
import { EmptyRow } from '../../ui/empty-row.tsx';
import { formLevelError, notifySaved } from '../../ui/form-feedback.ts';
import { ProviderBadge } from '../../ui/service-badges.tsx';
import { RequiresPermission } from '../session/staff-permission.tsx';

type Choice = { preferredProId: string | null; secondaryProId: string | null };

/** Preferred and secondary pro per service at this account ("Create preferences for pros"). */
export function ProPreferencesTab({ accountId }: { accountId: string }) {
  const services = useAccountServices(accountId);
  const pros = usePros();
  const preferences = useProPreferences(accountId);
  const save = useSetProPreferences(accountId);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (preferences.data)
      setChoices(
        Object.fromEntries(
          preferences.data.items.map((item) => [
            item.serviceId,
            { preferredProId: item.preferredProId, secondaryProId: item.secondaryProId },
          ]),
        ),
      );
  }, [preferences.data]);

  const loadError = services.error ?? pros.error ?? preferences.error;
  if (loadError) return <ErrorAlert error={loadError} />;
  if (!services.data || !pros.data || !preferences.data) return <Loader size="sm" />;

  // Only services we perform get pros; in-house and other-vendor work is done by others.
  const rows = services.data.items.filter((service) => service.providerCategory === 'rent_ready');
  const activePros = pros.data.items.filter((pro) => pro.active);
  const optionsFor = (serviceId: string) => {
    const skilled = activePros.filter((pro) => pro.serviceIds.includes(serviceId));
    const others = activePros.filter((pro) => !pro.serviceIds.includes(serviceId));
    return [
      { group: 'Performs this service', items: skilled.map((pro) => ({ value: pro.id, label: pro.name })) },
      { group: 'Other pros', items: others.map((pro) => ({ value: pro.id, label: pro.name })) },
    ].filter((group) => group.items.length > 0);
  };
  const setChoice = (serviceId: string, change: Partial<Choice>) =>
    setChoices((current) => ({
      ...current,
      [serviceId]: { preferredProId: null, secondaryProId: null, ...current[serviceId], ...change },
    }));

  const submit = () => {
    const sent = Object.entries(choices)
      .filter(([, choice]) => choice.preferredProId)
      .map(([serviceId, choice]) => ({
        serviceId,
        preferredProId: choice.preferredProId!,
        secondaryProId: choice.secondaryProId,
      }));
    const missing = Object.entries(choices)
      .filter(([, choice]) => !choice.preferredProId && choice.secondaryProId)
      .map(([serviceId]) => serviceId);
    if (missing.length) {
      setErrors(
        Object.fromEntries(
          missing.map((serviceId) => [`${serviceId}.preferredProId`, 'Choose the preferred pro first']),
        ),
      );
      return;
    }
    setErrors({});
    save.mutate(
      { preferences: sent },
      {
        onSuccess: () => notifySaved('Pro preferences are saved.'),
        onError: (error) => {
          if (error instanceof ApiRequestError) {
            setErrors(
              Object.fromEntries(
                error.fields.map((field) => {
                  const [, index, name] = field.path.split('.');
                  return [`${sent[Number(index)]?.serviceId}.${name}`, field.message];
                }),
              ),
            );
          }
        },
      },
    );
  };

  return (
    <Card withBorder padding={0}>
      <Group justify="space-between" p="md">
        <Text size="sm" c="dimmed">
          Who is scheduled first for each service here, and who steps in when they are not available.
        </Text>
        <RequiresPermission permission="customerSetup">
          <Button onClick={submit} loading={save.isPending} disabled={rows.length === 0}>
            Save preferences
          </Button>
        </RequiresPermission>
      </Group>
      <ErrorAlert error={formLevelError(save.error)} />
      <Table verticalSpacing="xs" aria-label="Pro preferences">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Service</Table.Th>
            <Table.Th>Performed by</Table.Th>
            <Table.Th>Preferred pro</Table.Th>
            <Table.Th>Secondary pro</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? (
            <EmptyRow colSpan={4}>No services we perform are offered to this account yet.</EmptyRow>
          ) : null}
          {rows.map((service) => {
            const choice = choices[service.id];
            return (
              <Table.Tr key={service.id}>
                <Table.Td>{service.name}</Table.Td>
                <Table.Td>
                  <ProviderBadge value={service.providerCategory} />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`Preferred pro for ${service.name}`}
                    placeholder="No preference"
                    data={optionsFor(service.id)}
                    clearable
                    searchable
                    value={choice?.preferredProId ?? null}
                    error={errors[`${service.id}.preferredProId`]}
                    onChange={(value) => setChoice(service.id, { preferredProId: value })}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`Secondary pro for ${service.name}`}
                    placeholder="None"
                    data={optionsFor(service.id)}
                    clearable
                    searchable
                    value={choice?.secondaryProId ?? null}
                    error={errors[`${service.id}.secondaryProId`]}
                    onChange={(value) => setChoice(service.id, { secondaryProId: value })}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
