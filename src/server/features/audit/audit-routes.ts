import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CUSTOMER_SETUP_ROLES } from '../../http/access.ts';
import { AuditEventListSchema, ListAuditEventsQuerySchema } from '../../../shared/audit-contracts.ts';
import type { Deps } from '../../deps.ts';
import { findAuditEvents } from './audit-repository.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/staff/audit-events',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'listAuditEvents',
        tags: ['audit'],
        summary: 'Who changed what and when, newest first',
        querystring: ListAuditEventsQuerySchema,
        response: { 200: AuditEventListSchema },
      },
    },
    async (request) => {
      const { page, pageSize, ...filters } = request.query;
      const rows = await findAuditEvents(deps.db, { ...filters, limit: pageSize + 1, offset: (page - 1) * pageSize });
      return {
        items: rows.slice(0, pageSize).map((row) => ({
          id: row.id,
          occurredAt: row.occurredAt,
          actorKind: row.actorKind,
          actorId: row.actorId,
          actorName: row.actorName ?? null,
          action: row.action,
          subjectType: row.subjectType,
          subjectId: row.subjectId,
          accountId: row.accountId,
          before: row.beforeJson ? (JSON.parse(row.beforeJson) as unknown) : null,
          after: row.afterJson ? (JSON.parse(row.afterJson) as unknown) : null,
          ipAddress: row.ipAddress,
        })),
        hasMore: rows.length > pageSize,
      };
    },
  );
};
