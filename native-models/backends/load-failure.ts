// Turns a failed dynamic import() into a one-line reason the user can act on.

export function describeLoadFailure(packageName: string, error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(packageName)) {
    return `package ${packageName} is not installed (an optional dependency; its install downloads libtensorflow)`;
  }
  return `package ${packageName} failed to load: ${message.split('\n')[0]}`;
}

/** import() of a specifier TypeScript must not resolve: the package may be absent. */
export function importOptional(specifier: string): Promise<unknown> {
  return import(specifier);
}
