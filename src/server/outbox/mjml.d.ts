// mjml 5 ships no types; only the call Portico makes.
declare module 'mjml' {
  interface MjmlResult {
    html: string;
    errors: Array<{ formattedMessage: string }>;
  }
  export default function mjml2html(
    mjml: string,
    options?: { validationLevel?: 'strict' | 'soft' | 'skip'; minify?: boolean; keepComments?: boolean },
  ): Promise<MjmlResult>;
}
