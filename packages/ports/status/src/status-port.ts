import { definePort } from '@kompics/kernel';

/** A JSON value: what a status report is made of, so it can go to a page or an API unchanged. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { readonly [key: string]: JsonValue };

/** Asks every provider on the port for a report; each answers with the same `requestId`. */
export class StatusRequest {
  declare private readonly kind: 'status-request';
  constructor(readonly requestId: string) {
    if (typeof requestId !== 'string' || requestId.length === 0)
      throw new TypeError('a status request needs a non-empty requestId');
  }
}

/**
 * One provider's report: `source` names the part reporting (e.g. `ring`, `data`), `report` is
 * its state as JSON. Several providers may share one port (fan-in); a requester collects the
 * responses with its `requestId`.
 */
export class StatusResponse {
  declare private readonly kind: 'status-response';
  constructor(
    readonly requestId: string,
    readonly source: string,
    readonly report: JsonObject,
  ) {
    if (typeof source !== 'string' || source.length === 0)
      throw new TypeError('a status response needs a non-empty source');
  }
}

/** Status: a component's state as JSON, on request. */
export const Status = definePort('Status', {
  requests: [StatusRequest],
  indications: [StatusResponse],
});
export type Status = typeof Status;
