// The browser's stand-in for Node's https (next.config.ts aliases it).
// dockerfile-language-service requires https to list an image's tags on
// Docker Hub while completing FROM; the bundler's polyfill for it brings
// code that probes for eval (refused by the pages' policy), and the page
// may not talk to Docker Hub anyway. The lookup fails at once, which the
// service answers with no tags.
export function get(): never {
  throw new Error('Docker Hub is not reached from the browser');
}
