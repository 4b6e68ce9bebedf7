import loadHighs from 'highs';
// wrangler bundles a .wasm import as a compiled WebAssembly.Module (its default CompiledWasm rule).
import highsWasm from '../../node_modules/highs/build/highs.wasm';
import type { Highs, LoadSolver } from './solver.ts';

let instance: Promise<Highs> | undefined;

/**
 * HiGHS inside a Worker: Workers forbid compiling WebAssembly from bytes at run time, so the module
 * wrangler compiled at deploy is instantiated through Emscripten's `instantiateWasm` hook.
 */
export const loadWorkerSolver: LoadSolver = () => {
  const options = {
    instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void) {
      void WebAssembly.instantiate(highsWasm, imports).then(done);
      return {};
    },
  };
  instance ??= loadHighs(options as Parameters<typeof loadHighs>[0]);
  return instance;
};
