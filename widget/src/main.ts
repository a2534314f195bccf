/**
 * The bundle's entry (the static resource's main.js): the Visualforce host page, or the
 * local console's stand-in for it, calls {@link startContactPadApp}. Filled in by the lead.
 */
export interface ContactPadAppOptions {
  /** Where to mount <contact-pad>. */
  readonly mount: HTMLElement;
  /** The Salesforce session the host page hands over (never logged). */
  readonly crm: { readonly instanceUrl: string; readonly accessToken: string; readonly jsforceUrl: string };
}

export async function startContactPadApp(options: ContactPadAppOptions): Promise<void> {
  options.mount.textContent = 'ContactPad is starting';
}
