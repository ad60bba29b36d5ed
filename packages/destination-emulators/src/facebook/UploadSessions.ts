import { Request } from 'express';

/** The `session` of a multi-request upload, as validated. */
export interface UploadSession {
  session_id: number;
  batch_seq: number;
  last_batch_flag: boolean;
  estimated_num_total?: number;
}

/**
 * The `session` of a users request, in the body (an object or a JSON string, as forms send it) or the
 * query; none is fine. Each field is checked the way Graph checks a parameter: the message names it.
 */
export function readUploadSession(
  req: Request,
): { ok: true; session?: UploadSession } | { ok: false; message: string } {
  let raw: unknown = req.body?.session ?? req.query.session;
  if (raw === undefined) return { ok: true };
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      return { ok: false, message: 'param session must be a JSON object' };
    }
  }
  if (typeof raw !== 'object' || raw === null) {
    return { ok: false, message: 'param session must be a JSON object' };
  }
  const session = raw as Record<string, unknown>;
  const sessionId = wholeNumber(session.session_id);
  if (sessionId === undefined || sessionId < 1) {
    return {
      ok: false,
      message: 'param session[session_id] must be a positive integer',
    };
  }
  const batchSeq = wholeNumber(session.batch_seq);
  if (batchSeq === undefined || batchSeq < 1) {
    return {
      ok: false,
      message: 'param session[batch_seq] must be an integer starting at 1',
    };
  }
  const last = session.last_batch_flag ?? false;
  if (typeof last !== 'boolean') {
    return {
      ok: false,
      message: 'param session[last_batch_flag] must be a boolean',
    };
  }
  const total =
    session.estimated_num_total === undefined
      ? undefined
      : wholeNumber(session.estimated_num_total);
  if (
    session.estimated_num_total !== undefined &&
    (total === undefined || total < 0)
  ) {
    return {
      ok: false,
      message: 'param session[estimated_num_total] must be a whole number',
    };
  }
  return {
    ok: true,
    session: {
      session_id: sessionId,
      batch_seq: batchSeq,
      last_batch_flag: last,
      estimated_num_total: total,
    },
  };
}

/**
 * The upload sessions of each audience and operation. Batches of a session may arrive in any order and
 * again (a retry); once the batch flagged last has arrived, a later batch number is refused, as is a
 * second last batch.
 */
export class UploadSessions {
  readonly #lastBatch = new Map<string, number>();

  clear() {
    this.#lastBatch.clear();
  }

  /** Records the batch; a message when it does not fit its session. */
  receive(scope: string, session: UploadSession): string | undefined {
    const key = `${scope}:${session.session_id}`;
    const last = this.#lastBatch.get(key);
    if (last !== undefined && session.batch_seq > last) {
      return `Upload session ${session.session_id} ended with batch ${last}; batch_seq ${session.batch_seq} cannot be added to it`;
    }
    if (session.last_batch_flag) {
      if (last !== undefined && last !== session.batch_seq) {
        return `Upload session ${session.session_id} already ended with batch ${last}`;
      }
      this.#lastBatch.set(key, session.batch_seq);
    }
    return undefined;
  }
}

function wholeNumber(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? value : undefined;
  }
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) {
    return Number(value);
  }
  return undefined;
}
