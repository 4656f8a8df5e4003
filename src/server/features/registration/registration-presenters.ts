import type {
  RegistrationContact,
  RegistrationRequestDetail,
  RegistrationRequestSummary,
  RegistrationSettings,
} from '../../../shared/registration-contracts.ts';
import type { ContactEmailsTable, ContactsTable, StaffRole } from '../../db/database-schema.ts';
import type { RegistrationStepsTable } from '../../db/schema/registration.ts';
import type { RegistrationQueueService } from './registration-queue-service.ts';
import type { RequestListRow } from './registration-repository.ts';

export function presentStep(step: Pick<RegistrationStepsTable, 'id' | 'position' | 'name' | 'action'>) {
  return { id: step.id, position: step.position, name: step.name, action: step.action };
}

export function presentRequestSummary(row: RequestListRow): RegistrationRequestSummary {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    propertyName: row.propertyName,
    submittedAccountNumber: row.submittedAccountNumber,
    state: row.state,
    closeReason: row.closeReason,
    currentStep:
      row.currentStepId && row.stepName && row.stepAction && row.stepPosition !== null
        ? presentStep({
            id: row.currentStepId,
            name: row.stepName,
            action: row.stepAction,
            position: Number(row.stepPosition),
          })
        : null,
    account:
      row.accountId && row.accountName && row.accountNumber
        ? { id: row.accountId, name: row.accountName, accountNumber: row.accountNumber }
        : null,
    assignedStaff:
      row.assignedStaffId && row.assignedStaffName ? { id: row.assignedStaffId, name: row.assignedStaffName } : null,
    createdAt: row.createdAt,
  };
}

export function presentContact(contact: ContactsTable & { emails: ContactEmailsTable[] }): RegistrationContact {
  return {
    id: contact.id,
    firstName: contact.firstName,
    lastName: contact.lastName,
    emails: contact.emails.map((email) => ({ email: email.email, kind: email.kind })),
  };
}

export function presentRequestDetail(
  detail: Awaited<ReturnType<RegistrationQueueService['getRequest']>>,
): RegistrationRequestDetail {
  const { row } = detail;
  return {
    ...presentRequestSummary(row),
    phone: row.phone,
    address: row.address,
    contact: detail.contact ? presentContact(detail.contact) : null,
    matchedAt: row.matchedAt,
    portalKeySentAt: row.portalKeySentAt,
    closedAt: row.closedAt,
    events: detail.events.map((event) => ({
      id: event.id,
      occurredAt: event.occurredAt,
      kind: event.kind,
      detail: event.detail,
      actorName: event.actorName ?? null,
    })),
    steps: detail.steps.map(presentStep),
    replyStaffRole: detail.settings.replyStaffRole,
  };
}

export function presentSettings(settings: {
  selfRegistrationEnabled: boolean;
  replyStaffRole: StaffRole;
  activeStaffByRole: Record<StaffRole, number>;
  steps: RegistrationStepsTable[];
}): RegistrationSettings {
  return {
    selfRegistrationEnabled: settings.selfRegistrationEnabled,
    replyStaffRole: settings.replyStaffRole,
    activeStaffByRole: settings.activeStaffByRole,
    steps: settings.steps.map(presentStep),
  };
}
