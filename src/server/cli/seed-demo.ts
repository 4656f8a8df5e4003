import type { ActorContext } from '../actor.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { AccountsTable } from '../db/database-schema.ts';
import type { ContactsService } from '../features/customers/contacts-service.ts';
import type { CustomersService } from '../features/customers/customers-service.ts';
import type { StaffService } from '../features/staff/index.ts';
import type { TurnsFeature } from '../features/turns/index.ts';
import { seedDemoCatalog } from './seed-demo-catalog.ts';
import { seedDemoTurns } from './seed-demo-turns.ts';

export const DEMO_STAFF_EMAIL = 'demo.admin@portico.test';

interface DemoProperty {
  name: string;
  number: string;
  city: string;
  contacts: Array<[firstName: string, lastName: string, title: string, email: string]>;
}

const DEMO_COMPANIES: Array<{
  name: string;
  number: string;
  status: AccountsTable['status'];
  properties: DemoProperty[];
}> = [
  {
    name: 'Harbor Point Residential',
    number: 'MC-1001',
    status: 'current',
    properties: [
      {
        name: 'Harbor Point Lofts',
        number: 'PR-2001',
        city: 'Austin',
        contacts: [
          ['Maria', 'Alvarez', 'Property Manager', 'maria.alvarez@harborpoint.example'],
          ['Dev', 'Patel', 'Maintenance Supervisor', 'dev.patel@harborpoint.example'],
        ],
      },
      {
        name: 'Bayside Commons',
        number: 'PR-2002',
        city: 'Austin',
        contacts: [['Jordan', 'Lee', 'Assistant Manager', 'jordan.lee@harborpoint.example']],
      },
    ],
  },
  {
    name: 'Cedar & Stone Living',
    number: 'MC-1002',
    status: 'current',
    properties: [
      {
        name: 'Cedar Ridge Apartments',
        number: 'PR-2003',
        city: 'Dallas',
        contacts: [['Priya', 'Shah', 'Regional Manager', 'priya.shah@cedarstone.example']],
      },
      {
        name: 'Stonegate Villas',
        number: 'PR-2004',
        city: 'Plano',
        contacts: [['Sam', 'Okafor', 'Property Manager', 'sam.okafor@cedarstone.example']],
      },
      {
        name: 'Maple Court',
        number: 'PR-2005',
        city: 'Frisco',
        contacts: [['Elena', 'Rossi', 'Leasing Manager', 'elena.rossi@cedarstone.example']],
      },
    ],
  },
  {
    name: 'Northwind Property Group',
    number: 'MC-1003',
    status: 'prospect',
    properties: [
      {
        name: 'Northwind Terrace',
        number: 'PR-2006',
        city: 'Houston',
        contacts: [['Chris', 'Nguyen', 'Property Manager', 'chris.nguyen@northwind.example']],
      },
    ],
  },
];

/**
 * Adds a small, realistic vendor book of business through the customers services (so every account
 * gets a portal key and an audit trail) and a demo staff admin; returns its password.
 */
export async function seedDemo(
  deps: {
    db: Db;
    clock: Clock;
    staff: StaffService;
    customers: { accounts: CustomersService; contacts: ContactsService };
    turns: TurnsFeature;
  },
  actor: ActorContext,
) {
  const { accounts, contacts } = deps.customers;
  for (const company of DEMO_COMPANIES) {
    const { account: companyAccount } = await accounts.createManagementCompany(
      {
        name: company.name,
        accountNumber: company.number,
        status: company.status,
        ...address(company.number, 'Dallas'),
      },
      actor,
    );
    for (const property of company.properties) {
      const { account: propertyAccount } = await accounts.createProperty(
        {
          name: property.name,
          accountNumber: property.number,
          status: company.status,
          parentAccountId: companyAccount.id,
          ...address(property.number, property.city),
        },
        actor,
      );
      for (const [firstName, lastName, title, email] of property.contacts) {
        await contacts.createContact(
          {
            firstName,
            lastName,
            title,
            phone: null,
            primaryEmails: [email],
            otherEmails: [],
            mainAccountId: propertyAccount.id,
            accountIds: [propertyAccount.id],
          },
          actor,
        );
      }
    }
  }
  await seedDemoCatalog(deps.db, deps.clock);
  await seedDemoTurns(deps);
  const { password } = await deps.staff.createStaffMember({
    email: DEMO_STAFF_EMAIL,
    name: 'Demo Admin',
    role: 'admin',
    temporary: false,
    actor,
  });
  return { email: DEMO_STAFF_EMAIL, password };
}

function address(accountNumber: string, city: string) {
  return {
    addressLine1: `${100 + accountNumber.length * 7} Main Street`,
    addressLine2: null,
    city,
    region: 'TX',
    postalCode: '75001',
  };
}
