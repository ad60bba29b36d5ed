import express, { Router } from 'express';
import { RunningEmulator } from './types';

/**
 * `/__control`: the emulator's test and demo controls, the same on every vendor.
 * - `GET  /objects` — the objects, `{ objects: [{ id, name }] }`
 * - `GET  /objects/:objectId/members` — `{ objectId, members: [...] }`, applied identifiers, sorted
 * - `POST /faults` `{ errorRate?, throttleRate?, timeoutRate?, latencyMs?, seed? }` — replaces the faults
 * - `PUT  /rate-limit` `{ requests, perSeconds }`; `DELETE /rate-limit` turns it off
 * - `POST /flush` — applies accepted changes now, `{ applied }`
 * - `POST /clock` `{ advanceMs }` — moves the emulator's clock forward
 * - `POST /reset` — back to the state right after start
 * - `GET  /stats` — requests, throttled, rejectedByLimit, injectedErrors, timedOut, byStatus, pendingChanges
 */
export function controlRouter(emulatorOf: () => RunningEmulator): Router {
  const router = Router();
  router.use(express.json());

  router.get('/objects', (_req, res) => {
    res.json({ objects: emulatorOf().objects() });
  });
  router.get('/objects/:objectId/members', (req, res) => {
    const { objectId } = req.params;
    res.json({ objectId, members: emulatorOf().members(objectId) });
  });
  router.post('/faults', (req, res) => {
    answer(res, () => emulatorOf().setFaults(req.body ?? {}));
  });
  router.put('/rate-limit', (req, res) => {
    answer(res, () =>
      emulatorOf().setRateLimit({
        requests: req.body?.requests,
        perSeconds: req.body?.perSeconds,
      }),
    );
  });
  router.delete('/rate-limit', (_req, res) => {
    emulatorOf().setRateLimit(null);
    res.status(204).end();
  });
  router.post('/flush', (_req, res) => {
    res.json({ applied: emulatorOf().flush() });
  });
  router.post('/clock', (req, res) => {
    answer(res, () => emulatorOf().advanceClock(req.body?.advanceMs));
  });
  router.post('/reset', (_req, res) => {
    emulatorOf().reset();
    res.status(204).end();
  });
  router.get('/stats', (_req, res) => {
    res.json(emulatorOf().stats());
  });
  return router;
}

function answer(res: express.Response, action: () => void) {
  try {
    action();
    res.status(204).end();
  } catch (error) {
    res.status(400).json({ error: (error as Error).message });
  }
}
