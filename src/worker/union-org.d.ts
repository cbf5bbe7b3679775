/** The org file's text, bundled by `npm run build:worker -- --org <file>` (an alias in wrangler.toml). */
declare module 'union-org' {
  const text: string;
  export default text;
}
