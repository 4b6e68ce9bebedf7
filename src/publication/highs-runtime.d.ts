/** The compiled HiGHS module, as wrangler's CompiledWasm rule imports it (src/publication/worker-solver.ts). */
declare module 'highs/runtime' {
  const module: WebAssembly.Module;
  export default module;
}
