/** The first Tab stop of a signed-in page: jumps over the header and navigation to the page's main content. */
export function SkipLink() {
  return (
    <a className="skip-link" href="#main">
      Skip to main content
    </a>
  );
}
