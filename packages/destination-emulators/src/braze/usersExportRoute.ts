import { RequestHandler } from 'express';
import { sendBrazeError } from './brazeErrors';
import { BrazeUser, BrazeUserStore } from './BrazeUserStore';

const MAX_IDS = 50;

/**
 * `POST /users/export/ids`, reduced to what tests read back: profiles by `external_ids`, `email_address` or
 * `phone`, standard attributes at the top level and custom ones under `custom_attributes`.
 */
export function usersExportRoute(users: BrazeUserStore): RequestHandler {
  return (req, res) => {
    const body = req.body ?? {};
    const externalIds: unknown[] = Array.isArray(body.external_ids)
      ? body.external_ids
      : [];
    if (externalIds.length > MAX_IDS) {
      sendBrazeError(
        res,
        400,
        `'external_ids' may hold at most ${MAX_IDS} ids.`,
      );
      return;
    }
    const found: BrazeUser[] = [];
    const invalid: string[] = [];
    for (const id of externalIds) {
      const user = users.find({ external_id: String(id) });
      if (user) found.push(user);
      else invalid.push(String(id));
    }
    for (const key of ['email_address', 'phone'] as const) {
      if (typeof body[key] !== 'string') continue;
      const user = users.find(
        key === 'phone' ? { phone: body.phone } : { email: body[key] },
      );
      if (user) found.push(user);
    }
    res.status(201).json({
      users: found.map(u => users.exported(u)),
      ...(invalid.length > 0 ? { invalid_user_ids: invalid } : {}),
      message: 'success',
    });
  };
}
