/** The Salesforce field types the emulated org uses (`describe`'s `type`). */
export type SalesforceFieldType =
  | 'id'
  | 'reference'
  | 'string'
  | 'email'
  | 'phone'
  | 'textarea'
  | 'picklist'
  | 'boolean'
  | 'double'
  | 'currency'
  | 'date'
  | 'datetime'
  | 'int';

/** A custom field of Contact and Lead: a bare name is a text field labelled from its name. */
export type SeedSalesforceField =
  | string
  | { name: string; label?: string; type?: SalesforceFieldType };

export interface FieldInfo {
  label: string;
  type: SalesforceFieldType;
}

/** Labels and types of the standard fields the org has, as Salesforce describes them. */
const STANDARD: Record<string, FieldInfo> = {
  Id: { label: 'Contact ID', type: 'id' },
  FirstName: { label: 'First Name', type: 'string' },
  LastName: { label: 'Last Name', type: 'string' },
  Name: { label: 'Full Name', type: 'string' },
  Email: { label: 'Email', type: 'email' },
  Phone: { label: 'Business Phone', type: 'phone' },
  MobilePhone: { label: 'Mobile Phone', type: 'phone' },
  Title: { label: 'Title', type: 'string' },
  LeadSource: { label: 'Lead Source', type: 'picklist' },
  HasOptedOutOfEmail: { label: 'Email Opt Out', type: 'boolean' },
  DoNotCall: { label: 'Do Not Call', type: 'boolean' },
  Description: { label: 'Description', type: 'textarea' },
  Department: { label: 'Department', type: 'string' },
  AccountId: { label: 'Account ID', type: 'reference' },
  Birthdate: { label: 'Birthdate', type: 'date' },
  MailingStreet: { label: 'Mailing Street', type: 'textarea' },
  MailingCity: { label: 'Mailing City', type: 'string' },
  MailingState: { label: 'Mailing State/Province', type: 'string' },
  MailingPostalCode: { label: 'Mailing Zip/Postal Code', type: 'string' },
  MailingCountry: { label: 'Mailing Country', type: 'string' },
  Company: { label: 'Company', type: 'string' },
  Status: { label: 'Status', type: 'picklist' },
  Street: { label: 'Street', type: 'textarea' },
  City: { label: 'City', type: 'string' },
  State: { label: 'State/Province', type: 'string' },
  PostalCode: { label: 'Zip/Postal Code', type: 'string' },
  Country: { label: 'Country', type: 'string' },
  IsConverted: { label: 'Converted', type: 'boolean' },
  ConvertedContactId: { label: 'Converted Contact ID', type: 'reference' },
  CreatedDate: { label: 'Created Date', type: 'datetime' },
  LastModifiedDate: { label: 'Last Modified Date', type: 'datetime' },
};

/** `Lifetime_Value__c` → "Lifetime Value", as Salesforce fills a new field's label from its name. */
function labelOf(name: string): string {
  return name.replace(/__c$/, '').replace(/_/g, ' ');
}

export function customFieldInfo(seed: SeedSalesforceField): {
  name: string;
  info: FieldInfo;
} {
  if (typeof seed === 'string') {
    return { name: seed, info: { label: labelOf(seed), type: 'string' } };
  }
  return {
    name: seed.name,
    info: {
      label: seed.label ?? labelOf(seed.name),
      type: seed.type ?? 'string',
    },
  };
}

export function standardFieldInfo(name: string): FieldInfo {
  return STANDARD[name] ?? { label: labelOf(name), type: 'string' };
}

/** Whether Salesforce stores `value` in a field of `type` (text fields take any text). */
export function fitsFieldType(
  type: SalesforceFieldType,
  value: unknown,
): boolean {
  if (value === null) return true;
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'double':
    case 'currency':
    case 'int':
      return (
        typeof value === 'number' ||
        (typeof value === 'string' &&
          value.trim() !== '' &&
          Number.isFinite(Number(value)))
      );
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    default:
      return true;
  }
}
