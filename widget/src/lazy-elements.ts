/**
 * The elements an agent does not need to ring and answer a call: the dialogs (consult and
 * transfer, abandon, decline), the wrap-up form, the record picker, the customer journey and the
 * devices panel; the in-call controls of a call under way (timer, mute, line quality), its keypad
 * and its line details, its recording and voicemail drop; the dial pad with the recent numbers
 * and favourites; the caller detail of the selected call (shown once answered), the interaction
 * list (its calls ring and are answered in their call pops), and the caller's labels and "Why this
 * record" (shown once the Salesforce lookup is done, which needs the CRM room, itself loaded off
 * the ring path), and the notices (rendered from the snapshot, so none is lost meanwhile):
 * contact-pad.ts loads these right after the first paint; and the agent status choice (Ready,
 * Not Ready with a reason, Offline), which cp-agent-state.ts loads right after its first paint;
 * and Report a problem's dialog, loaded when the agent first opens it.
 * They are not in the ring-and-answer bundle (`npm run bench` measures it); each loads the
 * first time it is about to show, from the same static resource.
 *
 * An element rendered before its module arrived upgrades when it is defined, and keeps the
 * properties set on it meanwhile (Lit's ReactiveElement restores instance properties set
 * before the upgrade), so a template may render it at once and call {@link loadElement}
 * beside it. Code that calls a method of the element (`show()`, `decline()`) waits for
 * {@link definedElement} first.
 */
const LOADERS = {
  'cp-directory-dialog': () => import('./cp-directory-dialog.ts'),
  'cp-abandon-dialog': () => import('./cp-abandon-dialog.ts'),
  'cp-decline-dialog': () => import('./cp-decline-dialog.ts'),
  'cp-wrap-up-form': () => import('./cp-wrap-up-form.ts'),
  'cp-record-picker': () => import('./cp-record-picker.ts'),
  'cp-journey': () => import('./cp-journey.ts'),
  'cp-call-controls': () => import('./cp-call-controls.ts'),
  'cp-call-recording': () => import('./cp-call-recording.ts'),
  'cp-voicemail-drop': () => import('./cp-voicemail-drop.ts'),
  'cp-keypad': () => import('./cp-keypad.ts'),
  'cp-line-details': () => import('./cp-line-details.ts'),
  'cp-audio-settings': () => import('./cp-audio-settings.ts'),
  'cp-dialer': () => import('./cp-dialer.ts'),
  'cp-interaction-detail': () => import('./cp-interaction-detail.ts'),
  'cp-interaction-list': () => import('./cp-interaction-list.ts'),
  'cp-caller-labels': () => import('./cp-caller-labels.ts'),
  'cp-why-record': () => import('./cp-why-record.ts'),
  'cp-notice-list': () => import('./cp-notice-list.ts'),
  'cp-agent-status-choice': () => import('./cp-agent-status-choice.ts'),
  'cp-problem-report-dialog': () => import('./cp-problem-report-dialog.ts'),
} as const satisfies Record<string, () => Promise<unknown>>;

export type LazyElementTag = keyof typeof LOADERS;

const loading = new Map<LazyElementTag, Promise<void>>();

/** What every load waits for first (see {@link loadLaterAfter}); nothing by default. */
let laterAfter: Promise<void> = Promise.resolve();

/**
 * Holds the loading of these elements until `until` settles: the app holds them until the phone
 * can ring or will not (adapter/src/contactpad.ts phoneSettled), so that at start the phone's own
 * scripts, its credential and its WebSocket have the network and the main thread first. An
 * element wanted meanwhile (the agent opens the devices panel) loads once `until` settles.
 */
export function loadLaterAfter(until: Promise<unknown>): void {
  laterAfter = until.then(
    () => undefined,
    () => undefined,
  );
}

/** Resolves once later loads may start ({@link loadLaterAfter}): for other parts loaded after the first paint (the keyboard shortcuts). */
export function laterLoadsAllowed(): Promise<void> {
  return laterAfter;
}

/**
 * Loads the element's module (once) and resolves when the element is defined. A failed load
 * (the static resource unreachable) is forgotten, so the next use tries again, and rejects.
 */
export function loadElement(tag: LazyElementTag): Promise<void> {
  let load = loading.get(tag);
  if (!load) {
    load = laterAfter
      .then((): Promise<unknown> => LOADERS[tag]())
      .then(() => customElements.whenDefined(tag))
      .then(() => undefined);
    load.catch(() => loading.delete(tag));
    loading.set(tag, load);
  }
  return load;
}

/**
 * The `tag` element in `root`, once its module is loaded and `root`'s pending render is done
 * (`updated`: the host's updateComplete); undefined when the root does not render one.
 */
export async function definedElement<T extends Element>(root: ParentNode, tag: LazyElementTag, updated: Promise<unknown>): Promise<T | undefined> {
  await loadElement(tag);
  await updated;
  return root.querySelector<T>(tag) ?? undefined;
}
