import {
  Anchor,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { OnboardingAnswer, OnboardingSession } from '../../../shared/onboarding-contracts.ts';
import { api } from '../../api/client.ts';
import { BillingAnswer } from './billing-answer.tsx';

export interface AnswerFieldProps {
  answer: OnboardingAnswer;
  session: OnboardingSession;
  error: string | null;
  onSave: (value: unknown) => void;
}

function Meta({ answer }: { answer: OnboardingAnswer }) {
  if (!answer.answeredByName) return null;
  return (
    <Text size="xs" c="dimmed">
      {answer.answeredByName}, {new Date(answer.answeredAt!).toLocaleString()}
    </Text>
  );
}

/** "Show me": opens that portal page as the primary contact sees it (read-only view-as). */
function ShowMe({ answer, session }: { answer: OnboardingAnswer; session: OnboardingSession }) {
  const primary = session.answers.find((candidate) => candidate.key === 'primaryContact')?.value as string | null;
  if (!answer.portalPath || !primary) return null;
  return (
    <Anchor
      size="sm"
      component="button"
      type="button"
      onClick={() =>
        void api
          .post(`/api/staff/contacts/${primary}/portal-access/view-as`)
          .then(() => window.open(answer.portalPath!, '_blank', 'noopener'))
          .catch((error: Error) => window.alert(error.message))
      }
    >
      Show me
    </Anchor>
  );
}

function TextAnswer({ answer, error, onSave, multiline }: AnswerFieldProps & { multiline: boolean }) {
  const saved = (answer.value as string | null) ?? '';
  const [draft, setDraft] = useState(saved);
  useEffect(() => setDraft(saved), [saved]);
  const props = {
    label: answer.label,
    value: draft,
    error,
    onChange: (event: { currentTarget: { value: string } }) => setDraft(event.currentTarget.value),
    onBlur: () => {
      if (draft !== saved) onSave(draft);
    },
  };
  return multiline ? <Textarea autosize minRows={2} {...props} /> : <TextInput {...props} />;
}

export function AnswerField(props: AnswerFieldProps) {
  const { answer, session, error, onSave } = props;
  const contactOptions = session.contacts
    .filter((contact) => !contact.isStaff)
    .map((contact) => ({ value: contact.id, label: contact.name }));
  let field: React.ReactNode;
  switch (answer.kind) {
    case 'check':
      field = (
        <Group gap="sm" wrap="nowrap">
          <Checkbox
            label={answer.label}
            checked={answer.value === true}
            onChange={(event) => onSave(event.currentTarget.checked)}
            error={error}
          />
          <ShowMe answer={answer} session={session} />
        </Group>
      );
      break;
    case 'contact':
      field = (
        <Select
          label={answer.label}
          data={contactOptions}
          value={(answer.value as string | null) ?? null}
          clearable
          allowDeselect={false}
          error={error}
          onChange={(value) => onSave(value)}
        />
      );
      break;
    case 'contacts':
      field = (
        <MultiSelect
          label={answer.label}
          data={contactOptions}
          value={(answer.value as string[] | null) ?? []}
          error={error}
          onChange={(value) => onSave(value)}
        />
      );
      break;
    case 'choice':
      field = (
        <Select
          label={answer.label}
          data={answer.options}
          allowDeselect={false}
          value={(answer.value as string | null) ?? null}
          error={error}
          onChange={(value) => onSave(value)}
        />
      );
      break;
    case 'yes_no':
      field = (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {answer.label}
          </Text>
          <SegmentedControl
            aria-label={answer.label}
            data={[
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'No' },
            ]}
            value={answer.value === true ? 'yes' : answer.value === false ? 'no' : ''}
            onChange={(value) => onSave(value === 'yes')}
          />
          {error ? (
            <Text size="xs" c="red">
              {error}
            </Text>
          ) : null}
        </Stack>
      );
      break;
    case 'billing':
      field = <BillingAnswer {...props} />;
      break;
    case 'phone':
      field = <TextAnswer {...props} multiline={false} />;
      break;
    default:
      field = <TextAnswer {...props} multiline />;
  }
  return (
    <Stack gap={2}>
      {field}
      <Meta answer={answer} />
      {isPrefilled(answer) ? (
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            From the account, not yet confirmed with the customer
          </Text>
          <Button
            size="compact-xs"
            variant="light"
            aria-label={`Confirm ${answer.label}`}
            onClick={() => onSave(answer.value)}
          >
            Confirm
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

/** A value the account already holds (a default, or set by another answer) that no PSM has confirmed yet. */
function isPrefilled(answer: OnboardingAnswer): boolean {
  if (answer.answered || answer.value === null || answer.value === '') return false;
  return !['check', 'text', 'billing'].includes(answer.kind);
}
