import { Router } from 'express';
import { EmulatorContext } from '../framework/VendorApi';
import { listOf } from './listRoutes';
import {
  sendInvalidResource,
  sendNotFound,
  sendProblem,
} from './mailchimpErrors';
import { MailchimpStore, Member } from './MailchimpStore';
import { memberView, page, segmentView } from './mailchimpViews';
import { pagingErrors } from './pagingErrors';

/** Emails per `members_to_add` and per `members_to_remove`. */
export const MAILCHIMP_MAX_SEGMENT_CHANGES = 500;

/**
 * Segments of an audience: static segments are tags. Lists them (`type` filter), creates them
 * (`static_segment` or, without emulated conditions, `options`), and adds or removes members in batches,
 * ignoring emails not on the audience and reporting them in `errors`.
 */
export function segmentRoutes(
  store: MailchimpStore,
  context: EmulatorContext,
): Router {
  const router = Router();

  router.get('/3.0/lists/:listId/segments', (req, res) => {
    const list = listOf(store, req, res);
    if (!list) return;
    const type = req.query.type;
    const segments = store
      .segments(list.id)
      .filter(s => type === undefined || s.type === type);
    res.json({
      segments: page(segments, req.query).map(segmentView),
      list_id: list.id,
      total_items: segments.length,
    });
  });

  router.post('/3.0/lists/:listId/segments', (req, res) => {
    const list = listOf(store, req, res);
    if (!list) return;
    const { name, static_segment: emails, options } = req.body ?? {};
    if (typeof name !== 'string' || name.trim() === '' || name.length > 100) {
      sendInvalidResource(res, [
        {
          field: 'name',
          message: 'A name of 1 to 100 characters is required.',
        },
      ]);
      return;
    }
    if (emails !== undefined && options !== undefined) {
      sendInvalidResource(res, [
        {
          field: 'static_segment',
          message: 'static_segment and options cannot be used together.',
        },
      ]);
      return;
    }
    if (emails !== undefined && !Array.isArray(emails)) {
      sendInvalidResource(res, [
        { field: 'static_segment', message: 'Schema describes array.' },
      ]);
      return;
    }
    if (store.segmentNamed(list, name.trim())) {
      // Wording is the emulator's: tag names are unique in an audience.
      sendProblem(
        res,
        400,
        'Invalid Resource',
        `A tag or segment named '${name.trim()}' already exists in this audience.`,
      );
      return;
    }
    const segment = store.createSegment(
      list,
      name.trim(),
      options === undefined ? 'static' : 'saved',
    );
    for (const email of emails ?? []) {
      const member =
        typeof email === 'string' ? store.member(list, email) : undefined;
      if (member) store.tag(segment, member);
    }
    res.json(segmentView(segment));
  });

  router.get('/3.0/lists/:listId/segments/:segmentId', (req, res) => {
    const list = listOf(store, req, res);
    if (!list) return;
    const segment = store.segment(list, req.params.segmentId);
    if (segment) res.json(segmentView(segment));
    else sendNotFound(res);
  });

  router.get('/3.0/lists/:listId/segments/:segmentId/members', (req, res) => {
    const list = listOf(store, req, res);
    if (!list) return;
    const segment = store.segment(list, req.params.segmentId);
    if (!segment) {
      sendNotFound(res);
      return;
    }
    const problems = pagingErrors(req.query);
    if (problems.length > 0) {
      context.stats.count('rejectedByLimit');
      sendInvalidResource(res, problems);
      return;
    }
    const members = [...segment.members].map(hash => list.members.get(hash)!);
    res.json({
      members: page(members, req.query).map(m => memberView(store, m)),
      total_items: members.length,
    });
  });

  router.post('/3.0/lists/:listId/segments/:segmentId', (req, res) => {
    const list = listOf(store, req, res);
    if (!list) return;
    const segment = store.segment(list, req.params.segmentId);
    if (!segment) {
      sendNotFound(res);
      return;
    }
    const body = req.body ?? {};
    const toAdd: unknown = body.members_to_add ?? [];
    const toRemove: unknown = body.members_to_remove ?? [];
    for (const [field, value] of [
      ['members_to_add', toAdd],
      ['members_to_remove', toRemove],
    ] as const) {
      if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
        sendInvalidResource(res, [
          { field, message: 'Schema describes array of email addresses.' },
        ]);
        return;
      }
      if (value.length > MAILCHIMP_MAX_SEGMENT_CHANGES) {
        context.stats.count('rejectedByLimit');
        sendInvalidResource(res, [
          {
            field,
            message: `${field} takes at most ${MAILCHIMP_MAX_SEGMENT_CHANGES} email addresses; ${value.length} were given.`,
          },
        ]);
        return;
      }
    }
    if (segment.type !== 'static') {
      sendProblem(
        res,
        400,
        'Invalid Resource',
        'Members can only be added to or removed from static segments (tags).',
      );
      return;
    }
    const notOnList: string[] = [];
    const added: Member[] = [];
    const removed: Member[] = [];
    for (const email of toAdd as string[]) {
      const member = store.member(list, email);
      if (!member) notOnList.push(email);
      else if (store.tag(segment, member)) added.push(member);
    }
    for (const email of toRemove as string[]) {
      const member = store.member(list, email);
      if (!member) notOnList.push(email);
      else if (store.untag(segment, member)) removed.push(member);
    }
    const errors =
      notOnList.length > 0
        ? [
            {
              email_addresses: notOnList,
              // Wording is the emulator's: such emails are ignored.
              error: 'These email addresses are not contacts of this audience.',
            },
          ]
        : [];
    res.json({
      members_added: added.map(m => memberView(store, m)),
      members_removed: removed.map(m => memberView(store, m)),
      errors,
      total_added: added.length,
      total_removed: removed.length,
      error_count: notOnList.length,
    });
  });

  return router;
}
