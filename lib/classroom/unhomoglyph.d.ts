// The package ships its types as an ambient declaration that TypeScript's
// "bundler" resolution does not pick up from the package itself.
declare module 'unhomoglyph' {
  /** Each character of TR39's confusables table replaced by its prototype. */
  const unhomoglyph: (s: string) => string;
  export default unhomoglyph;
}
