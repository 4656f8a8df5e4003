import { Anchor, Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import type { DeskLine, DeskTurn } from '../../../shared/desk-contracts.ts';
import { formatDate, StatusBadge } from '../../ui/turn-display.tsx';
import { useAcknowledgeTurn, useAssignPro } from './desk-api.ts';
import { type DeskFlag, FLAG_LABELS } from './desk-search.ts';

const FLAG_COLORS: Record<DeskFlag, string> = {
  needsPro: 'orange',
  atRisk: 'red',
  poMissing: 'yellow',
  addOnWaiting: 'grape',
  addOnOverdue: 'red',
};

function LinePro({ line, pros }: { line: DeskLine; pros: Array<{ value: string; label: string }> }) {
  const assign = useAssignPro();
  const open = line.status === 'pending' || line.status === 'scheduled' || line.status === 'in_progress';
  if (line.providerCategory !== 'rent_ready')
    return (
      <Text size="xs" c="dimmed">
        {line.providerCategory === 'in_house' ? 'In-house' : 'Other vendor'}
      </Text>
    );
  if (!open)
    return (
      <Text size="xs" c="dimmed">
        {line.proName ?? 'Nobody'}
      </Text>
    );
  return (
    <Select
      size="xs"
      w={170}
      aria-label={`Pro for ${line.name}`}
      placeholder="Needs a pro"
      clearable
      data={pros}
      value={line.proId}
      disabled={assign.isPending}
      error={assign.error ? (assign.error as Error).message : undefined}
      onChange={(proId) => assign.mutate({ serviceLineId: line.id, proId })}
    />
  );
}

/** One turn on the desk: where, when, each service with its pro, what needs attention, and "Acknowledge". */
export function DeskRow(props: {
  turn: DeskTurn;
  pros: Array<{ value: string; label: string }>;
  onFilter: (filter: { accountId?: string; companyName?: string }) => void;
}) {
  const { turn, pros } = props;
  const acknowledge = useAcknowledgeTurn();
  // The overdue add-on has its own louder badge below.
  const flags = (Object.keys(FLAG_LABELS) as DeskFlag[]).filter((flag) => flag !== 'addOnOverdue' && turn[flag]);
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={600}>Unit {turn.unitNumber}</Text>
        <Anchor size="sm" component="button" onClick={() => props.onFilter({ accountId: turn.accountId })}>
          {turn.propertyName}
        </Anchor>
        {turn.companyName ? (
          <Text size="xs" c="dimmed">
            {turn.companyName}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm">Out {formatDate(turn.moveOutDate)}</Text>
        <Text size="sm">In {turn.moveInDate ? formatDate(turn.moveInDate) : '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={6}>
          {turn.lines.map((line) => (
            <Group key={line.id} gap="xs" wrap="nowrap" justify="space-between">
              <div>
                <Text size="sm">{line.name}</Text>
                <Text size="xs" c="dimmed">
                  {line.scheduledDate ? formatDate(line.scheduledDate) : 'No date'} · {line.status.replace('_', ' ')}
                </Text>
              </div>
              <LinePro line={line} pros={pros} />
            </Group>
          ))}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <StatusBadge status={turn.status} />
          {flags.map((flag) => (
            <Badge key={flag} color={FLAG_COLORS[flag]} variant="light" size="sm">
              {FLAG_LABELS[flag]}
            </Badge>
          ))}
          {turn.addOnOverdue ? (
            <Badge color="red" variant="filled" size="sm">
              Add-on overdue: call the customer
            </Badge>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{new Date(turn.createdAt).toLocaleString()}</Text>
        {turn.acknowledgedAt ? (
          <Text size="xs" c="dimmed">
            Acknowledged {new Date(turn.acknowledgedAt).toLocaleString()}
          </Text>
        ) : (
          <Button
            mt={6}
            size="xs"
            loading={acknowledge.isPending}
            onClick={() => acknowledge.mutate(turn.id)}
            aria-label={`Acknowledge unit ${turn.unitNumber} at ${turn.propertyName}`}
          >
            Acknowledge
          </Button>
        )}
        {acknowledge.error ? (
          <Text size="xs" c="red">
            {(acknowledge.error as Error).message}
          </Text>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}
