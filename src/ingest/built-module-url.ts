/**
 * The URL of a built module from its path under the build's root (`dist/`), such as
 * `ingest/scan-worker.js`: what a worker thread is started from, or imports its sink from.
 *
 * Resolved from this module's own place, one folder under the root. The CLI's bundle
 * (`dist/cli/main.bundle.js`, which carries this module inside it) sits one folder under the root
 * too, so the same path finds the same file from either; a path relative to each calling module
 * would point into `dist/cli/` once bundled. Under the test runner it points at the sources, where
 * no `.js` module is: the callers then read in this thread, as they do with no threads at all.
 */
export function builtModuleUrl(pathUnderRoot: string): URL {
  return new URL(`../${pathUnderRoot}`, import.meta.url);
}
