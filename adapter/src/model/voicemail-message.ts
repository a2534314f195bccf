/**
 * A pre-recorded voicemail message an agent can drop into an outbound call that reached a
 * voicemail: the custom metadata records admins keep in Setup (ContactPad Voicemail Message,
 * read by crm/voicemail-messages.ts). What an admin typed can be wrong: {@link checkVoicemailMessage}
 * says why a record cannot be used, and that record is left out of the agent's list.
 */

/** One message as the agent picks it. */
export interface VoicemailMessage {
  /** The record's DeveloperName: the drop names the message by it. */
  readonly id: string;
  /** What the agent reads (the record's label), and what the Task says was dropped. */
  readonly label: string;
  /** Where the browser fetches the audio: a static resource path (`/resource/...`) or an https URL. */
  readonly audioUrl: string;
}

/** Longest label kept (the custom metadata Label is 40 characters; a little room for translations). */
export const MAX_MESSAGE_LABEL = 80;

/** Longest audio URL accepted (the field is Text 255). */
export const MAX_AUDIO_URL = 255;

/**
 * Checks one record's fields: the message, or why it cannot be used. The audio must come from
 * this org's static resources (`/resource/<name>` or `/resource/<name>/<file in the zip>`, on
 * the softphone page's own origin) or an https URL; anything else (http, javascript:, other
 * relative paths, spaces, quotes) is refused.
 */
export function checkVoicemailMessage(raw: { readonly id: unknown; readonly label: unknown; readonly audioUrl: unknown }): VoicemailMessage | string {
  const id = typeof raw.id === 'string' ? raw.id.trim() : '';
  if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(id)) return 'it has no usable name (DeveloperName)';
  const label = typeof raw.label === 'string' ? raw.label.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim() : '';
  if (label === '') return 'it has no label';
  const audioUrl = typeof raw.audioUrl === 'string' ? raw.audioUrl.trim() : '';
  if (audioUrl === '') return 'its Audio URL is empty';
  if (audioUrl.length > MAX_AUDIO_URL || !isAudioLocation(audioUrl)) {
    return 'its Audio URL is neither a static resource path (/resource/<name>) nor an https:// URL';
  }
  return Object.freeze({ id, label: Array.from(label).slice(0, MAX_MESSAGE_LABEL).join(''), audioUrl });
}

function isAudioLocation(url: string): boolean {
  if (/[\s"'<>\\]/.test(url)) return false;
  if (/^\/resource\/[A-Za-z0-9_./%-]+$/.test(url)) return !url.split('/').includes('..');
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * Voicemail drop as the agent sees it on an outbound call while it is connected: the messages
 * they may drop (the admin's list), and the one whose audio is loading. Kept in the call's facts
 * (interaction-facts.ts `voicemail`).
 */
export interface VoicemailDropView {
  readonly messages: readonly Pick<VoicemailMessage, 'id' | 'label'>[];
  /** The id of the message being loaded and dropped; the agent cannot drop another meanwhile. */
  readonly dropping?: string;
}
