import { AudienceMember } from '@signalsmith/backstage-plugin-audience-syncs-node';
import {
  CONSENT,
  ConsentField,
  ConsentStatus,
  GoogleAdsSettings,
} from './googleAdsSettings';

const GRANTED = new Set(['true', 'yes', 'granted', '1']);
const DENIED = new Set(['false', 'no', 'denied', '0']);

/**
 * A member's own consent, from the audience attributes the settings name: a boolean, a ConsentStatus,
 * or yes/no, granted/denied, 1/0. An empty attribute leaves the destination's default; a value that
 * says neither is an error naming the attribute.
 */
export function readMemberConsent(
  member: AudienceMember,
  attributes: GoogleAdsSettings['consentAttributes'],
):
  | { ok: true; consent?: Partial<Record<ConsentField, ConsentStatus>> }
  | { ok: false; reason: string } {
  const consent: Partial<Record<ConsentField, ConsentStatus>> = {};
  for (const [field, attribute] of Object.entries(attributes) as Array<
    [ConsentField, string]
  >) {
    const value = member.fields[attribute];
    if (value === undefined || value === null || value === '') continue;
    const status = consentStatusOf(value);
    if (!status) {
      return {
        ok: false,
        reason: `The ${attribute} attribute (${field} consent) is '${String(
          value,
        )}', neither granted nor denied (true/false, ${CONSENT.join(', ')})`,
      };
    }
    consent[field] = status;
  }
  return {
    ok: true,
    consent: Object.keys(consent).length > 0 ? consent : undefined,
  };
}

function consentStatusOf(value: unknown): ConsentStatus | undefined {
  const text = String(value).trim();
  if ((CONSENT as readonly string[]).includes(text.toUpperCase())) {
    return text.toUpperCase() as ConsentStatus;
  }
  if (GRANTED.has(text.toLowerCase())) return 'CONSENT_GRANTED';
  if (DENIED.has(text.toLowerCase())) return 'CONSENT_DENIED';
  return undefined;
}
