/**
 * The screen-pop settings (custom metadata `ContactPad_Screen_Pop_Setting__mdt`, the record
 * named Default) and their shipped values. Kept apart from the rule loader so the
 * controller's screen-pop decision can use the defaults without loading the rules' code.
 */

/** The `ContactPad_Screen_Pop_Setting__mdt` record named Default. */
export interface ScreenPopSettings {
  /** `No_Match_Action__c`: Greeting (a new Lead with the number) or Search. */
  readonly noMatchAction: 'greeting' | 'search';
  /** `Several_Match_Action__c`: Search (the console searches the number, ContactPad shows a picker). */
  readonly severalMatchAction: 'search';
  /** `Caller_Cache_Seconds__c`: how long a caller's identity is reused without a request (0: never). */
  readonly callerCacheSeconds: number;
  /** `Journey_Size__c`: how many recent Tasks the customer journey shows (0 to 50). */
  readonly journeySize: number;
}

/** The shipped settings (force-app customMetadata/ContactPad_Screen_Pop_Setting.Default). */
export const DEFAULT_SCREEN_POP_SETTINGS: ScreenPopSettings = Object.freeze({
  noMatchAction: 'greeting',
  severalMatchAction: 'search',
  callerCacheSeconds: 300,
  journeySize: 5,
});
