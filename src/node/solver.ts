import loadHighs from 'highs';
import type { Highs, LoadSolver } from '../publication/solver.ts';

let instance: Promise<Highs> | undefined;

/** HiGHS for Node: the loader reads highs.wasm beside itself; one compiled instance per process. */
export const loadNodeSolver: LoadSolver = () => {
  instance ??= loadHighs();
  return instance;
};
