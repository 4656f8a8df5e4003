import type { ActorContext } from '../actor.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { AccountsTable } from '../db/database-schema.ts';
import { newId } from '../ids.ts';
import type { StaffService } from '../features/staff/staff-service.ts';
import { seedDemoCatalog } from './seed-demo-catalog.ts';

export const DEMO_STAFF_EMAIL = 'demo.admin@portico.test';

interface DemoProperty {
  name: string;
  number: string;
  city: string;
  contacts: Array<[firstName: string, lastName: string, title: string, email: string]>;
}

const DEMO_COMPANIES: Array<{ name: string; number: string; status: AccountsTable['status']; properties: DemoProperty[] }> = [
  {
    name: 'Harbor Point Residential', number: 'MC-1001', status: 'current',
    properties: [
      { name: 'Harbor Point Lofts', number: 'PR-2001', city: 'Austin', contacts: [['Maria', 'Alvarez', 'Property Manager', 'maria.alvarez@harborpoint.example'], ['Dev', 'Patel', 'Maintenance Supervisor', 'dev.patel@harborpoint.example']] },
      { name: 'Bayside Commons', number: 'PR-2002', city: 'Austin', contacts: [['Jordan', 'Lee', 'Assistant Manager', 'jordan.lee@harborpoint.example']] },
    ],
  },
  {
    name: 'Cedar & Stone Living', number: 'MC-1002', status: 'current',
    properties: [
      { name: 'Cedar Ridge Apartments', number: 'PR-2003', city: 'Dallas', contacts: [['Priya', 'Shah', 'Regional Manager', 'priya.shah@cedarstone.example']] },
      { name: 'Stonegate Villas', number: 'PR-2004', city: 'Plano', contacts: [['Sam', 'Okafor', 'Property Manager', 'sam.okafor@cedarstone.example']] },
      { name: 'Maple Court', number: 'PR-2005', city: 'Frisco', contacts: [['Elena', 'Rossi', 'Leasing Manager', 'elena.rossi@cedarstone.example']] },
    ],
  },
  {
    name: 'Northwind Property Group', number: 'MC-1003', status: 'prospect',
    properties: [
      { name: 'Northwind Terrace', number: 'PR-2006', city: 'Houston', contacts: [['Chris', 'Nguyen', 'Property Manager', 'chris.nguyen@northwind.example']] },
    ],
  },
];

/** Inserts a small, realistic vendor book of business and a demo staff admin; returns its password. */
export async function seedDemo(deps: { db: Db; clock: Clock; staff: StaffService }, actor: ActorContext) {
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    for (const company of DEMO_COMPANIES) {
      const companyId = newId();
      await trx.insertInto('accounts').values(account(companyId, null, company.name, company.number, company.status, 'Dallas', now)).execute();
      for (const property of company.properties) {
        const propertyId = newId();
        await trx.insertInto('accounts').values(account(propertyId, companyId, property.name, property.number, company.status, property.city, now)).execute();
        for (const [firstName, lastName, title, email] of property.contacts) {
          const contactId = newId();
          await trx.insertInto('contacts').values({ id: contactId, firstName, lastName, title, phone: null, mainAccountId: propertyId, createdAt: now, updatedAt: now }).execute();
          await trx.insertInto('contactEmails').values({ id: newId(), contactId, email, emailNormalized: email.toLowerCase(), kind: 'primary', createdAt: now }).execute();
          await trx.insertInto('accountContacts').values({ accountId: propertyId, contactId, createdAt: now }).execute();
        }
      }
    }
  });
  await seedDemoCatalog(deps.db, deps.clock);
  const { password } = await deps.staff.createStaffMember({ email: DEMO_STAFF_EMAIL, name: 'Demo Admin', role: 'admin', temporary: false, actor });
  return { email: DEMO_STAFF_EMAIL, password };
}

function account(id: string, parentAccountId: string | null, name: string, accountNumber: string, status: AccountsTable['status'], city: string, now: string): AccountsTable {
  return {
    id, kind: parentAccountId ? 'property' : 'management_company', parentAccountId, name, accountNumber, status,
    portalAccessEnabled: 0, addressLine1: `${100 + accountNumber.length * 7} Main Street`, addressLine2: null, city, region: 'TX', postalCode: '75001',
    createdAt: now, updatedAt: now,
  };
}
