// The targets of a plan as the store holds them, read once per store change and shared by every handler of the
// connection: the targets view (listTargets), the variance analysis, the link list and the briefing all read the
// same plan, and at 2,000 targets one read costs about as much as the rest of a listTargets call.
// Callers get a fresh array each time; the targets in it are frozen, so nothing can change the shared copies.
import type { Target } from '../../shared/domain/target';
import type { Store } from '../store/openStore';
import * as targetsRepo from '../store/targetsRepo';

interface Held {
  /** The store's change key when these were read: any write (here or by another connection) moves it. */
  key: string;
  byPlan: Map<number, readonly Target[]>;
}

const perStore = new WeakMap<Store, Held>();

/** The plan's targets in the plan's order (as targetsRepo.listTargets). */
export function planTargets(db: Store, planId: number): Target[] {
  const key = db.changeKey();
  let held = perStore.get(db);
  if (!held || held.key !== key) perStore.set(db, (held = { key, byPlan: new Map() }));
  let targets = held.byPlan.get(planId);
  if (!targets) {
    targets = targetsRepo.listTargets(db, planId).map((t) => Object.freeze(t));
    held.byPlan.set(planId, targets);
  }
  return targets.slice();
}
