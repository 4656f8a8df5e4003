import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AuditEvent } from '../../../shared/audit-contracts.ts';
import { api, toQuery } from '../../api/client.ts';
import { AuditEventTable } from '../../ui/audit-event-table.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Page } from '../../ui/page.tsx';

export function AuditPage() {
  const [page, setPage] = useState(1);
  const events = useQuery({
    queryKey: ['audit-events', page],
    queryFn: () =>
      api.get<{ items: AuditEvent[]; hasMore: boolean }>(`/api/staff/audit-events${toQuery({ page, pageSize: 50 })}`),
    placeholderData: keepPreviousData,
  });
  return (
    <Page title="Audit log" description="Every staff action and sign-in, newest first.">
      <ErrorAlert error={events.error} />
      <AuditEventTable
        label="Audit log"
        events={events.data?.items}
        isPending={events.isPending}
        emptyText="Nothing recorded yet."
        page={page}
        hasMore={Boolean(events.data?.hasMore)}
        onPageChange={setPage}
      />
    </Page>
  );
}
