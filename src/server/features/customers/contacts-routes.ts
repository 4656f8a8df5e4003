import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  AccountContactListSchema,
  AccountContactParamsSchema,
  ContactIdParamsSchema,
  ContactSchema,
  ContactSearchResultSchema,
  CreateContactBodySchema,
  IdParamsSchema,
  LinkContactBodySchema,
  ListContactsQuerySchema,
  UpdateContactBodySchema,
} from '../../../shared/customer-contracts.ts';
import type { AccountsTable, ContactsTable } from '../../db/database-schema.ts';
import type { Deps } from '../../deps.ts';
import { actorOf, requireStaff } from '../../http/access.ts';
import { ifMatchVersion, withCurrentOnStale } from '../../http/versions.ts';

type LinkedAccount = Pick<AccountsTable, 'id' | 'name' | 'accountNumber' | 'kind' | 'status'>;

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
    version: contact.version ?? 1,
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

/** Contacts and their links to accounts (the "All Contacts" subgrid and the contact page). */
export const contactsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const { contacts } = deps.customers;

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
      config: { access: 'staff', idempotent: true },
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
        summary: 'Change a contact’s details, emails and main account (If-Match: its version)',
        params: ContactIdParamsSchema,
        body: UpdateContactBodySchema,
        response: { 200: ContactSchema, 409: ApiErrorSchema, ...errors },
      },
    },
    async (request) => {
      const { contactId } = request.params;
      const updated = await withCurrentOnStale(
        () => contacts.updateContact(contactId, request.body, actorOf(request), ifMatchVersion(request)),
        async () => presentContact(await contacts.getContact(contactId)),
      );
      return presentContact(updated);
    },
  );
};
