/**
 * Moves an answered call to another microphone without a re-INVITE: the new track replaces
 * the old one in the call's RTP sender (RTCRtpSender.replaceTrack), and the old one is
 * closed. The audio sent keeps its muted or held silence (the new track is enabled as the old
 * one was: mute.ts and hold.ts silence the sender's track). Loaded with the call control.
 *
 * sip.js 0.21.2 keeps the call's microphone in its SessionDescriptionHandler's local stream
 * and swaps it only through setLocalMediaStream, which is protected (lib/platform/web/
 * session-description-handler/session-description-handler.d.ts line 222). Its public getters
 * give the peer connection and that same MediaStream object, so the track is replaced in the
 * sender and in that stream, as setLocalMediaStream does (session-description-handler.js lines
 * 444-471): sip.js then closes the new track with the call (close() stops every sender's track)
 * and a later re-INVITE with the same constraints keeps it (getLocalMediaStream, line 421).
 */
import { Web } from 'sip.js';
import type { Call } from './call.ts';

/**
 * Gives `call` the microphone `open` opens; with `onlyFrom`, only when the call uses that
 * device now (or its track has ended: the device was unplugged). A call that sends no
 * microphone track of its own (not answered yet, or mixed into a conference: conference.ts
 * sends a Web Audio mix) is left as it is. Resolves true when the call was moved.
 */
export async function switchMicrophone(call: Call, open: () => Promise<MediaStream>, onlyFrom?: string): Promise<boolean> {
  const handler = call.sipSession.sessionDescriptionHandler;
  if (!(handler instanceof Web.SessionDescriptionHandler)) return false;
  const sender = handler.peerConnection?.getSenders().find((candidate) => candidate.track?.kind === 'audio');
  const old = sender?.track;
  // A device's track says which device it is; a mixed (Web Audio) track has no deviceId.
  const device = old?.getSettings().deviceId;
  if (!sender || !old || device === undefined) return false;
  if (onlyFrom !== undefined && device !== onlyFrom && old.readyState !== 'ended') return false;
  const stream = await open();
  const track = stream.getAudioTracks()[0];
  if (!track) return false;
  if (call.state === 'ending' || call.state === 'ended' || sender.track !== old) {
    // The call ended, or something else replaced its track, while the microphone opened.
    track.stop();
    return false;
  }
  track.enabled = old.enabled;
  await sender.replaceTrack(track);
  const local = handler.localMediaStream;
  local.removeTrack(old);
  local.addTrack(track);
  old.stop();
  return true;
}
