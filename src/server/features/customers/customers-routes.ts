import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  AccountContactListSchema,
  AccountContactParamsSchema,
  AccountSchema,
  ContactIdParamsSchema,
  ContactSchema,
  ContactSearchResultSchema,
  CreateContactBodySchema,
  CreateManagementCompanyBodySchema,
  CreatePropertyBodySchema,
  CustomerListSchema,
  IdParamsSchema,
  LinkContactBodySchema,
  ListContactsQuerySchema,
  ListCustomersQuerySchema,
  OnboardingChecklistSchema,
  OnboardingItemParamsSchema,
  PortalKeySchema,
  SetAccountPortalAccessBodySchema,
  SetAccountStatusBodySchema,
  SetOnboardingCheckBodySchema,
  UpdateAccountBodySchema,
  UpdateContactBodySchema,
} from '../../../shared/customer-contracts.ts';
import type { AccountsTable, ContactsTable } from '../../db/database-schema.ts';
import type { Deps } from '../../deps.ts';
import { actorOf, requireStaff } from '../../http/access.ts';

type LinkedAccount = Pick<AccountsTable, 'id' | 'name' | 'accountNumber' | 'kind' | 'status'>;

function presentAccount({
  account,
  parent,
}: {
  account: AccountsTable;
  parent: AccountsTable | null;
}): z.infer<typeof AccountSchema> {
  return {
    id: account.id,
    kind: account.kind,
    name: account.name,
    accountNumber: account.accountNumber,
    status: account.status,
    portalAccessEnabled: account.portalAccessEnabled === 1,
    parentAccount: parent ? { id: parent.id, name: parent.name, accountNumber: parent.accountNumber } : null,
    addressLine1: account.addressLine1,
    addressLine2: account.addressLine2,
    city: account.city,
    region: account.region,
    postalCode: account.postalCode,
    hasPortalKey: account.portalKeyHash !== null,
    portalKeyRotatedAt: account.portalKeyRotatedAt,
    onboardingState: account.onboardingState,
    onboardCompletedAt: account.onboardCompletedAt,
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
  };
}

export function presentContact(loaded: {
  contact: ContactsTable;
  primaryEmails: string[];
  otherEmails: string[];
  accounts: LinkedAccount[];
}): z.infer<typeof ContactSchema> {
  const { contact } = loaded;
  return {
    id: contact.id,
    firstName: contact.firstName,
    lastName: contact.lastName,
    title: contact.title,
    phone: contact.phone,
    primaryEmails: loaded.primaryEmails,
    otherEmails: loaded.otherEmails,
    mainAccountId: contact.mainAccountId,
    staffMemberId: contact.staffMemberId,
    notificationChannel: contact.notificationChannel,
    mayChangeSchedule: contact.mayChangeSchedule === 1,
    accounts: loaded.accounts.map((account) => ({
      id: account.id,
      name: account.name,
      accountNumber: account.accountNumber,
      kind: account.kind,
      status: account.status,
    })),
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
  };
}

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };

