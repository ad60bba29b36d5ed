import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  DEMO_EXTERNAL_ID_FIELD,
  demoSalesforceOrg,
  readDemoSalesforceOrg,
} from './demoSalesforceOrg';

const customer = (id: string, plan: string, email: string | null) => ({
  customer_id: id,
  email,
  phone: '+14155550123',
  first_name: 'Ada',
  last_name: 'Lovelace',
  country: 'GB',
  plan_type: plan,
});

describe('demoSalesforceOrg', () => {
  it('makes paying customers Contacts and free ones Leads, all with the customer id as external id', () => {
    const org = demoSalesforceOrg(
      [
        customer('cus_1', 'pro', 'Ada@Example.com'),
        customer('cus_2', 'free', null),
      ],
      [{ Name: 'High Value Customers' }],
    );
    expect(org.contacts).toEqual([
      {
        FirstName: 'Ada',
        LastName: 'Lovelace',
        Email: 'Ada@Example.com',
        Phone: '+14155550123',
        MailingCountry: 'GB',
        [DEMO_EXTERNAL_ID_FIELD]: 'cus_1',
      },
    ]);
    expect(org.leads).toEqual([
      expect.objectContaining({
        Company: '[not provided]',
        Email: null,
        Country: 'GB',
        [DEMO_EXTERNAL_ID_FIELD]: 'cus_2',
      }),
    ]);
    expect(org.campaigns).toEqual([{ Name: 'High Value Customers' }]);
  });

  it('reads the warehouse once it has its customers table, and nothing before', () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-org-'));
    try {
      const file = join(dir, 'warehouse.sqlite');
      expect(readDemoSalesforceOrg(file)).toBeUndefined();
      const db = new DatabaseSync(file);
      db.exec('CREATE TABLE other (x INTEGER)');
      expect(readDemoSalesforceOrg(file)).toBeUndefined();
      db.exec(
        'CREATE TABLE customers (customer_id TEXT, email TEXT, phone TEXT, first_name TEXT, last_name TEXT, country TEXT, plan_type TEXT)',
      );
      db.exec(
        "INSERT INTO customers VALUES ('cus_1', 'a@example.com', NULL, 'A', 'B', 'US', 'starter')",
      );
      db.close();
      const org = readDemoSalesforceOrg(file);
      expect(org?.contacts).toHaveLength(1);
      expect(org?.leads).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
