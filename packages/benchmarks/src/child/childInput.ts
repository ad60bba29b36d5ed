/** The argument `runChild` passes, parsed back in the child. */
export function childInput<T>(): T {
  const text = process.argv[2];
  if (!text) throw new Error('Run by runChild: the input JSON is missing');
  return JSON.parse(text) as T;
}

/** Prints the child's result as the last line of stdout, where runChild reads it. */
export function childResult(result: object): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
