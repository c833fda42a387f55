/**
 * The version of a stored value: `(sequence, writer)`, ordered lexicographically — first by
 * sequence, then by writer (compared by UTF-16 code units, as JavaScript's `<` does). ABD writes
 * a value with a tag greater than every tag it has read, so two writes never share a tag and a
 * greater tag always means a later write.
 */
export class Tag {
  /** The tag of a key that was never written: lower than every other tag. */
  static readonly ZERO = new Tag(0, '');

  constructor(
    /** A non-negative safe integer. */
    readonly sequence: number,
    /** Who wrote it (e.g. a node or client id); breaks ties between equal sequences. */
    readonly writer: string,
  ) {
    if (!Number.isSafeInteger(sequence) || sequence < 0) {
      throw new RangeError(`a tag's sequence must be a non-negative safe integer, got ${String(sequence)}`);
    }
    if (typeof writer !== 'string')
      throw new TypeError(`a tag's writer must be a string, got ${typeof writer}`);
  }

  /** Negative if `a < b`, zero if equal, positive if `a > b`. Usable as a sort comparator. */
  static compare(a: Tag, b: Tag): number {
    if (a.sequence !== b.sequence) return a.sequence < b.sequence ? -1 : 1;
    if (a.writer === b.writer) return 0;
    return a.writer < b.writer ? -1 : 1;
  }

  /** The greatest of the given tags ({@link Tag.ZERO} for none). */
  static max(...tags: readonly Tag[]): Tag {
    let max = Tag.ZERO;
    for (const tag of tags) if (Tag.compare(tag, max) > 0) max = tag;
    return max;
  }

  /** Like {@link Tag.compare}`(this, other)`. */
  compareTo(other: Tag): number {
    return Tag.compare(this, other);
  }

  /** Whether this tag is strictly greater than `other`. */
  isAfter(other: Tag): boolean {
    return Tag.compare(this, other) > 0;
  }

  equals(other: Tag): boolean {
    return this.sequence === other.sequence && this.writer === other.writer;
  }

  /** The tag a write by `writer` takes after reading this one: `(sequence + 1, writer)`. */
  next(writer: string): Tag {
    return new Tag(this.sequence + 1, writer);
  }

  toString(): string {
    return `${this.sequence}:${this.writer}`;
  }
}
