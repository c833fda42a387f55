/**
 * Smoothed round-trip time and its variation, as TCP estimates them (Jacobson/Karels, RFC 6298):
 * the timeout is `srtt + 4 · rttvar`.
 */
export class RoundTripEstimator {
  #srtt: number | undefined;
  #rttvar = 0;

  /** Adds one measured round trip. */
  sample(rtt: number): void {
    if (this.#srtt === undefined) {
      this.#srtt = rtt;
      this.#rttvar = rtt / 2;
      return;
    }
    this.#rttvar = 0.75 * this.#rttvar + 0.25 * Math.abs(this.#srtt - rtt);
    this.#srtt = 0.875 * this.#srtt + 0.125 * rtt;
  }

  /** `srtt + 4 · rttvar`, or undefined before the first sample. */
  get timeout(): number | undefined {
    return this.#srtt === undefined ? undefined : this.#srtt + 4 * this.#rttvar;
  }
}
