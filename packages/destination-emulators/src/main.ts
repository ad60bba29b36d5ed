/* eslint-disable no-console */
import { startDemoEmulators } from './startDemoEmulators';

/**
 * Starts every emulator on its fixed port with the demo credentials and stays up until SIGINT/SIGTERM.
 * Environment: EMULATORS_HOST (default 127.0.0.1) and each emulator's port variable (see demoEmulators.ts).
 */
async function main() {
  const started = await startDemoEmulators({
    host: process.env.EMULATORS_HOST,
  });
  const shutdown = async () => {
    await Promise.all(Object.values(started).map(s => s.emulator.close()));
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  for (const [name, { emulator, summary }] of Object.entries(started)) {
    console.log(`${name.padEnd(10)} ${emulator.url}  ${summary}`);
  }
  console.log(
    'controls   /__control: GET objects, objects/:id/members, stats; POST faults, flush, clock, reset; PUT/DELETE rate-limit',
  );
}

main().catch(error => {
  console.error(`Could not start the emulators: ${error.message}`);
  process.exit(1);
});
