/** HubSpot's property value types (`type`), each shown by a `fieldType` in its screens. */
export type HubSpotPropertyType =
  | 'string'
  | 'number'
  | 'bool'
  | 'date'
  | 'datetime'
  | 'enumeration'
  | 'phone_number';

/** A contact property definition as `GET /crm/v3/properties/contacts` lists it. */
export interface HubSpotProperty {
  name: string;
  label: string;
  type: HubSpotPropertyType;
  fieldType: string;
  groupName: string;
  /** Computed by HubSpot: writing it is refused (`READ_ONLY_VALUE`). */
  readOnlyValue: boolean;
  calculated: boolean;
}

/** A custom property a portal starts with: a bare name is a text property labelled with its name. */
export type SeedHubSpotProperty =
  | string
  | { name: string; label?: string; type?: HubSpotPropertyType };

const FIELD_TYPES: Record<HubSpotPropertyType, string> = {
  string: 'text',
  number: 'number',
  bool: 'booleancheckbox',
  date: 'date',
  datetime: 'date',
  enumeration: 'select',
  phone_number: 'phonenumber',
};

function property(
  name: string,
  label: string,
  type: HubSpotPropertyType = 'string',
  computed = false,
): HubSpotProperty {
  return {
    name,
    label,
    type,
    fieldType: FIELD_TYPES[type],
    groupName: 'contactinformation',
    readOnlyValue: computed,
    calculated: false,
  };
}

/** Contact properties every portal has (a subset of HubSpot's), with HubSpot's labels and types. */
export const STANDARD_PROPERTIES: HubSpotProperty[] = [
  property('email', 'Email'),
  property('firstname', 'First Name'),
  property('lastname', 'Last Name'),
  property('phone', 'Phone Number', 'phone_number'),
  property('mobilephone', 'Mobile Phone Number', 'phone_number'),
  property('company', 'Company Name'),
  property('jobtitle', 'Job Title'),
  property('website', 'Website URL'),
  property('address', 'Street Address'),
  property('city', 'City'),
  property('state', 'State/Region'),
  property('zip', 'Postal Code'),
  property('country', 'Country/Region'),
  property('lifecyclestage', 'Lifecycle Stage', 'enumeration'),
  property('hs_lead_status', 'Lead Status', 'enumeration'),
  property('createdate', 'Create Date', 'datetime', true),
  property('lastmodifieddate', 'Last Modified Date', 'datetime', true),
  property('hs_object_id', 'Record ID', 'number', true),
  {
    ...property('num_associated_deals', 'Number of Associated Deals', 'number'),
    calculated: true,
    readOnlyValue: true,
  },
];

export function customProperty(seed: SeedHubSpotProperty): HubSpotProperty {
  return typeof seed === 'string'
    ? property(seed, seed)
    : property(seed.name, seed.label ?? seed.name, seed.type ?? 'string');
}

/** The property as the properties API shows it. */
export function propertyView(p: HubSpotProperty) {
  return {
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    groupName: p.groupName,
    calculated: p.calculated,
    hidden: false,
    formField: !p.readOnlyValue,
    hubspotDefined: STANDARD_PROPERTIES.some(s => s.name === p.name),
    modificationMetadata: {
      archivable: true,
      readOnlyDefinition: STANDARD_PROPERTIES.some(s => s.name === p.name),
      readOnlyValue: p.readOnlyValue,
    },
  };
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether HubSpot takes `value` for the property: numbers as numbers or numeric text, booleans as
 * `true`/`false`, dates as `YYYY-MM-DD` or epoch milliseconds, date-times as ISO 8601 or epoch milliseconds;
 * empty values clear any property.
 */
export function acceptsValue(p: HubSpotProperty, value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  const text = String(value);
  switch (p.type) {
    case 'number':
      return NUMBER.test(text);
    case 'bool':
      return text === 'true' || text === 'false';
    case 'date':
      return DATE.test(text) || /^\d+$/.test(text);
    case 'datetime':
      return /^\d+$/.test(text) || !Number.isNaN(Date.parse(text));
    default:
      return true;
  }
}
