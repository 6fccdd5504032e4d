/**
 * One database probe at a time, shared by the requests that arrive while it is in flight
 * (single flight). `probe()` joins the probe in flight, if any, else starts a new one; once a
 * probe has ended (answered or failed), the next call starts a new one. No outcome is kept:
 * none outlives its probe, so every caller gets the outcome of a probe that was in flight at
 * its call or started by it, i.e. one whose answer (or failure) came after the call.
 */
export class SingleFlightProbe {
  private inFlight?: Promise<void>;

  constructor(private readonly run: () => Promise<unknown>) {}

  probe(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const flight: Promise<void> = Promise.resolve()
      .then(this.run)
      .then(() => undefined)
      .finally(() => {
        // cleared before any caller resumes (their continuations wait for this one): a call
        // made after the probe has ended starts a new one
        if (this.inFlight === flight) this.inFlight = undefined;
      });
    this.inFlight = flight;
    return flight;
  }
}
