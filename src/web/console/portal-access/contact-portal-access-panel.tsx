/** The portal-access panel on the staff contact page: state, actions and the access timeline. */
export function ContactPortalAccessPanel(_props: { contactId: string }) {
  return null;
}
