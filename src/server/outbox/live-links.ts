/** Shown wherever a one-time link was: staff who need one for a customer send a new one. */
export const HIDDEN_LINK_TEXT = 'link hidden — send a new one';

// A one-time link ends in /portal/link/<token> or /pro/link/<token>, absolute or not.
const LIVE_LINK = /(?:https?:\/\/[^\s"'<>]*)?\/(?:portal|pro)\/link\/[A-Za-z0-9_-]+/g;

/** The text with every one-time sign-in link replaced; nobody, staff included, reads a live link back. */
export function hideLiveLinks<T extends string | null>(text: T): T {
  return (text === null ? null : text.replace(LIVE_LINK, HIDDEN_LINK_TEXT)) as T;
}
