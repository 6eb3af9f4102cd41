import { availableParallelism } from 'node:os';

/** Two threads keep the work at the speed of a second core; more would fight the rest of the machine for it. */
export function defaultThreads(): number {
  return Math.min(2, availableParallelism());
}
