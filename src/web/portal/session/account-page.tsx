import { Badge, Button, Card, Center, Group, Loader, Pagination, Stack, Text, Title } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { IconDeviceDesktop, IconDeviceMobile, IconKey } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { CustomerDeviceList } from '../../../shared/portal-access-contracts.ts';
import { ConfirmModal } from '../../ui/confirm-modal.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Page } from '../../ui/page.tsx';
import { customerDevicesQuery, DEVICES_PAGE_SIZE, useSignOutDevice, useSignOutEverywhere } from './devices-api.ts';
import { customerSessionQuery } from './portal-session.ts';

type Device = CustomerDeviceList['items'][number];

const PHONE = /Android|iPhone|iPad/;

function formatMoment(at: string): string {
  return dayjs(at).format('MMM D, YYYY, h:mm A');
}

/** The customer's account: their password, and the devices where they are signed in. */
export function AccountPage() {
  const { data: session } = useSuspenseQuery(customerSessionQuery);
  // Viewing as a contact is read-only: staff see the list but cannot end the contact's sessions.
  const readOnly = session.viewingAs !== null;
  return (
    <Page title="Your account" description="Your password, and the devices signed in to your portal login.">
      <Card withBorder padding="md">
        <Group justify="space-between" gap="sm">
          <Stack gap={2}>
            <Title order={2} size="h4">
              Password
            </Title>
            <Text size="sm" c="dimmed">
              Changing it signs out your other devices.
            </Text>
          </Stack>
          <Button component={Link} to="/portal/password" variant="default" leftSection={<IconKey size={16} />}>
            Change password
          </Button>
        </Group>
      </Card>
      <DevicesSection readOnly={readOnly} />
    </Page>
  );
}

/** "Signed-in devices": where this login is signed in, with sign-out per device and everywhere. */
function DevicesSection({ readOnly }: { readOnly: boolean }) {
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const devices = useQuery(customerDevicesQuery(page));
  const signOutDevice = useSignOutDevice();
  const signOutEverywhere = useSignOutEverywhere();
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);
  const total = devices.data?.total ?? 0;

  return (
    <Stack gap="sm" component="section" aria-labelledby="devices-heading">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h3" id="devices-heading">
            Signed-in devices
          </Title>
          <Text size="sm" c="dimmed">
            Where your portal login is signed in now. Sign out a device you do not recognise, then change your password.
          </Text>
        </Stack>
        <Button variant="outline" color="red" disabled={readOnly} onClick={() => setConfirmEverywhere(true)}>
          Sign out everywhere
        </Button>
      </Group>
      <ErrorAlert error={devices.error ?? signOutDevice.error} />
      {devices.isPending ? (
        <Center p="xl">
          <Loader aria-label="Loading your devices" />
        </Center>
      ) : null}
      <Stack
        gap="sm"
        component="ul"
        aria-label="Signed-in devices"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
      >
        {devices.data?.items.map((device) => (
          <DeviceRow
            key={device.id}
            device={device}
            readOnly={readOnly}
            busy={signOutDevice.isPending && signOutDevice.variables === device.id}
            onSignOut={() => signOutDevice.mutate(device.id)}
          />
        ))}
      </Stack>
      {total > DEVICES_PAGE_SIZE ? (
        <Pagination
          total={Math.ceil(total / DEVICES_PAGE_SIZE)}
          value={page}
          onChange={setPage}
          getControlProps={(control) => ({ 'aria-label': `${control} page` })}
        />
      ) : null}
      <ConfirmModal
        opened={confirmEverywhere}
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        loading={signOutEverywhere.isPending}
        error={signOutEverywhere.error}
        onClose={() => setConfirmEverywhere(false)}
        onConfirm={() =>
          signOutEverywhere.mutate(undefined, {
            onSuccess: () => void navigate({ to: '/portal/sign-in', search: { notice: 'signed_out_everywhere' } }),
          })
        }
      >
        Every device signed in to your portal login is signed out, this one included. You sign in again with your
        username or email and password.
      </ConfirmModal>
    </Stack>
  );
}

function DeviceRow(props: { device: Device; readOnly: boolean; busy: boolean; onSignOut: () => void }) {
  const { device } = props;
  const Icon = PHONE.test(device.device) ? IconDeviceMobile : IconDeviceDesktop;
  return (
    <Card component="li" withBorder padding="md" aria-label={device.device}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="nowrap" align="flex-start" miw={0}>
          <Icon size={24} stroke={1.5} aria-hidden style={{ flexShrink: 0 }} />
          <Stack gap={2} miw={0}>
            <Group gap="xs">
              <Text fw={600}>{device.device}</Text>
              {device.thisDevice ? (
                <Badge color="teal" variant="light">
                  This device
                </Badge>
              ) : null}
            </Group>
            <Text size="sm" c="dimmed">
              Signed in {formatMoment(device.createdAt)}
            </Text>
            <Text size="sm" c="dimmed">
              Last seen {formatMoment(device.lastSeenAt)}
            </Text>
          </Stack>
        </Group>
        {device.thisDevice ? null : (
          <Button
            variant="default"
            size="sm"
            loading={props.busy}
            disabled={props.readOnly}
            onClick={props.onSignOut}
            aria-label={`Sign out ${device.device}, signed in ${formatMoment(device.createdAt)}`}
          >
            Sign out
          </Button>
        )}
      </Group>
    </Card>
  );
}
