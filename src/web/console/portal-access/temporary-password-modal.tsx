import {
  Alert,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import type { TemporaryPassword } from '../../../shared/portal-access-contracts.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { StepUpModal } from '../security/step-up-modal.tsx';
import { usePortalAccessActions } from './portal-access-api.ts';

type Mode = 'generate' | 'type';

/**
 * "Create your client's password": generated (shown once, optionally emailed) or typed twice by staff
 * (never emailed). Either way it is temporary and must be changed at first sign-in.
 */
export function TemporaryPasswordModal({
  contactId,
  opened,
  onClose,
}: {
  contactId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const actions = usePortalAccessActions(contactId);
  const [mode, setMode] = useState<Mode>('generate');
  const [sendEmail, setSendEmail] = useState(false);
  const [password, setPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [result, setResult] = useState<TemporaryPassword | null>(null);
  const [confirming, setConfirming] = useState(false);
  const close = () => {
    setResult(null);
    setSendEmail(false);
    setPassword('');
    setConfirmPassword('');
    setMode('generate');
    actions.temporaryPassword.reset();
    onClose();
  };
  const mismatch = mode === 'type' && confirmPassword.length > 0 && confirmPassword !== password;
  const body = mode === 'type' ? { sendEmail: false, password, confirmPassword } : { sendEmail };
  return (
    <Modal opened={opened} onClose={close} title="Create a password for this contact">
      {result ? (
        <Stack>
          {result.password ? (
            <>
              <Alert color="yellow" variant="light" title="Shown once">
                Copy it now; it cannot be shown again. It works until {new Date(result.expiresAt).toLocaleString()} and
                must be changed at first sign-in.
              </Alert>
              <Group gap="sm">
                <Code fz="lg" aria-label="Temporary password">
                  {result.password}
                </Code>
                <CopyButton value={result.password}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="light" leftSection={<IconCopy size={14} />} onClick={copy}>
                      {copied ? 'Copied' : 'Copy'}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </>
          ) : (
            <Alert color="green" variant="light" title="Password set">
              Tell the contact the password you typed. It works until {new Date(result.expiresAt).toLocaleString()} and
              must be changed at first sign-in.
            </Alert>
          )}
          <Text size="sm">
            {result.emailed ? `It was also emailed to ${result.access.portalEmail}.` : 'It was not emailed.'}
          </Text>
          <Button onClick={close}>Done</Button>
        </Stack>
      ) : (
        <Stack>
          <SegmentedControl
            aria-label="How to create the password"
            value={mode}
            onChange={(value) => setMode(value as Mode)}
            data={[
              { value: 'generate', label: 'Generate' },
              { value: 'type', label: 'Type it' },
            ]}
          />
          <Text size="sm">
            {mode === 'generate'
              ? 'A strong random password is generated.'
              : 'Type the password twice (15 characters or more). It is never emailed: tell the contact yourself.'}{' '}
            The contact must choose their own at first sign-in, within 24 hours. Prefer sending a credential-create or
            reset link when you can.
          </Text>
          {mode === 'type' ? (
            <>
              <PasswordInput
                label="New password"
                autoComplete="new-password"
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
              />
              <PasswordInput
                label="Confirm password"
                autoComplete="new-password"
                value={confirmPassword}
                error={mismatch ? 'The two passwords do not match.' : null}
                onChange={(event) => setConfirmPassword(event.currentTarget.value)}
              />
            </>
          ) : (
            <Checkbox
              label="Save and send email (the email contains the password)"
              checked={sendEmail}
              onChange={(event) => setSendEmail(event.currentTarget.checked)}
            />
          )}
          <ErrorAlert error={actions.temporaryPassword.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              loading={actions.temporaryPassword.isPending}
              disabled={mode === 'type' && (password.length === 0 || confirmPassword !== password)}
              onClick={() => setConfirming(true)}
            >
              {mode === 'generate' ? 'Generate password' : 'Set password'}
            </Button>
          </Group>
          <StepUpModal
            opened={confirming}
            onClose={() => setConfirming(false)}
            title="Confirm the new password"
            confirmLabel={mode === 'generate' ? 'Confirm and generate' : 'Confirm and set'}
            onConfirm={async (reason) => setResult(await actions.temporaryPassword.mutateAsync({ ...body, reason }))}
          />
        </Stack>
      )}
    </Modal>
  );
}
