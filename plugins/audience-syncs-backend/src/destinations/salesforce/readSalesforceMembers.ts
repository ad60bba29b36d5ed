import { DestinationMember } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { SalesforceRest } from './SalesforceRest';

/**
 * Salesforce's smallest query batch: a page and the lookups of its Contacts and Leads stay within the
 * four calls that one take from the destination's budget stands for.
 */
const MEMBERS_PER_PAGE = 200;

interface MemberRecord {
  ContactId?: string | null;
  LeadId?: string | null;
}

/**
 * The people a Campaign holds, a page of CampaignMembers at a time (SOQL, `nextRecordsUrl`), each by
 * `field` of its Contact or Lead, read by id for the page: the emulated and the real SOQL both answer
 * that without relationship queries. Emails are lower-cased as `prepare` makes them; a person without
 * the field has no identifier the ledger could hold and is left out.
 */
export async function* readSalesforceMembers(options: {
  rest: SalesforceRest;
  campaignId: SoqlLiteral;
  field: string;
  isEmail: boolean;
  /** The field's value per record id of `type`: one query for a page's ids. */
  valuesById(
    type: 'Contact' | 'Lead',
    ids: string[],
    signal?: AbortSignal,
  ): Promise<Map<string, string>>;
  signal?: AbortSignal;
}): AsyncGenerator<DestinationMember[]> {
  const { rest, campaignId, isEmail, valuesById, signal } = options;
  const pages = rest.queryPages<MemberRecord>(
    `SELECT Id, ContactId, LeadId FROM CampaignMember WHERE CampaignId = ${campaignId} ORDER BY Id`,
    { batchSize: MEMBERS_PER_PAGE, signal },
  );
  for await (const records of pages) {
    const contactIds = ids(records.map(r => r.ContactId));
    const leadIds = ids(records.filter(r => !r.ContactId).map(r => r.LeadId));
    const values = new Map([
      ...(contactIds.length
        ? await valuesById('Contact', contactIds, signal)
        : []),
      ...(leadIds.length ? await valuesById('Lead', leadIds, signal) : []),
    ]);
    const members: DestinationMember[] = [];
    for (const record of records) {
      const value = values.get(record.ContactId || record.LeadId || '');
      if (!value?.trim()) continue;
      const identifier = isEmail ? value.trim().toLowerCase() : value.trim();
      members.push({ identifier });
    }
    if (members.length > 0) yield members;
  }
}

/** A SOQL string literal, quoted and escaped. */
export type SoqlLiteral = string;

function ids(values: Array<string | null | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => !!v))];
}
