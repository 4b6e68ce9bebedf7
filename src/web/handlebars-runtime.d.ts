// handlebars/runtime.d.ts exports nothing usable; the runtime has the full library's API surface
// minus the compiler, which is what these types describe.
declare module 'handlebars/runtime.js' {
  import type Handlebars from 'handlebars';

  const runtime: Pick<typeof Handlebars, 'create' | 'template' | 'SafeString' | 'escapeExpression'>;
  export default runtime;
}
