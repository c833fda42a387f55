/**
 * Module hooks for `alternate.ts`: resolve `@kompics/kernel` to the build given at
 * registration, so that a process runs one commit's simulator on that commit's kernel.
 */
import { pathToFileURL } from 'node:url';

let kernelUrl: string | undefined;

export function initialize(data: { readonly kernel: string }): void {
  kernelUrl = pathToFileURL(`${data.kernel}/index.js`).href;
}

type Resolve = (
  specifier: string,
  context: unknown,
  next: (specifier: string, context: unknown) => Promise<unknown>,
) => Promise<unknown>;

export const resolve: Resolve = async (specifier, context, next) =>
  specifier === '@kompics/kernel' && kernelUrl !== undefined
    ? { url: kernelUrl, shortCircuit: true }
    : next(specifier, context);
