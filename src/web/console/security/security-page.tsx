import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Page } from '../../ui/page.tsx';
import { staffSessionQuery } from '../session/staff-session.ts';
import {
  useAddPasskey,
  useConfirmTotp,
  useRegenerateRecoveryCodes,
  useRemovePasskey,
  useRemoveTotp,
  useSecondFactorPolicy,
  useSecondFactors,
  useStartTotp,
  useUpdateSecondFactorPolicy,
} from './second-factor-api.ts';
import { StepUpModal } from './step-up-modal.tsx';

type Pending = { title: string; confirmLabel: string; run: () => Promise<unknown> } | null;

/** Sign-in security: the authenticator app, recovery codes, passkeys and (admins) the per-role rule. */
export function SecurityPage() {
  const { data: session } = useQuery(staffSessionQuery);
  const status = useSecondFactors();
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>([]);
  const [pending, setPending] = useState<Pending>(null);
  const regenerate = useRegenerateRecoveryCodes();
  const removeTotp = useRemoveTotp();
  const removePasskey = useRemovePasskey();
  const showCodes = (codes: string[]) => codes.length && setRecoveryCodes(codes);

  return (
    <Page title="Sign-in security" description="A second factor keeps your account safe even if your password leaks.">
      {session?.secondFactor === 'enrol' ? (
        <Alert color="orange" icon={<IconShieldLock size={18} />} title="Set up a second factor to continue">
          Your role requires an authenticator app or a passkey. The rest of the console opens once one is set up.
        </Alert>
      ) : null}
      <ErrorAlert error={status.error} />
      {recoveryCodes.length ? (
        <Alert color="teal" title="Your recovery codes" withCloseButton onClose={() => setRecoveryCodes([])}>
          <Text size="sm" mb="xs">
            Save these now; they are shown only once. Each one signs you in once if you lose your phone or passkey.
          </Text>
          <Code block aria-label="Recovery codes">
            {recoveryCodes.join('\n')}
          </Code>
        </Alert>
      ) : null}
      {status.data ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TotpCard
            enabled={status.data.totp}
            onCodes={showCodes}
            onRemove={() =>
              setPending({ title: 'Remove the authenticator app', confirmLabel: 'Remove', run: removeTotp.mutateAsync })
            }
          />
          <PasskeysCard
            passkeys={status.data.passkeys}
            onCodes={showCodes}
            onRemove={(id, name) =>
              setPending({
                title: `Remove the passkey “${name}”`,
                confirmLabel: 'Remove',
                run: () => removePasskey.mutateAsync(id),
              })
            }
          />
          <Card withBorder>
            <Stack gap="xs">
              <Title order={2} size="h4">
                Recovery codes
              </Title>
              <Text size="sm" c="dimmed">
                {status.data.recoveryCodesLeft} of 10 left.
              </Text>
              <Group>
                <Button
                  variant="default"
                  disabled={!status.data.totp && status.data.passkeys.length === 0}
                  onClick={() =>
                    setPending({
                      title: 'New recovery codes',
                      confirmLabel: 'Create new codes',
                      run: async () => showCodes((await regenerate.mutateAsync()).recoveryCodes),
                    })
                  }
                >
                  New recovery codes
                </Button>
              </Group>
            </Stack>
          </Card>
          {session?.staffMember.role === 'admin' ? <PolicyCard onChange={setPending} /> : null}
        </SimpleGrid>
      ) : null}
      <StepUpModal
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={pending?.title ?? ''}
        confirmLabel={pending?.confirmLabel ?? 'Confirm'}
        askReason={false}
        onConfirm={() => pending?.run() ?? Promise.resolve()}
      />
    </Page>
  );
}

