import { Request, Response, Router } from 'express';
import { EmulatorContext } from '../framework/VendorApi';
import {
  FieldError,
  sendInvalidResource,
  sendNotFound,
  sendProblem,
} from './mailchimpErrors';
import {
  MailchimpList,
  MailchimpStore,
  MERGE_FIELD_TYPES,
  MergeFieldType,
  subscriberHash,
} from './MailchimpStore';
import { listView, memberView, mergeFieldView, page } from './mailchimpViews';
import { MemberError, upsertMember } from './upsertMember';

/** Members per batch subscribe request. */
export const MAILCHIMP_MAX_MEMBERS_PER_BATCH = 500;

/** The list of the `:listId` path parameter, or a 404 answered. */
export function listOf(
  store: MailchimpStore,
  req: Request,
  res: Response,
): MailchimpList | undefined {
  const list = store.list(req.params.listId);
  if (!list) sendNotFound(res);
  return list;
}

/**
 * Audiences, batch subscribe, members by subscriber hash with their tags and merge
 * fields, plus `GET /ping`.
 */
export function listRoutes(
  store: MailchimpStore,
  context: EmulatorContext,
): Router {
  const router = Router();

  router.get('/3.0/ping', (_req, res) => {
    res.json({ health_status: "Everything's Chimpy!" });
  });

  router.get('/3.0/lists', (req, res) => {
    const lists = store.lists();
    res.json({
      lists: page(lists, req.query).map(listView),
      total_items: lists.length,
    });
  });

  router.post('/3.0/lists', (req, res) => {
    const body = req.body ?? {};
    const errors: FieldError[] = [];
    if (typeof body.name !== 'string' || body.name.trim() === '') {
      errors.push({
        field: 'name',
        message: 'This value should not be blank.',
      });
    }
    for (const field of ['contact', 'campaign_defaults']) {
      if (typeof body[field] !== 'object' || body[field] === null) {
        errors.push({ field, message: 'This value should not be blank.' });
      }
    }
    if (typeof body.permission_reminder !== 'string') {
      errors.push({
        field: 'permission_reminder',
        message: 'This value should not be blank.',
      });
    }
    if (typeof body.email_type_option !== 'boolean') {
      errors.push({
        field: 'email_type_option',
        message: 'This value should be of type boolean.',
      });
    }
    if (errors.length > 0) {
      sendInvalidResource(res, errors);
      return;
    }
    const list = store.createList({
      name: body.name.trim(),
      contact: body.contact,
      permission_reminder: body.permission_reminder,
      campaign_defaults: body.campaign_defaults,
      email_type_option: body.email_type_option,
    });
    res.json(listView(list));
  });

  router.get('/3.0/lists/:listId', (req, res) => {
    const list = listOf(store, req, res);
    if (list) res.json(listView(list));
  });

  router.post('/3.0/lists/:listId', (req, res) => {
    const list = listOf(store, req, res);
    if (!list) return;
    const body = req.body ?? {};
    if (!Array.isArray(body.members)) {
      sendInvalidResource(res, [
        {
          field: 'members',
          message: 'Schema describes array, NULL found instead',
        },
      ]);
      return;
    }
    if (body.members.length > MAILCHIMP_MAX_MEMBERS_PER_BATCH) {
      context.stats.count('rejectedByLimit');
      sendInvalidResource(res, [
        {
          field: 'members',
          message: `Batch subscribe takes at most ${MAILCHIMP_MAX_MEMBERS_PER_BATCH} members; ${body.members.length} were given.`,
        },
      ]);
      return;
    }
    const options = {
      request: 'batch' as const,
      updateExisting: body.update_existing === true,
      skipMergeValidation: req.query.skip_merge_validation === 'true',
    };
    const created: unknown[] = [];
    const updated: unknown[] = [];
    const errors: MemberError[] = [];
    for (const input of body.members) {
      const result = upsertMember(store, list, input ?? {}, options);
      if (!result.ok) errors.push(result.error);
      else
        (result.created ? created : updated).push(
          memberView(store, result.member),
        );
    }
    res.json({
      new_members: created,
      updated_members: updated,
      errors,
      total_created: created.length,
      total_updated: updated.length,
      error_count: errors.length,
    });
  });

  router.get('/3.0/lists/:listId/members/:hash', (req, res) => {
    const list = listOf(store, req, res);
    if (!list) return;
    const member = list.members.get(req.params.hash.toLowerCase());
    if (member) res.json(memberView(store, member));
    else sendNotFound(res);
  });

  router.put('/3.0/lists/:listId/members/:hash', (req, res) => {
    const list = listOf(store, req, res);
    if (!list) return;
    const email = req.body?.email_address;
    if (
      typeof email !== 'string' ||
      subscriberHash(email) !== req.params.hash.toLowerCase()
    ) {
      sendInvalidResource(res, [
        {
          field: 'email_address',
          message:
            'The subscriber hash in the URL must be the MD5 hash of the lower-cased email_address.',
        },
      ]);
      return;
    }
    const result = upsertMember(store, list, req.body, {
      request: 'put',
      updateExisting: true,
      skipMergeValidation: req.query.skip_merge_validation === 'true',
    });
    if (!result.ok) {
      sendProblem(res, 400, 'Invalid Resource', result.error.error, [
        { field: result.error.field, message: result.error.field_message },
      ]);
      return;
    }
    res.json(memberView(store, result.member));
  });

  router.post('/3.0/lists/:listId/members/:hash/tags', (req, res) => {
    const list = listOf(store, req, res);
    if (!list) return;
    const member = list.members.get(req.params.hash.toLowerCase());
    if (!member) {
      sendNotFound(res);
      return;
    }
    const tags = req.body?.tags;
    if (
      !Array.isArray(tags) ||
      tags.some(
        t =>
          typeof t?.name !== 'string' ||
          t.name.trim() === '' ||
          (t.status !== 'active' && t.status !== 'inactive'),
      )
    ) {
      sendInvalidResource(res, [
        {
          field: 'tags',
          message: 'Each tag needs a name and a status of active or inactive.',
        },
      ]);
      return;
    }
    for (const { name, status } of tags) {
      const existing = store.segmentNamed(list, name.trim(), 'static');
      if (status === 'active') {
        store.tag(
          existing ?? store.createSegment(list, name.trim(), 'static'),
          member,
        );
      } else if (existing) {
        store.untag(existing, member);
      }
    }
    res.status(204).end();
  });

  router.get('/3.0/lists/:listId/merge-fields', (req, res) => {
    const list = listOf(store, req, res);
    if (!list) return;
    res.json({
      merge_fields: page(list.mergeFields, req.query).map(mergeFieldView),
      list_id: list.id,
      total_items: list.mergeFields.length,
    });
  });

  router.post('/3.0/lists/:listId/merge-fields', (req, res) => {
    const list = listOf(store, req, res);
    if (!list) return;
    const { name, type } = req.body ?? {};
    const tag = String(req.body?.tag ?? (typeof name === 'string' ? name : ''))
      .toUpperCase()
      .replace(/[^A-Z0-9_]/g, '')
      .slice(0, 10);
    const errors: FieldError[] = [];
    if (typeof name !== 'string' || name.trim() === '') {
      errors.push({
        field: 'name',
        message: 'This value should not be blank.',
      });
    }
    if (!(MERGE_FIELD_TYPES as readonly unknown[]).includes(type)) {
      errors.push({
        field: 'type',
        message: `Must be one of ${MERGE_FIELD_TYPES.join(', ')}`,
      });
    }
    if (tag === '' || list.mergeFields.some(f => f.tag === tag)) {
      errors.push({
        field: 'tag',
        message: tag ? `The tag ${tag} is already used.` : 'Invalid tag.',
      });
    }
    if (errors.length > 0) {
      sendInvalidResource(res, errors);
      return;
    }
    const field = store.addMergeField(list, {
      tag,
      name: name.trim(),
      type: type as MergeFieldType,
      required: req.body?.required === true,
    });
    res.json(mergeFieldView(field));
  });

  return router;
}
