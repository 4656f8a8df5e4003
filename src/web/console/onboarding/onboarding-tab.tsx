import { Alert, Badge, Button, Card, Group, Loader, Progress, Stack, Stepper, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  ONBOARDING_PART_LABELS,
  type OnboardingPart,
  OnboardingPartSchema,
} from '../../../shared/onboarding-contracts.ts';
import { ApiRequestError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import type { AccountTab } from '../customers/account-tab.ts';
import { AnswerField } from './answer-field.tsx';
import { onboardingSessionQuery, outlineUrl, useCompleteOnboarding, useSaveAnswer } from './onboarding-api.ts';
import { RequiresPermission, useStaffPermission } from '../session/staff-permission.tsx';

type SaveState =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'saved'; at: Date }
  | { status: 'failed'; message: string };

function SavedBadge({ state }: { state: SaveState }) {
  if (state.status === 'saving')
    return (
      <Badge color="gray" variant="light">
        Saving…
      </Badge>
    );
  if (state.status === 'saved')
    return (
      <Badge color="teal" variant="light">
        Saved {state.at.toLocaleTimeString()}
      </Badge>
    );
  if (state.status === 'failed')
    return (
      <Badge color="red" variant="light">
        Not saved
      </Badge>
    );
  return (
    <Badge color="gray" variant="outline">
      All answers saved
    </Badge>
  );
}

/** The onboard meeting as a stepper; every answer saves as it is given (no save button per part). */
function OnboardingSessionPanel({ accountId }: { accountId: string }) {
  const session = useQuery(onboardingSessionQuery(accountId));
  const save = useSaveAnswer(accountId);
  const complete = useCompleteOnboarding(accountId);
  // The open part survives a reload of the tablet's page, like the answers do (those are on the server).
  const stepKey = `portico.onboard-step.${accountId}`;
  const [active, setActiveState] = useState(() => Number(sessionStorage.getItem(stepKey)) || 0);
  const setActive = (step: number) => {
    sessionStorage.setItem(stepKey, String(step));
    setActiveState(step);
  };
  const [saveState, setSaveState] = useState<SaveState>({ status: 'idle' });
  const mayEdit = useStaffPermission('customerSetup');
  const [errors, setErrors] = useState<Record<string, string>>({});

  if (session.isPending) return <Loader size="sm" />;
  if (session.error) return <ErrorAlert error={session.error} />;
  const data = session.data;
  const parts = OnboardingPartSchema.options;
  const part: OnboardingPart = parts[active] ?? 'pre_onboard';

  const onSave = (key: string, version: number) => (value: unknown) => {
    setSaveState({ status: 'saving' });
    save.mutate(
      { key, value, expectedVersion: version },
      {
        onSuccess: () => {
          setSaveState({ status: 'saved', at: new Date() });
          setErrors(({ [key]: _removed, ...rest }) => rest);
        },
        onError: (error) => {
          const message =
            error instanceof ApiRequestError && error.fields.length ? error.fields[0]!.message : error.message;
          setErrors((current) => ({ ...current, [key]: message }));
          setSaveState({ status: 'failed', message });
        },
      },
    );
  };

  const progressOf = (candidate: OnboardingPart) => data.progress.find((item) => item.part === candidate)!;
  const total = data.progress.reduce((sum, item) => sum + item.total, 0);
  const done = data.progress.reduce((sum, item) => sum + item.done, 0);

  return (
    <Stack>
      <Card withBorder>
        <Group justify="space-between" wrap="wrap">
          <Stack gap={4}>
            <Title order={2} size="h4">
              Onboard session
            </Title>
            <Text size="sm" c="dimmed">
              {data.state === 'complete'
                ? `Onboard complete ${new Date(data.completedAt!).toLocaleDateString()} by ${data.completedByName ?? 'staff'}`
                : `${done} of ${total} items covered`}
            </Text>
          </Stack>
          <Group>
            <SavedBadge state={saveState} />
            <Button component="a" variant="default" href={outlineUrl(null)} download>
              Blank PDF outline
            </Button>
            <Button component="a" variant="default" href={outlineUrl(accountId)} download>
              Download PDF Outline
            </Button>
          </Group>
        </Group>
        <Progress value={total ? (done / total) * 100 : 0} mt="sm" aria-label="Onboard progress" />
      </Card>
      {saveState.status === 'failed' ? (
        <Alert color="red" title="This answer is not saved">
          {saveState.message}
        </Alert>
      ) : null}
      <Stepper active={active} onStepClick={setActive} size="sm" wrap allowNextStepsSelect>
        {parts.map((candidate, index) => {
          const progress = progressOf(candidate);
          // A part behind the open one shows a check only when all of it is covered.
          const covered = progress.done === progress.total;
          return (
            <Stepper.Step
              key={candidate}
              label={ONBOARDING_PART_LABELS[candidate].split(' – ')[0]}
              description={`${progress.done}/${progress.total}`}
              color={covered ? undefined : 'gray'}
              completedIcon={covered ? undefined : index + 1}
            />
          );
        })}
      </Stepper>
      <Card withBorder>
        <Stack>
          <Title order={3} size="h5">
            {ONBOARDING_PART_LABELS[part]}
          </Title>
          {part === 'pre_onboard' ? (
            <PreOnboard checklist={data.checklist} />
          ) : (
            // A native disabled fieldset turns off every input inside it for roles that cannot save answers.
            <fieldset disabled={!mayEdit.allowed} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
              <Stack>
                {!mayEdit.allowed ? (
                  <Alert color="gray" title="Read only">
                    {mayEdit.reason}
                  </Alert>
                ) : null}
                {data.answers
                  .filter((answer) => answer.part === part)
                  .map((answer) => (
                    <AnswerField
                      key={answer.key}
                      answer={answer}
                      session={data}
                      error={errors[answer.key] ?? null}
                      onSave={onSave(answer.key, answer.version)}
                    />
                  ))}
              </Stack>
            </fieldset>
          )}
          {part === 'closing' ? (
            <Group>
              <RequiresPermission permission="customerSetup">
                <Button
                  onClick={() => complete.mutate()}
                  loading={complete.isPending}
                  disabled={data.state === 'complete'}
                >
                  {data.state === 'complete' ? 'Onboard complete' : 'Record onboard complete'}
                </Button>
              </RequiresPermission>
              <ErrorAlert error={complete.error} />
            </Group>
          ) : null}
          <Group justify="space-between">
            <Button variant="default" disabled={active === 0} onClick={() => setActive(active - 1)}>
              Back
            </Button>
            <Button disabled={active === parts.length - 1} onClick={() => setActive(active + 1)}>
              Next
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}

function PreOnboard({ checklist }: { checklist: Array<{ key: string; label: string; done: boolean }> }) {
  return (
    <Stack gap={6}>
      <Text size="sm" c="dimmed">
        From the account’s onboarding checklist (Overview tab), where manual items are ticked.
      </Text>
      {checklist.map((item) => (
        <Group key={item.key} gap="xs" wrap="nowrap">
          <Badge color={item.done ? 'teal' : 'gray'} variant="light" w={70}>
            {item.done ? 'Done' : 'Open'}
          </Badge>
          <Text size="sm">{item.label}</Text>
        </Group>
      ))}
    </Stack>
  );
}

export const accountOnboardingTabs: AccountTab[] = [
  { value: 'onboard', label: 'Onboard', component: OnboardingSessionPanel },
];
