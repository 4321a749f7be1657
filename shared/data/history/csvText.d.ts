/** A `.csv` import is the file's text: esbuild's text loader in the Lambda bundles. */
declare module '*.csv' {
  const text: string;
  export default text;
}

/** A `.br` import is the file's bytes (brotli): esbuild's binary loader in the Lambda bundles. */
declare module '*.br' {
  const bytes: Uint8Array;
  export default bytes;
}
