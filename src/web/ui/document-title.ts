import { useEffect } from 'react';

/** Names the browser tab after the page ("Customers · Portico"), so tabs and history tell pages apart. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · Portico`;
  }, [title]);
}
