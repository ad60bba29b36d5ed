import { Config } from '@backstage/config';

/** The optional `defaultCountryCallingCode` setting (like 1 or 44), without a leading +. The error names the setting. */
export function readCallingCode(settings: Config): string | undefined {
  const value = settings.getOptional('defaultCountryCallingCode');
  if (value === undefined) return undefined;
  const text = String(value).trim();
  if (!/^\+?[1-9]\d{0,2}$/.test(text)) {
    throw new Error(
      `defaultCountryCallingCode: '${text}' is not a country calling code like 1 or 44`,
    );
  }
  return text.replace(/^\+/, '');
}
