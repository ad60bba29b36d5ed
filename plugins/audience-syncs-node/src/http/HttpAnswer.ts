/**
 * A vendor's answer to one request, read whole.
 *
 * @public
 */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The body parsed as JSON: `{}` for an empty body, `undefined` for one that is not JSON. */
  body: unknown;
  /** The body as sent, for vendors that answer in text. */
  text: string;
}
