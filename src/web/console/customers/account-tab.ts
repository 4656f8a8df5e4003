import type { ComponentType } from 'react';
import type { AccountKind } from '../../../shared/customer-contracts.ts';

/** One tab of the staff account page; features contribute tabs without editing the page. */
export interface AccountTab {
  value: string;
  label: string;
  /** Only shown for these kinds of account (all when omitted). */
  kinds?: AccountKind[];
  component: ComponentType<{ accountId: string }>;
}
