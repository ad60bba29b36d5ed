import {
  DescribedField,
  DestinationFieldType,
} from '@signalsmith/backstage-plugin-audience-syncs-common';

/** What an sObject describe says of its fields (the parts read here). */
export interface SObjectDescribe {
  fields?: Array<{
    name?: string;
    label?: string;
    type?: string;
    updateable?: boolean;
    createable?: boolean;
    nillable?: boolean;
    defaultedOnCreate?: boolean;
  }>;
}

/** Salesforce's field types by the kind of value they hold; text, picklists, ids and the like are text. */
const TYPES: Record<string, DestinationFieldType> = {
  double: 'number',
  currency: 'number',
  percent: 'number',
  int: 'number',
  long: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

/**
 * The Contact fields that can be updated (mapped values are written to existing records), kept only where
 * the Lead describe, when given, has them updateable too. A field is required where a new record needs a
 * value for it.
 */
export function writableFields(
  contact: SObjectDescribe,
  lead?: SObjectDescribe,
): DescribedField[] {
  const onLead = lead
    ? new Set((lead.fields ?? []).filter(f => f.updateable).map(f => f.name))
    : undefined;
  return (contact.fields ?? [])
    .filter(
      f =>
        typeof f.name === 'string' &&
        f.updateable === true &&
        (!onLead || onLead.has(f.name)),
    )
    .map(f => ({
      name: f.name!,
      label: f.label || f.name!,
      type: TYPES[f.type ?? ''] ?? 'string',
      required:
        f.createable === true && f.nillable === false && !f.defaultedOnCreate,
    }));
}
