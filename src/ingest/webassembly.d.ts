// The part of the WebAssembly API that scan-kernel.ts uses. Node has it all, but its types live
// in TypeScript's DOM library, which a command-line tool has no business including.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: Record<string, never>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
}
