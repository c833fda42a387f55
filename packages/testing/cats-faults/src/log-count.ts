import { readFileSync } from 'node:fs';

/** Lines of a log file containing `needle` (0 when the file does not exist). */
export function countLines(file: string, needle: string): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return 0;
  }
  let count = 0;
  for (const line of text.split('\n')) if (line.includes(needle)) count++;
  return count;
}
