import { RequestHandler } from 'express';
import { EmulatorContext } from '../framework/VendorApi';
import {
  BrazeItemError,
  IDENTIFIER_REQUIRED,
  NO_VALID_DATA,
  sendBrazeError,
} from './brazeErrors';
import { aliasOf, BrazeUserStore, isArrayOperation } from './BrazeUserStore';

/** Objects per `/users/track` request, attributes, events and purchases combined. */
export const BRAZE_MAX_OBJECTS_PER_REQUEST = 75;

const ARRAYS = ['attributes', 'events', 'purchases'] as const;
/** One `@`, a non-empty local part, and a dotted domain. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export interface UsersTrackOptions {
  maxObjectsPerRequest: number;
  successStatus: number;
}

/**
 * `POST /users/track`: refuses more objects than the limit and a request without one valid object
 * (400, `errors` by `input_array` and `index`); otherwise processes the valid attributes objects, counts
 * valid events and purchases, and answers success with the invalid objects in `errors`. Membership changes
 * are accepted into the ledger in order: Braze queues writes, so read-back shows them once applied.
 */
export function usersTrackRoute(
  users: BrazeUserStore,
  options: UsersTrackOptions,
  context: EmulatorContext,
): RequestHandler {
  return (req, res) => {
    const body = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      sendBrazeError(res, 400, NO_VALID_DATA);
      return;
    }
    const given = ARRAYS.filter(name => body[name] !== undefined);
    for (const name of given) {
      if (!Array.isArray(body[name])) {
        sendBrazeError(res, 400, `'${name}' must be an array.`);
        return;
      }
    }
    const total = given.reduce((sum, name) => sum + body[name].length, 0);
    if (total > options.maxObjectsPerRequest) {
      context.stats.count('rejectedByLimit');
      // Wording is the emulator's: the limit is documented, the exact message is not.
      sendBrazeError(
        res,
        400,
        `Too many objects: ${total}. A request may hold at most ${options.maxObjectsPerRequest} objects across 'attributes', 'events' and 'purchases'.`,
      );
      return;
    }

    const errors: BrazeItemError[] = [];
    const valid: Record<(typeof ARRAYS)[number], Record<string, unknown>[]> = {
      attributes: [],
      events: [],
      purchases: [],
    };
    for (const name of given) {
      (body[name] as unknown[]).forEach((object, index) => {
        const problem = problemOf(name, object);
        if (problem) errors.push({ type: problem, input_array: name, index });
        else valid[name].push(object as Record<string, unknown>);
      });
    }
    const processed =
      valid.attributes.length + valid.events.length + valid.purchases.length;
    if (processed === 0) {
      sendBrazeError(res, 400, NO_VALID_DATA, errors);
      return;
    }

    for (const object of valid.attributes) {
      const changes = users.track(object) ?? [];
      for (const { value, change, userKey } of changes) {
        context.ledger.accept(value, change, [userKey]);
      }
    }
    res.status(options.successStatus).json({
      message: 'success',
      ...(body.attributes !== undefined
        ? { attributes_processed: valid.attributes.length }
        : {}),
      ...(body.events !== undefined
        ? { events_processed: valid.events.length }
        : {}),
      ...(body.purchases !== undefined
        ? { purchases_processed: valid.purchases.length }
        : {}),
      ...(errors.length > 0 ? { errors } : {}),
    });
  };
}

/** Why Braze would refuse one object, or undefined when it takes it. */
function problemOf(
  array: (typeof ARRAYS)[number],
  object: unknown,
): string | undefined {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    return `Each object in '${array}' must be a JSON object.`;
  }
  const o = object as Record<string, unknown>;
  const identified =
    nonEmpty(o.external_id) ||
    nonEmpty(o.braze_id) ||
    aliasOf(o.user_alias) !== undefined ||
    nonEmpty(o.email) ||
    nonEmpty(o.phone);
  if (!identified) return IDENTIFIER_REQUIRED;
  if (o.email !== undefined && o.email !== null) {
    if (typeof o.email !== 'string' || !EMAIL.test(o.email)) {
      return "The value provided for the 'email' field is not a valid email.";
    }
  }
  if (array === 'events' && !nonEmpty(o.name)) {
    return "'name' is required";
  }
  if (array === 'purchases' && !nonEmpty(o.product_id)) {
    return "'product_id' is required";
  }
  if (array === 'attributes') {
    for (const [key, value] of Object.entries(o)) {
      if (
        isArrayOperation(value) &&
        [...(value.add ?? []), ...(value.remove ?? [])].some(
          v => typeof v !== 'string' && typeof v !== 'number',
        )
      ) {
        return `The value provided for the '${key}' field is not valid: array elements must be strings or numbers.`;
      }
    }
  }
  return undefined;
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}
