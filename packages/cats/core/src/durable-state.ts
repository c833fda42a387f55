import { CodecError } from '@kompics/network';
import { ballotIn, ballotOut, nodesIn, nodesOut, viewIn, viewOut } from './codecs.js';
import type { SliceState } from './slice-state.js';

/** Metadata record names of the data layer's durable state: one record per slice. */
export const SLICE_RECORD_PREFIX = 'cats/slice/';

/** The record name of a slice's durable state. */
export function sliceRecordName(slice: number): string {
  return `${SLICE_RECORD_PREFIX}${slice}`;
}

/**
 * The part of a slice's state that must survive a crash and restart with the same store:
 * the newest view known, whether this node is ready in it and what its data covers, the
 * highest ballot round it used or saw (so a restarted proposer never reuses a ballot), the
 * Paxos acceptor state of the current instance (promised ballot and accepted proposal), and
 * whether the node may hold data of the range (`holdsData`; false once garbage-collected).
 */
export function encodeSlice(state: SliceState): string {
  const a = state.acceptor;
  return JSON.stringify({
    slice: state.slice,
    view: state.view === undefined ? null : viewOut(state.view),
    readyIn: state.readyIn,
    coversBelow: state.coversBelow,
    highestRound: state.highestRound,
    holdsData: state.holdsData,
    acceptor:
      a === undefined
        ? null
        : {
            instance: a.instance,
            promised: ballotOut(a.promised),
            accepted:
              a.accepted === undefined
                ? null
                : { ballot: ballotOut(a.accepted.ballot), members: nodesOut(a.accepted.members) },
          },
  });
}

function count(raw: unknown, what: string): number {
  if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 0)
    throw new CodecError(`durable slice state: ${what} must be a non-negative integer`);
  return raw;
}

/**
 * Restores a slice's durable state from its record into `state` (fresh). Throws a
 * `CodecError` on a record this module did not write.
 */
export function decodeSliceInto(state: SliceState, text: string): void {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new CodecError(`durable slice state is not JSON: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || raw.slice !== state.slice)
    throw new CodecError(`durable slice state of slice ${state.slice} is malformed`);
  state.view = raw.view === null ? undefined : viewIn(raw.view);
  state.readyIn = count(raw.readyIn, 'readyIn');
  state.coversBelow = count(raw.coversBelow, 'coversBelow');
  state.highestRound = count(raw.highestRound, 'highestRound');
  state.holdsData = raw.holdsData === true;
  const a = raw.acceptor as Record<string, unknown> | null;
  if (a !== null && a !== undefined) {
    const accepted = a.accepted as { ballot: unknown; members: unknown } | null;
    state.acceptor = {
      instance: count(a.instance, 'acceptor.instance'),
      promised: ballotIn(a.promised),
      accepted:
        accepted === null || accepted === undefined
          ? undefined
          : { ballot: ballotIn(accepted.ballot), members: nodesIn(accepted.members, 'accepted.members') },
      since: 0,
    };
  }
  if (state.acceptor !== undefined)
    state.highestRound = Math.max(state.highestRound, state.acceptor.promised.round);
}
