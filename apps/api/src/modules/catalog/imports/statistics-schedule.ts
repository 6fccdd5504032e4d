/**
 * When an import refreshes the planner's statistics of the catalogue it fills
 * (maintenance.ts refreshPlannerStatistics): each time it has added as many records as the
 * catalogue held at the last refresh, and at least MIN_ADDED.
 *
 * Why: PostgreSQL keeps a statement's plan until the table's statistics change. A city's first
 * import into a nearly empty catalogue would otherwise leave the desk's statements planned for
 * a handful of rows (a check-out's availability update of `records` as a full scan), reading the
 * whole growing table at every check-out until autovacuum next analyses it: measured, 6 million
 * rows read by the desk's statements during one 50,000-record import, and the desk's p95 four
 * times its idle figure (docs/benchmarks.md). Doubling keeps it to a handful of refreshes for a
 * first import and none for a weekly update of a large catalogue.
 */
export class StatisticsSchedule {
  static readonly MIN_ADDED = 1000;
  private addedSince = 0;

  /** `known`: the records the statistics counted when the import began (0 when never analysed). */
  constructor(private known: number) {}

  /** Counts records an import added; true when the statistics should be refreshed now. */
  added(records: number): boolean {
    this.addedSince += records;
    if (this.addedSince < Math.max(StatisticsSchedule.MIN_ADDED, this.known)) return false;
    this.known += this.addedSince;
    this.addedSince = 0;
    return true;
  }
}
