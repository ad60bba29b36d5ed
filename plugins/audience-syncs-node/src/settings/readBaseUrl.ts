import { Config } from '@backstage/config';
import { isHttpUrl } from './isHttpUrl';

/**
 * The optional `baseUrl` setting, `defaultUrl` when absent, without trailing slashes. The error
 * names the setting.
 *
 * @public
 */
export function readBaseUrl(settings: Config, defaultUrl: string): string {
  const baseUrl = settings.getOptionalString('baseUrl') ?? defaultUrl;
  if (!isHttpUrl(baseUrl)) {
    throw new Error(`baseUrl: '${baseUrl}' is not an http(s) URL`);
  }
  return baseUrl.replace(/\/+$/, '');
}
