/** A `.csv` import is the file's text: esbuild's text loader in the Lambda bundles. */
declare module '*.csv' {
  const text: string;
  export default text;
}
