import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AuditEventTable } from '../../ui/audit-event-table.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { accountActivityQuery } from './customers-api.ts';

/** The audit events recorded against this account, newest first. */
export function AccountActivityTab({ accountId }: { accountId: string }) {
  const [page, setPage] = useState(1);
  const events = useQuery(accountActivityQuery(accountId, page));
  return (
    <Stack>
      <ErrorAlert error={events.error} />
      <AuditEventTable
        label="Account activity"
        events={events.data?.items}
        isPending={events.isPending}
        emptyText="No activity recorded for this account yet."
        page={page}
        hasMore={Boolean(events.data?.hasMore)}
        onPageChange={setPage}
      />
    </Stack>
  );
}
