/**
 * The outbox's events and its page hash, without the outbox (lib/offline/outbox.ts and `idb`): the
 * entry forms listen to them from the first load, and load the outbox only when they use it.
 */
/** Dispatched on the window when the outbox changed. */
export const OUTBOX_EVENT = "tamkin:outbox";
/**
 * Asks the entry forms of the page to re-open an entry (the event's detail): the form it belongs to
 * takes it (and cancels the event); none did, the badge opens the entry's page.
 */
export const OUTBOX_EDIT_EVENT = "tamkin:outbox-edit";
/** The hash of a page opened to correct an entry of its outbox: `#outbox-edit=<key>`. */
export const OUTBOX_EDIT_HASH = "outbox-edit=";
/**
 * Entries re-opened in their form on this page: the outbox does not send them while they are being
 * corrected (saved again, or the correction cancelled, they are released).
 */
export const heldKeys = new Set<string>();