function TotpCard(props: { enabled: boolean; onCodes: (codes: string[]) => void; onRemove: () => void }) {
  const start = useStartTotp();
  const confirm = useConfirmTotp();
  const [code, setCode] = useState('');
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Authenticator app
          </Title>
          <Badge color={props.enabled ? 'teal' : 'gray'}>{props.enabled ? 'On' : 'Off'}</Badge>
        </Group>
        <ErrorAlert
          error={start.error ?? (confirm.error instanceof Error && !('fields' in confirm.error) ? confirm.error : null)}
        />
        {props.enabled ? (
          <Group>
            <Button variant="default" color="red" onClick={props.onRemove}>
              Remove authenticator app
            </Button>
          </Group>
        ) : start.data ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              confirm.mutate(code, { onSuccess: (result) => props.onCodes(result.recoveryCodes) });
            }}
          >
            <Stack gap="xs">
              <Text size="sm">Add this key to your authenticator app (or open the link on your phone):</Text>
              {/* In groups of four, as authenticator apps show keys; they ignore the spaces. */}
              <Code aria-label="Setup key" fz="sm" w="fit-content">
                {start.data.secret.match(/.{1,4}/g)?.join(' ')}
              </Code>
              <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                <a href={start.data.uri}>{start.data.uri}</a>
              </Text>
              <TextInput
                label="Code from the app"
                autoComplete="one-time-code"
                inputMode="numeric"
                value={code}
                onChange={(event) => setCode(event.currentTarget.value)}
                error={confirm.error instanceof Error && 'fields' in confirm.error ? confirm.error.message : null}
              />
              <Group>
                <Button type="submit" loading={confirm.isPending}>
                  Turn on
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              Six-digit codes from an app such as 1Password, Google Authenticator or Microsoft Authenticator.
            </Text>
            <Group>
              <Button onClick={() => start.mutate()} loading={start.isPending}>
                Set up authenticator app
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}

function PasskeysCard(props: {
  passkeys: Array<{ id: string; name: string; createdAt: string; lastUsedAt: string | null }>;
  onCodes: (codes: string[]) => void;
  onRemove: (id: string, name: string) => void;
}) {
  const add = useAddPasskey();
  const [name, setName] = useState('');
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2} size="h4">
          Passkeys
        </Title>
        <Text size="sm" c="dimmed">
          A passkey (fingerprint, face or security key) works as the second factor, or signs you in without a password.
        </Text>
        <ErrorAlert error={add.error} />
        {props.passkeys.length ? (
          <Table>
            <Table.Tbody>
              {props.passkeys.map((passkey) => (
                <Table.Tr key={passkey.id}>
                  <Table.Td>{passkey.name}</Table.Td>
                  <Table.Td c="dimmed">
                    {passkey.lastUsedAt ? `Used ${new Date(passkey.lastUsedAt).toLocaleDateString()}` : 'Not used yet'}
                  </Table.Td>
                  <Table.Td align="right">
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => props.onRemove(passkey.id, passkey.name)}
                    >
                      Remove
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate(name.trim() || 'Passkey', {
              onSuccess: (result) => {
                setName('');
                props.onCodes(result.recoveryCodes);
              },
            });
          }}
        >
          <Group align="flex-end">
            <TextInput
              label="Passkey name"
              placeholder="Work laptop"
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button type="submit" loading={add.isPending}>
              Add passkey
            </Button>
          </Group>
        </form>
      </Stack>
    </Card>
  );
}

const ROLE_LABELS: Record<string, string> = { admin: 'Admins', psm: 'PSMs', support: 'Support' };

function PolicyCard(props: { onChange: (pending: Pending) => void }) {
  const policy = useSecondFactorPolicy(true);
  const update = useUpdateSecondFactorPolicy();
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2} size="h4">
          Required for
        </Title>
        <Text size="sm" c="dimmed">
          Staff in these roles must use a second factor; without one they can only set one up. Admins need one by
          default as soon as the first admin has set one up.
        </Text>
        <ErrorAlert error={policy.error} />
        {policy.data?.roles.map((entry) => (
          <Switch
            key={entry.role}
            label={ROLE_LABELS[entry.role] ?? entry.role}
            checked={entry.required}
            onChange={(event) => {
              const required = event.currentTarget.checked;
              props.onChange({
                title: `${required ? 'Require' : 'Stop requiring'} a second factor for ${ROLE_LABELS[entry.role]}`,
                confirmLabel: 'Save',
                run: () => update.mutateAsync({ role: entry.role, required }),
              });
            }}
          />
        ))}
      </Stack>
    </Card>
  );
}
