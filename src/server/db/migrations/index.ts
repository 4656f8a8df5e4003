import type { Migration } from 'kysely';
import * as m0001 from './0001_create_foundation.ts';
import * as m0002 from './0002_create_outbox_messages.ts';
import * as m0003 from './0003_create_back_office.ts';
import * as m0004 from './0004_create_catalog.ts';
import * as m0005 from './0005_create_portal_access.ts';
import * as m0006 from './0006_create_registration.ts';
import * as m0007 from './0007_create_notifications.ts';
import * as m0008registration from './0008_add_registration_outbox_reply_to.ts';
import * as m0009 from './0009_create_turns.ts';
import * as m0011 from './0011_add_turn_status.ts';
import * as m0012 from './0012_add_contact_preferences_and_addon_policy.ts';
import * as m0012b from './0012b_create_onboarding_sessions.ts';
import * as m0013 from './0013_create_staff_second_factors.ts';
import * as m0015ops from './0015_add_pro_assignment.ts';
import * as m0015bops from './0015b_add_open_turn_guard.ts';
import * as m0016 from './0016_create_field_work.ts';
import * as m0017ops from './0017_add_turn_desk_and_escalation.ts';
import * as m0021 from './0021_add_outbox_priority.ts';
import * as m0022 from './0022_create_secret_key_checks.ts';
import * as m0023 from './0023_add_po_reminder_index.ts';
import * as m0026 from './0026_add_session_public_ids.ts';
import * as m0027 from './0027_create_idempotency_keys.ts';
import * as m0027b from './0027b_add_record_versions.ts';
import * as m0028 from './0028_add_add_on_parent_service.ts';
import * as m0030 from './0030_create_deferred_tasks.ts';
import * as m0033 from './0033_add_retention_and_desk_indexes.ts';
import * as m0034 from './0034_add_catalog_versions.ts';
import * as m0035 from './0035_add_turn_company.ts';
import * as m0036 from './0036_add_turn_at_risk.ts';

/** Static list (works with any bundler); append only, never reorder or edit a shipped migration. */
export const migrations: Record<string, Migration> = {
  '0001_create_foundation': m0001,
  '0002_create_outbox_messages': m0002,
  '0003_create_back_office': m0003,
  '0004_create_catalog': m0004,
  '0005_create_portal_access': m0005,
  '0006_create_registration': m0006,
  '0007_create_notifications': m0007,
  '0008_add_registration_outbox_reply_to': m0008registration,
  '0009_create_turns': m0009,
  '0011_add_turn_status': m0011,
  '0012_add_contact_preferences_and_addon_policy': m0012,
  '0012b_create_onboarding_sessions': m0012b,
  '0013_create_staff_second_factors': m0013,
  '0015_add_pro_assignment': m0015ops,
  '0015b_add_open_turn_guard': m0015bops,
  '0016_create_field_work': m0016,
  '0017_add_turn_desk_and_escalation': m0017ops,
  '0021_add_outbox_priority': m0021,
  '0022_create_secret_key_checks': m0022,
  '0023_add_po_reminder_index': m0023,
  '0026_add_session_public_ids': m0026,
  '0027_create_idempotency_keys': m0027,
  '0027b_add_record_versions': m0027b,
  '0028_add_add_on_parent_service': m0028,
  '0030_create_deferred_tasks': m0030,
  '0033_add_retention_and_desk_indexes': m0033,
  '0034_add_catalog_versions': m0034,
  '0035_add_turn_company': m0035,
  '0036_add_turn_at_risk': m0036,
};
