/**
 * A video call's media (model/video-call.ts says what the agent sees of it): the agent's
 * camera, opened when the agent accepts, sent beside the microphone; the caller's picture,
 * received on the same call; and the fall back to audio only when the browser cannot decode the
 * video the caller's app offers. The camera once the call is up (off and on, hold, a camera
 * turned on for a call answered without one) is call-camera.ts's. Loaded with the call control
 * (call-control.ts), off the ring-and-answer bundle.
 *
 * sip.js's public API asks its media stream factory for one stream with the constraints given
 * to accept(); a camera that fails to open would then fail the whole answer. So the call is
 * answered with the microphone only (the factory of audio-devices.ts, as for any call) and the
 * camera, opened here first, joins the answer through a session description handler modifier
 * (Invitation.accept's `sessionDescriptionHandlerModifiers`, which sip.js 0.21 applies to the
 * caller's offer in SessionDescriptionHandler.setDescription, after its own tracks are added
 * and before the offer is set): its track is added to the handler's peer connection then
 * (RTCPeerConnection.addTrack before setRemoteDescription takes the offer's video m= section,
 * JSEP RFC 8829 5.10), so the answer sends video. Without a camera the answer receives only
 * (recvonly: {@link receiveVideoOnly}): the agent sees and hears the caller, the caller hears
 * the agent, and the caller's app knows no picture of the agent comes (until the agent turns a
 * camera on: call-camera.ts offers it then).
 */
import { Web, type Invitation, type InvitationAcceptOptions, type SessionDescriptionHandlerModifier } from 'sip.js';
import type { Clock } from '../model/clock.ts';
import type { CallerPicture, CameraState } from '../model/video-call.ts';
import { ContactPadError } from '../model/errors.ts';
import type { Call } from './call.ts';
import { CallCamera, openCamera, type CameraListener, type CameraSource } from './call-camera.ts';

/** What a video call has once accepted, and its camera switch. */
export interface CallVideo {
  readonly camera: CameraState;
  readonly picture: CallerPicture;
  /** Why the picture is audio only ('' when shown). */
  readonly pictureProblem: string;
  /** The caller's audio and video as the call receives them. */
  readonly remote: MediaStream | undefined;
  /** The agent's camera as it is sent (undefined while it is not on). */
  readonly local: MediaStream | undefined;
  /**
   * Turns the camera on or off (call-camera.ts). INVALID_TRANSITION when the camera's table
   * refuses, or the call carries no video; a camera that does not open (or that the caller does
   * not take) goes to the watchers as CAMERA_UNAVAILABLE, and the call goes on.
   */
  setCamera(on: boolean): Promise<void>;
  /** Hears every change of the camera (turned on or off, paused on hold, back on retrieve, lost); returns the unsubscribe. */
  watchCamera(listener: CameraListener): () => void;
}

interface VideoMedia {
  readonly picture: CallerPicture;
  readonly pictureProblem: string;
  readonly camera: CallCamera;
}

const videoOfCall = new WeakMap<Call, VideoMedia>();

/** RFC 3551 table 5: the static video payload types an offer may use without a=rtpmap. */
const STATIC_VIDEO: Readonly<Record<string, string>> = Object.freeze({ '26': 'jpeg', '31': 'h261', '32': 'mpv', '33': 'mp2t', '34': 'h263' });

/** Formats of a video section that carry no picture of their own (retransmission, redundancy, FEC). */
const NOT_PICTURE = new Set(['rtx', 'red', 'ulpfec', 'flexfec-03']);

/** The picture codecs (lower-case) of the offer's first video m= line with a port; undefined when it offers no video. */
export function offeredVideoCodecs(sdp: string): string[] | undefined {
  const sections = sdp.slice(0, 65_536).split(/\r?\n(?=m=)/);
  const video = sections.find((section) => /^m=video\s+[1-9]\d*\s/.test(section));
  if (!video) return undefined;
  const formats = video.split(/\r?\n/, 1)[0]!.trim().split(/\s+/).slice(3);
  const names = formats.map((format) => {
    const rtpmap = new RegExp(`^a=rtpmap:${format}\\s+([^/\\s]+)`, 'mi').exec(video);
    return (rtpmap?.[1] ?? STATIC_VIDEO[format] ?? `payload type ${format}`).toLowerCase();
  });
  return [...new Set(names.filter((name) => !NOT_PICTURE.has(name)))];
}

/** The video codecs this browser decodes (lower-case), or undefined where it does not say. */
export function browserVideoDecoders(): string[] | undefined {
  const capabilities = typeof RTCRtpReceiver === 'undefined' ? null : RTCRtpReceiver.getCapabilities?.('video');
  return capabilities ? capabilities.codecs.map((codec) => (codec.mimeType.split('/')[1] ?? '').toLowerCase()) : undefined;
}

/**
 * Why the caller's picture cannot be shown ('' when it can): the offer has no video, or only
 * formats the browser does not decode. A browser that does not list its decoders is trusted.
 */
