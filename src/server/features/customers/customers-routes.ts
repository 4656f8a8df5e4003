import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  AccountSchema,
  CreateManagementCompanyBodySchema,
  CreatePropertyBodySchema,
  CustomerListSchema,
  IdParamsSchema,
  ListCustomersQuerySchema,
  OnboardingChecklistSchema,
  OnboardingItemParamsSchema,
  PortalKeySchema,
  SetAccountPortalAccessBodySchema,
  SetAccountStatusBodySchema,
  SetOnboardingCheckBodySchema,
  UpdateAccountBodySchema,
} from '../../../shared/customer-contracts.ts';
import type { AccountsTable } from '../../db/database-schema.ts';
import type { Deps } from '../../deps.ts';
import { actorOf, CUSTOMER_SETUP_ROLES } from '../../http/access.ts';
import { ifMatchVersion, withCurrentOnStale } from '../../http/versions.ts';

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
    version: account.version ?? 1,
  };
}

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };

export const customersRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const { accounts } = deps.customers;

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
      config: { access: 'staff', cachedRead: true },
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
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
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
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
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
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'updateAccount',
        tags: ['customers'],
        summary: 'Change an account’s name, number, management company or address (If-Match: its version)',
        params: IdParamsSchema,
        body: UpdateAccountBodySchema,
        response: { 200: AccountSchema, 409: ApiErrorSchema, ...errors },
      },
    },
    async (request) => {
      const { accountId } = request.params;
      const updated = await withCurrentOnStale(
        () => accounts.updateAccount(accountId, request.body, actorOf(request), ifMatchVersion(request)),
        async () => presentAccount(await accounts.getAccount(accountId)),
      );
      return presentAccount(updated);
    },
  );

  app.put(
    '/api/staff/accounts/:accountId/status',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
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
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
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
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES, stepUp: 'reason' },
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
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
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
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
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
};
