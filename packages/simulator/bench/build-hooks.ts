/**
 * Module hooks for `alternate.ts`: resolve chosen `@kompics/*` packages (the kernel, the
 * Network port) to the builds given at registration, so that a process runs one commit's
 * simulator on that commit's packages.
 */
import { pathToFileURL } from 'node:url';

/** Package name to the URL of its build's `index.js`. */
const builds = new Map<string, string>();

export function initialize(data: { readonly packages: Readonly<Record<string, string>> }): void {
  for (const [name, dir] of Object.entries(data.packages)) {
    builds.set(name, pathToFileURL(`${dir}/index.js`).href);
  }
}

type Resolve = (
  specifier: string,
  context: unknown,
  next: (specifier: string, context: unknown) => Promise<unknown>,
) => Promise<unknown>;

export const resolve: Resolve = async (specifier, context, next) => {
  const url = builds.get(specifier);
  return url !== undefined ? { url, shortCircuit: true } : next(specifier, context);
};