export function pictureProblem(sdp: string, decoders: readonly string[] | undefined): string {
  const offered = offeredVideoCodecs(sdp);
  if (offered === undefined || offered.length === 0) return 'the call offers no video';
  if (decoders === undefined || offered.some((codec) => decoders.includes(codec))) return '';
  return `the caller's app offers only ${offered.join(', ')} video, which this browser cannot decode`;
}

/** Turns the offer's (and the answer's) video sections off (port 0, RFC 3264 6): the call goes on with audio. */
export const refuseVideo: SessionDescriptionHandlerModifier = (description) =>
  Promise.resolve({ ...description, sdp: description.sdp?.replace(/^m=video\s+\d+/gm, 'm=video 0') });

/**
 * The accept options of a video call (Invitation.accept): the camera opened first (its failure
 * noted, the call goes on without it), or the video refused when the browser cannot show it.
 * What it found is what {@link callVideo} reports once the call is up; `clock` bounds the waits
 * of a camera turned on later.
 */
export async function videoAnswer(call: Call, session: Invitation, sdp: string, clock: Clock, media: CameraSource = navigator.mediaDevices): Promise<InvitationAcceptOptions> {
  const problem = pictureProblem(sdp, browserVideoDecoders());
  const audioOnly: InvitationAcceptOptions = { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } };
  if (problem !== '') {
    videoOfCall.set(call, { picture: 'audio-only', pictureProblem: problem, camera: new CallCamera(call, clock, media, { camera: 'none', track: undefined }) });
    return { ...audioOnly, sessionDescriptionHandlerModifiers: [refuseVideo] };
  }
  const opened = await openCamera(media);
  videoOfCall.set(call, { picture: 'shown', pictureProblem: '', camera: new CallCamera(call, clock, media, { camera: opened.track ? 'on' : opened.problem, track: opened.track }) });
  return { ...audioOnly, sessionDescriptionHandlerModifiers: [opened.track ? sendCamera(session, opened.track) : receiveVideoOnly(session)] };
}

/**
 * Makes the answer of a call accepted without a camera receive its video only (recvonly), as it
 * is. sip.js sets every transceiver to the direction the offer allows (sendrecv) just before it
 * creates the answer (SessionDescriptionHandler.updateDirection, SIP.js 0.21.2 lib/platform/web/
 * session-description-handler/session-description-handler.js lines 706-760), and its public API has
 * no option for one transceiver's direction; its modifiers run after the answer is created. So
 * this modifier, given our answer, sets the video transceiver to recvonly and creates the answer
 * again (createAnswer may be called again before setLocalDescription: JSEP RFC 8829 4.1.9);
 * sip.js then sets that one. The caller's offer (the same modifiers are applied to it first) is
 * left as it is.
 */
function receiveVideoOnly(session: Invitation): SessionDescriptionHandlerModifier {
  return async (description) => {
    const handler = session.sessionDescriptionHandler;
    const peer = handler instanceof Web.SessionDescriptionHandler ? handler.peerConnection : undefined;
    const video = peer?.getTransceivers().find((transceiver) => transceiver.receiver.track.kind === 'video' && transceiver.mid !== null);
    if (description.type !== 'answer' || !peer || peer.signalingState !== 'have-remote-offer' || video?.direction !== 'sendrecv') return description;
    video.direction = 'recvonly';
    const answer = await peer.createAnswer();
    return { type: 'answer', sdp: answer.sdp ?? description.sdp };
  };
}

/** Adds the camera's track to the call's peer connection once, before the offer is set (see the file comment). */
function sendCamera(session: Invitation, track: MediaStreamTrack): SessionDescriptionHandlerModifier {
  return (description) => {
    const handler = session.sessionDescriptionHandler;
    const peer = handler instanceof Web.SessionDescriptionHandler ? handler.peerConnection : undefined;
    if (peer && handler instanceof Web.SessionDescriptionHandler && !peer.getSenders().some((sender) => sender.track === track)) {
      handler.localMediaStream.addTrack(track);
      peer.addTrack(track, handler.localMediaStream);
    }
    return Promise.resolve(description);
  };
}

/** The video of an accepted video call; CALL_NOT_FOUND for a call that is not one. */
export function callVideo(call: Call): CallVideo {
  const video = videoOfCall.get(call);
  if (!video) throw new ContactPadError('CALL_NOT_FOUND', 'That call has no video.', { detail: { callId: call.id } });
  const handler = call.session.sessionDescriptionHandler;
  const remote = handler instanceof Web.SessionDescriptionHandler ? handler.remoteMediaStream : undefined;
  const { camera, local } = video.camera.now;
  return {
    camera,
    picture: video.picture,
    pictureProblem: video.pictureProblem,
    remote,
    local,
    setCamera: (on) => {
      if (video.picture === 'audio-only') {
        return Promise.reject(new ContactPadError('INVALID_TRANSITION', 'This video call goes on as a voice call: it carries no camera.', { detail: { callId: call.id } }));
      }
      return video.camera.turn(on);
    },
    watchCamera: (listener) => video.camera.watch(listener),
  };
}