export const customersRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const { accounts, contacts } = deps.customers;

  app.get(
    '/api/staff/customers',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'listCustomers',
        tags: ['customers'],
        summary:
          'Management companies and properties: filter, search by name, account number or any contact email, sort and page',
        querystring: ListCustomersQuerySchema,
        response: { 200: CustomerListSchema, 400: ApiErrorSchema, 401: ApiErrorSchema },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const { rows, total } = await accounts.listCustomers({
        ...filter,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return {
        items: rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          name: row.name,
          accountNumber: row.accountNumber,
          status: row.status,
          portalAccessEnabled: row.portalAccessEnabled === 1,
          parentAccountId: row.parentAccountId,
          parentAccountName: row.parentAccountName ?? null,
          city: row.city,
          region: row.region,
          onboardingState: row.onboardingState,
          createdAt: row.createdAt,
        })),
        total,
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/staff/accounts/:accountId',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'getAccount',
        tags: ['customers'],
        summary: 'One customer account',
        params: IdParamsSchema,
        response: { 200: AccountSchema, ...errors },
      },
    },
    async (request) => {
      return presentAccount(await accounts.getAccount(request.params.accountId));
    },
  );

  app.post(
    '/api/staff/management-companies',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'createManagementCompany',
        tags: ['customers'],
        summary: 'Add a management company; a blank account number is generated',
        body: CreateManagementCompanyBodySchema,
        response: { 201: AccountSchema, ...errors },
      },
    },
    async (request, reply) => {
      return reply
        .status(201)
        .send(presentAccount(await accounts.createManagementCompany(request.body, actorOf(request))));
    },
  );

  app.post(
    '/api/staff/properties',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'createProperty',
        tags: ['customers'],
        summary: 'Add a property, optionally under a management company',
        body: CreatePropertyBodySchema,
        response: { 201: AccountSchema, ...errors },
      },
    },
    async (request, reply) => {
      return reply.status(201).send(presentAccount(await accounts.createProperty(request.body, actorOf(request))));
    },
  );

  app.put(
    '/api/staff/accounts/:accountId',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'updateAccount',
        tags: ['customers'],
        summary: 'Change an account’s name, number, management company or address',
        params: IdParamsSchema,
        body: UpdateAccountBodySchema,
        response: { 200: AccountSchema, ...errors },
      },
    },
    async (request) => {
      return presentAccount(await accounts.updateAccount(request.params.accountId, request.body, actorOf(request)));
    },
  );

  app.put(
    '/api/staff/accounts/:accountId/status',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'setAccountStatus',
        tags: ['customers'],
        summary: 'Set the account status (prospect, current, inactive)',
        params: IdParamsSchema,
        body: SetAccountStatusBodySchema,
        response: { 200: AccountSchema, ...errors },
      },
    },
    async (request) => {
      return presentAccount(
        await accounts.setAccountStatus(request.params.accountId, request.body.status, actorOf(request)),
      );
    },
  );

  app.put(
    '/api/staff/accounts/:accountId/portal-access',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'setAccountPortalAccess',
        tags: ['customers'],
        summary: 'Switch "activate portal access" on or off for the whole account',
        params: IdParamsSchema,
        body: SetAccountPortalAccessBodySchema,
        response: { 200: AccountSchema, ...errors },
      },
    },
    async (request) => {
      return presentAccount(
        await accounts.setAccountPortalAccess(request.params.accountId, request.body.enabled, actorOf(request)),
      );
    },
  );

  app.post(
    '/api/staff/accounts/:accountId/portal-key/reveal',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'revealPortalKey',
        tags: ['customers'],
        summary: 'Show the account’s portal key (recorded in the audit log)',
        params: IdParamsSchema,
        response: { 200: PortalKeySchema, ...errors },
      },
    },
    async (request) => accounts.revealPortalKey(request.params.accountId, actorOf(request)),
  );

  app.post(
    '/api/staff/accounts/:accountId/portal-key/rotate',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'rotatePortalKey',
        tags: ['customers'],
        summary: 'Generate a new portal key; the old one stops working at once',
        params: IdParamsSchema,
        response: { 200: PortalKeySchema, ...errors },
      },
    },
    async (request) => accounts.rotatePortalKey(request.params.accountId, actorOf(request)),
  );

  app.get(
    '/api/staff/accounts/:accountId/onboarding',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'getOnboardingChecklist',
        tags: ['customers'],
        summary: 'The "before day of onboard" checklist: computed items and manual check-offs',
        params: IdParamsSchema,
        response: { 200: OnboardingChecklistSchema, ...errors },
      },
    },
    async (request) => ({ items: await accounts.getOnboardingChecklist(request.params.accountId) }),
  );

  app.put(
    '/api/staff/accounts/:accountId/onboarding/:itemKey',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'setOnboardingCheck',
        tags: ['customers'],
        summary: 'Tick a manual onboarding item off, or undo it',
        params: OnboardingItemParamsSchema,
        body: SetOnboardingCheckBodySchema,
        response: { 200: OnboardingChecklistSchema, ...errors },
      },
    },
    async (request) => {
      await accounts.setOnboardingCheck(
        request.params.accountId,
        request.params.itemKey,
        request.body.done,
        actorOf(request),
      );
      return { items: await accounts.getOnboardingChecklist(request.params.accountId) };
    },
  );

  app.get(
    '/api/staff/accounts/:accountId/contacts',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'listAccountContacts',
        tags: ['contacts'],
        summary: 'The account’s "All Contacts" list',
        params: IdParamsSchema,
        response: { 200: AccountContactListSchema, ...errors },
      },
    },
    async (request) => {
      const rows = await contacts.listAccountContacts(request.params.accountId);
      return {
        items: rows.map((row) => ({
          id: row.id,
          firstName: row.firstName,
          lastName: row.lastName,
          title: row.title,
          phone: row.phone,
          primaryEmails: row.primaryEmails,
          mainAccountId: row.mainAccountId,
          mainAccountName: row.mainAccountName ?? null,
          isStaff: row.staffMemberId !== null,
        })),
      };
    },
  );

  app.post(
    '/api/staff/accounts/:accountId/contacts',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'linkContactToAccount',
        tags: ['contacts'],
        summary: 'Add an existing contact to the account’s contacts',
        params: IdParamsSchema,
        body: LinkContactBodySchema,
        response: { 200: ContactSchema, ...errors },
      },
    },
    async (request) =>
      presentContact(
        await contacts.linkContactToAccount(request.params.accountId, request.body.contactId, actorOf(request)),
      ),
  );

  app.post(
    '/api/staff/accounts/:accountId/contacts/me',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'addMeToAccountContacts',
        tags: ['contacts'],
        summary: 'Add the signed-in staff member’s own contact to the account’s contacts',
        params: IdParamsSchema,
        response: { 200: ContactSchema, ...errors },
      },
    },
    async (request) =>
      presentContact(
        await contacts.addMeToAccountContacts(request.params.accountId, requireStaff(request), actorOf(request)),
      ),
  );

  app.delete(
    '/api/staff/accounts/:accountId/contacts/:contactId',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'unlinkContactFromAccount',
        tags: ['contacts'],
        summary: 'Remove a contact from the account’s contacts (the contact record stays)',
        params: AccountContactParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await contacts.unlinkContactFromAccount(request.params.accountId, request.params.contactId, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/staff/contacts',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'listContacts',
        tags: ['contacts'],
        summary: 'Find contacts by name or email (to link them to an account)',
        querystring: ListContactsQuerySchema,
        response: { 200: ContactSearchResultSchema, 400: ApiErrorSchema, 401: ApiErrorSchema },
      },
    },
    async (request) => {
      const rows = await contacts.searchContacts(request.query.search, request.query.limit);
      return {
        items: rows.map((row) => ({
          id: row.id,
          firstName: row.firstName,
          lastName: row.lastName,
          title: row.title,
          primaryEmails: row.primaryEmails,
        })),
      };
    },
  );

  app.post(
    '/api/staff/contacts',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'createContact',
        tags: ['contacts'],
        summary: 'Add a contact, linked to the given accounts',
        body: CreateContactBodySchema,
        response: { 201: ContactSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentContact(await contacts.createContact(request.body, actorOf(request)))),
  );

  app.get(
    '/api/staff/contacts/:contactId',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'getContact',
        tags: ['contacts'],
        summary: 'One contact with emails and linked accounts',
        params: ContactIdParamsSchema,
        response: { 200: ContactSchema, ...errors },
      },
    },
    async (request) => presentContact(await contacts.getContact(request.params.contactId)),
  );

  app.put(
    '/api/staff/contacts/:contactId',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'updateContact',
        tags: ['contacts'],
        summary: 'Change a contact’s details, emails and main account',
        params: ContactIdParamsSchema,
        body: UpdateContactBodySchema,
        response: { 200: ContactSchema, ...errors },
      },
    },
    async (request) =>
      presentContact(await contacts.updateContact(request.params.contactId, request.body, actorOf(request))),
  );
};
