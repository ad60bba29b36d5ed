/**
 * What a vendor emulator holds in the object named `objectName`, read through its `/__control` API. Vendors
 * apply accepted batches later (Facebook and Google process uploads asynchronously); flushing first reads
 * the state the destination settles in.
 */
export async function emulatorMembers(
  emulatorUrl: string,
  objectName: string,
): Promise<string[]> {
  await fetch(`${emulatorUrl}/__control/flush`, { method: 'POST' });
  const { objects } = await (
    await fetch(`${emulatorUrl}/__control/objects`)
  ).json();
  const object = objects.find((o: { name: string }) => o.name === objectName);
  if (!object) {
    throw new Error(`${emulatorUrl} has no object named '${objectName}'`);
  }
  const { members } = await (
    await fetch(`${emulatorUrl}/__control/objects/${object.id}/members`)
  ).json();
  return members;
}
