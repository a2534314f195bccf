/**
 * Before the agent goes Ready: can ContactPad use a microphone? The permission first
 * (navigator.permissions.query({ name: 'microphone' }), where the browser answers it), then:
 * granted -> is one connected; not yet asked -> open one once (the browser asks the agent)
 * and close it again; blocked -> say so. Each failure says plainly what is missing, with a
 * stable code (MICROPHONE_BLOCKED, MICROPHONE_MISSING, MEDIA_UNAVAILABLE).
 */
import { ContactPadError } from '../model/errors.ts';

/** What the check needs of the browser (navigator.mediaDevices and navigator.permissions). */
export interface MicrophoneCheckParts {
  readonly media: Pick<MediaDevices, 'enumerateDevices' | 'getUserMedia'> | undefined;
  readonly permissions: Pick<Permissions, 'query'> | undefined;
}

export function microphoneBlocked(cause?: unknown): ContactPadError {
  return new ContactPadError(
    'MICROPHONE_BLOCKED',
    'ContactPad cannot use a microphone: the browser blocked it for this site. Allow it in the address bar\'s site settings, then try Ready again.',
    cause === undefined ? {} : { cause },
  );
}

export function microphoneMissing(cause?: unknown): ContactPadError {
  return new ContactPadError('MICROPHONE_MISSING', 'No microphone is connected. Connect a headset or a microphone, then try Ready again.', cause === undefined ? {} : { cause });
}

/** The microphone's permission as the browser says it; undefined where it cannot say (Firefox before 131 does not know 'microphone'). */
async function permissionOf(permissions: MicrophoneCheckParts['permissions']): Promise<PermissionState | undefined> {
  try {
    return (await permissions?.query({ name: 'microphone' as PermissionName }))?.state;
  } catch {
    return undefined;
  }
}

/** Resolves when a microphone can be used; rejects with what is missing (see the file comment). */
export async function checkMicrophone({ media, permissions }: MicrophoneCheckParts): Promise<void> {
  if (!media || typeof media.getUserMedia !== 'function') {
    throw new ContactPadError('MEDIA_UNAVAILABLE', 'This browser gives ContactPad no microphone here (the page is not served over HTTPS, or the browser has no media support).');
  }
  const permission = await permissionOf(permissions);
  if (permission === 'denied') throw microphoneBlocked();
  if (permission === 'granted') {
    const inputs = (await media.enumerateDevices()).filter((device) => device.kind === 'audioinput');
    if (inputs.length === 0) throw microphoneMissing();
    return;
  }
  let stream: MediaStream;
  try {
    stream = await media.getUserMedia({ audio: true, video: false });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') throw microphoneBlocked(error);
    if (name === 'NotFoundError' || name === 'OverconstrainedError') throw microphoneMissing(error);
    throw new ContactPadError('MEDIA_UNAVAILABLE', `ContactPad cannot open the microphone: another application may be using it (${name || String(error)}). Close it, then try Ready again.`, { cause: error });
  }
  for (const track of stream.getTracks()) track.stop();
}
