/** The compiled HiGHS module, as wrangler's CompiledWasm rule imports it: by a path ending in .wasm, which the rule matches (src/publication/worker-solver.ts). */
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
