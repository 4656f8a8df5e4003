import type { IsoTimestamp } from './columns.ts';

export interface DeferredTasksTable {
  id: string;
  /** Which handler runs it, e.g. `portal.password_reset_request`. */
  kind: string;
  /** The handler's input (validated by the handler); the row is deleted once it ran. */
  payloadJson: string;
  attempts: number;
  nextAttemptAt: IsoTimestamp;
  lastError: string | null;
  createdAt: IsoTimestamp;
}

export interface DeferredTaskTables {
  deferredTasks: DeferredTasksTable;
}
