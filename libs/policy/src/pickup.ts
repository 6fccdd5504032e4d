/** A pickup point as the default choice reads it: its code, its branch and its kind. */
export interface PickupChoicePoint {
  code: string;
  branchCode: string;
  /** `counter` (窓口), `locker` (予約取置室), `bookmobile-station` … */
  kind: string;
}

/** What the default pickup point is chosen from. */
export interface DefaultPickupInput<P extends PickupChoicePoint = PickupChoicePoint> {
  /**
   * The pickup points a hold may be placed at now (active, of active branches), in the order
   * the library lists them: branches in their display order, each branch's points in theirs.
   */
  points: readonly P[];
  /** The pickup point of the patron's latest hold (the API's `lastPickupPointCode`), if any. */
  lastUsedPointCode?: string | null;
  /** The branch of the staff desk placing the hold (予約受付 at the counter), when a librarian places it. */
  deskBranchCode?: string | null;
  /** The patron's home branch, when the library records one. */
  homeBranchCode?: string | null;
}

/** A branch's counter, else its first point; null when the branch offers none. */
function counterOf<P extends PickupChoicePoint>(points: readonly P[], branchCode: string | null | undefined): P | null {
  if (!branchCode) return null;
  const own = points.filter((p) => p.branchCode === branchCode);
  return own.find((p) => p.kind === 'counter') ?? own[0] ?? null;
}

/**
 * The pickup point a hold form starts at (and the API places at when none is given): the one
 * the patron last used, if it is still offered; else the counter of the staff desk placing
 * the hold; else the counter of the patron's home branch; else the first offered branch's
 * counter (its first point when it has no counter). Null only when nothing is offered.
 * A branch without a counter (a bookmobile) gives its first point. The API's placement at the
 * desk, the admin's 予約受付 and the OPAC's hold form all start from it.
 */
export function defaultPickupPoint<P extends PickupChoicePoint>(input: DefaultPickupInput<P>): P | null {
  const { points } = input;
  const last = input.lastUsedPointCode ? points.find((p) => p.code === input.lastUsedPointCode) : undefined;
  if (last) return last;
  return counterOf(points, input.deskBranchCode) ?? counterOf(points, input.homeBranchCode) ?? counterOf(points, points[0]?.branchCode);
}
