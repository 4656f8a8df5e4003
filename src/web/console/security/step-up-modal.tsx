import { Button, Divider, Group, Modal, PasswordInput, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ApiRequestError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { staffSessionQuery } from '../session/staff-session.ts';
import { stepUp } from './second-factor-api.ts';

/**
 * Sensitive actions (view as a contact, reveal a portal key, set a password, change a portal email,
 * read a live link) need a typed reason and, after 10 minutes, a fresh second factor.
 */
export function StepUpModal(props: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** Runs the action with the reason; the modal closes once it succeeds. */
  onConfirm: (reason: string) => Promise<unknown>;
  /** Off for own-account changes (removing a factor), which need the confirmation but no reason. */
  askReason?: boolean;
}) {
  const askReason = props.askReason ?? true;
  const queryClient = useQueryClient();
  const { data: session } = useQuery(staffSessionQuery);
  const [reason, setReason] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [forceConfirm, setForceConfirm] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fresh = !forceConfirm && session?.reauthenticatedUntil && new Date(session.reauthenticatedUntil) > new Date();
  const needsFactor = !fresh;
  const hasFactor = session?.hasSecondFactor ?? false;

  const close = () => {
    setReason('');
    setCode('');
    setPassword('');
    setError(null);
    setReasonError(null);
    setCodeError(null);
    setForceConfirm(false);
    props.onClose();
  };

  async function run(usePasskey: boolean) {
    setError(null);
    const missingReason = askReason && reason.trim().length < 5;
    const missingCode = needsFactor && hasFactor && !usePasskey && code.trim() === '';
    setReasonError(missingReason ? 'Say in a few words why you need this.' : null);
    setCodeError(missingCode ? 'Enter the code your app shows now, or use a passkey.' : null);
    if (missingReason || missingCode) return;
    setBusy(true);
    try {
      if (needsFactor) {
        const confirmed = await stepUp(
          usePasskey
            ? 'passkey'
            : hasFactor
              ? /^\d{6}$/.test(code.trim())
                ? { method: 'totp', code: code.trim() }
                : { method: 'recovery_code', code: code.trim() }
              : { method: 'password', password },
        );
        queryClient.setQueryData(staffSessionQuery.queryKey, confirmed);
      }
      await props.onConfirm(reason.trim());
      close();
    } catch (caught) {
      // The server's clock decides: an older confirmation than this page knew of asks for a fresh one, not an error.
      if (caught instanceof ApiRequestError && caught.code === 'reauth_required') setForceConfirm(true);
      else setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={props.opened} onClose={close} title={props.title} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run(false);
        }}
      >
        <Stack>
          <ErrorAlert error={error} />
          {props.children ? <Text size="sm">{props.children}</Text> : null}
          {askReason ? (
            <Textarea
              label="Reason"
              description="Recorded in the audit log with your name."
              autosize
              minRows={2}
              maxLength={300}
              value={reason}
              onChange={(event) => {
                setReason(event.currentTarget.value);
                setReasonError(null);
              }}
              error={reasonError}
              data-autofocus
            />
          ) : null}
          {needsFactor ? (
            <Text size="sm" c="dimmed">
              {hasFactor
                ? 'Confirm it is you: your last confirmation is more than 10 minutes old.'
                : 'Confirm it is you with your password.'}
            </Text>
          ) : null}
          {needsFactor && hasFactor ? (
            <>
              <TextInput
                label="Authenticator code"
                description="Or one of your recovery codes."
                autoComplete="one-time-code"
                value={code}
                onChange={(event) => {
                  setCode(event.currentTarget.value);
                  setCodeError(null);
                }}
                error={codeError}
              />
              <Divider label="or" />
              <Button variant="default" onClick={() => void run(true)} disabled={busy}>
                Use a passkey instead
              </Button>
            </>
          ) : null}
          {needsFactor && !hasFactor ? (
            <PasswordInput
              label="Your password"
              description="A second factor (Sign-in security) replaces this."
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {props.confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
