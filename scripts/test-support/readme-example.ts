// For README tests: the `## Example` code block of a package's README, and the test file it
// must equal (its first line, a comment, dropped; its import of ../src/index.js written as the
// package name), so a test can assert the README shows exactly the code the tests run.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export function readmeExample(
  testDir: string,
  packageName: string,
): { block: string | undefined; example: string } {
  const readme = readFileSync(resolve(testDir, '../README.md'), 'utf8');
  const block = /## Example\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  const example = readFileSync(resolve(testDir, 'readme-example.ts'), 'utf8')
    .split('\n')
    .slice(1)
    .join('\n')
    .replace("from '../src/index.js'", `from '${packageName}'`);
  return { block, example };
}
