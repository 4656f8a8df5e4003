import type { ActorContext } from '../../actor.ts';
import type { CalendarDate } from '../../db/schema/turns.ts';
import { fieldError, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type {
  CustomServiceBodyParsed,
  ListPortalPropertiesQuery,
  UpdatePropertyAddressBodyParsed,
} from '../../../shared/turn-contracts.ts';
import { decodePageCursor, encodePageCursor } from '../../page-cursor.ts';
import type { CustomersFeature } from '../customers/index.ts';
import type { TurnContext, TurnScope } from './turn-context.ts';
import * as repository from './turns-repository.ts';
import { countProperties, listPropertyPage, type PropertyCursor } from './property-views-repository.ts';

/** The portal's property views: home, property settings and the calendar. */
export function createPropertyViewsService(context: TurnContext, customers: CustomersFeature) {
  const { db, catalog, canSee, requireProperty } = context;

  /** One property with its counts (the caller has checked the scope). */
  async function loadProperty(accountId: string) {
    const [property] = await listPropertyPage(db, { accountIds: [accountId], after: null, limit: 1 });
    return property!;
  }

  return {
    /** A page of the customer's properties with their open turns and the add-ons waiting for them, counted in the database. */
    async listProperties(scope: TurnScope & { kind: 'customer' }, query: ListPortalPropertiesQuery) {
      const filter = { accountIds: scope.accountIds, search: query.search };
      const after = query.cursor ? decodePageCursor<PropertyCursor>(query.cursor, 2) : null;
      // One row more than the page says whether another page follows.
      const [rows, total] = await Promise.all([
        listPropertyPage(db, { ...filter, after, limit: query.limit + 1 }),
        countProperties(db, filter),
      ]);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > query.limit && last ? encodePageCursor([last.name, last.id]) : null,
        total,
      };
    },

    async getProperty(scope: TurnScope, accountId: string) {
      await requireProperty(scope, accountId);
      return loadProperty(accountId);
    },

    async updatePropertyAddress(
      scope: TurnScope,
      accountId: string,
      input: UpdatePropertyAddressBodyParsed,
      actor: ActorContext,
    ) {
      await requireProperty(scope, accountId);
      await customers.accounts.updateAccountAddress(accountId, input, actor);
      return loadProperty(accountId);
    },

    /** "Users": everyone with portal access to this property (through it or its management company), and who approves add-ons. */
    async listPropertyUsers(scope: TurnScope, accountId: string) {
      const property = await requireProperty(scope, accountId);
      const accountIds = property.parentAccountId ? [accountId, property.parentAccountId] : [accountId];
      const [users, profile] = await Promise.all([
        repository.listPortalUsers(db, accountIds),
        catalog.serviceProfiles.getServiceProfile(accountId),
      ]);
      return users.map((user) => ({
        contactId: user.id,
        name: `${user.firstName} ${user.lastName}`,
        title: user.title,
        emails: [user.portalEmail],
        isMainApprover: profile.mainApproverContactId === user.id,
      }));
    },

    async listPropertyServices(scope: TurnScope, accountId: string) {
      await requireProperty(scope, accountId);
      return catalog.services.listAccountServices(accountId);
    },

    /** A customer's own service (done in-house or by another vendor), so the board shows the whole turn. */
    async createCustomService(
      scope: TurnScope,
      accountId: string,
      input: CustomServiceBodyParsed,
      actor: ActorContext,
    ) {
      await requireProperty(scope, accountId);
      const code = `CUSTOM_${newId().replaceAll('-', '').slice(-12).toUpperCase()}`;
      return catalog.services.createAccountService(
        accountId,
        { ...input, code, kind: 'standard', active: true },
        actor,
      );
    },

    async reorderPropertyServices(scope: TurnScope, accountId: string, serviceIds: string[], actor: ActorContext) {
      await requireProperty(scope, accountId);
      return catalog.services.reorderAccountServices(accountId, serviceIds, actor);
    },

    async listPropertyFloorplans(scope: TurnScope, accountId: string) {
      await requireProperty(scope, accountId);
      return catalog.pricing.listFloorplans(accountId);
    },

    async getFloorplanPricelist(scope: TurnScope, floorplanId: string) {
      const pricelist = await catalog.pricing.getFloorplanPrices(floorplanId);
      if (!canSee(scope, pricelist.floorplan.accountId)) throw notFound('Floorplan');
      return pricelist;
    },

    async listPropertyUnits(scope: TurnScope, accountId: string) {
      await requireProperty(scope, accountId);
      return catalog.units.listUnits(accountId);
    },

    async getCalendar(scope: TurnScope, accountId: string, from: CalendarDate, to: CalendarDate) {
      await requireProperty(scope, accountId);
      if (to < from) throw fieldError('to', 'The end of the range must not be before its start');
      return repository.listCalendarLines(db, accountId, from, to);
    },
  };
}
