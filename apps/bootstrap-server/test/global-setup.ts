// Before the tests: the process tests run the built JavaScript of both apps and of every
// workspace package they use.
import { buildApp } from './support/build.js';

export default function setup(): void {
  buildApp('@cats/bootstrap-server-app');
}
