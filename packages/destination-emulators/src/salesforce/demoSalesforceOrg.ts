import { existsSync } from 'node:fs';
import { SalesforceOrgSeed, SeedSalesforceRecord } from './SalesforceOrg';

/** The columns of a demo warehouse customer that a CRM would hold. */
export interface DemoCustomer {
  customer_id: string;
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  country: string | null;
  plan_type: string | null;
}

/** The custom Contact and Lead field that holds the warehouse's customer id: the demo's external id. */
export const DEMO_EXTERNAL_ID_FIELD = 'Customer_Id__c';

/**
 * The demo org: every warehouse customer is a person in the CRM, so syncs of the demo audiences find their
 * members. Paying customers are Contacts; customers on the free plan are still Leads (Salesforce requires a
 * Company on a Lead, and B2C orgs write `[not provided]`). Both carry the customer id in
 * {@link DEMO_EXTERNAL_ID_FIELD}, so syncs can match on `user_id` as well as on email.
 */
export function demoSalesforceOrg(
  customers: Iterable<DemoCustomer>,
  campaigns: Array<{ Id?: string; Name: string }> = [],
): SalesforceOrgSeed {
  const contacts: SeedSalesforceRecord[] = [];
  const leads: SeedSalesforceRecord[] = [];
  for (const customer of customers) {
    const person: SeedSalesforceRecord = {
      FirstName: customer.first_name,
      LastName: customer.last_name || customer.customer_id,
      Email: customer.email,
      Phone: customer.phone,
      [DEMO_EXTERNAL_ID_FIELD]: customer.customer_id,
    };
    if (customer.plan_type === 'free') {
      leads.push({
        ...person,
        Company: '[not provided]',
        Country: customer.country,
      });
    } else {
      contacts.push({ ...person, MailingCountry: customer.country });
    }
  }
  return { contacts, leads, campaigns: campaigns.map(c => ({ ...c })) };
}

/**
 * Reads the demo warehouse's `customers` (SQLite, through Node's built-in `node:sqlite`) into the demo org.
 * Undefined while the warehouse is not there or not readable yet: the backend generates it, in one
 * transaction, on its first start, which may run beside the emulators.
 */
export function readDemoSalesforceOrg(
  warehouseFile: string,
  campaigns: Array<{ Id?: string; Name: string }> = [],
): SalesforceOrgSeed | undefined {
  if (!existsSync(warehouseFile)) return undefined;
  const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
  let db: InstanceType<typeof DatabaseSync> | undefined;
  try {
    db = new DatabaseSync(warehouseFile, { readOnly: true });
    const table = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'customers'",
      )
      .get();
    if (!table) return undefined;
    const rows = db
      .prepare(
        'SELECT customer_id, email, phone, first_name, last_name, country, plan_type FROM customers ORDER BY customer_id',
      )
      .all() as unknown as DemoCustomer[];
    return rows.length > 0 ? demoSalesforceOrg(rows, campaigns) : undefined;
  } catch {
    // Locked by the transaction that is filling it: read again later.
    return undefined;
  } finally {
    db?.close();
  }
}
