/**
 * The agent's camera on one answered video call, through the table of model/video-call.ts:
 * turned off and on by the agent, let go while the call is on hold and opened again on
 * retrieve, lost when it is unplugged. Loaded with the call control (video-call.ts), off the
 * ring-and-answer bundle.
 *
 * Sending the camera. When the call's negotiated video lets the agent send
 * (RTCRtpTransceiver.currentDirection sendrecv or sendonly: it was answered with the camera),
 * the new track replaces the sender's (RTCRtpSender.replaceTrack: no renegotiation). Otherwise
 * (answered without a camera, so the answer was recvonly) the transceiver is set to sendrecv
 * and the call is renegotiated with a re-INVITE through sip.js's public Session.invite
 * (hold.ts offerMedia, as hold and retrieve are): sip.js builds the offer from the transceivers
 * (SessionDescriptionHandler.updateDirection, SIP.js 0.21.2 lib/platform/web/
 * session-description-handler/session-description-handler.js lines 676-700, offers a sendrecv
 * transceiver as sendrecv when not holding), and once the caller's answer is applied the caller
 * receives the agent's video. The caller refusing it leaves the camera off, the call as it was.
 *
 * Letting the camera go (turned off, on hold, the call over): its track is stopped, so the
 * browser closes the camera (its light goes off) and nothing more is sent (the sender's track is
 * replaced by none). The microphone is never touched here (hold.ts and mute.ts send or silence
 * only the audio).
 */
import type { Clock } from '../model/clock.ts';
import { ContactPadError } from '../model/errors.ts';
import { CAMERA_FAILED, cameraProblem, cameraRefusedByCaller, cameraUnavailable, canMoveCamera, moveCamera, type CameraEvent, type CameraMoment, type CameraProblem, type CameraState } from '../model/video-call.ts';
import type { Call } from './call.ts';
import type { CallState } from './call-state.ts';
import { errorText } from './error-text.ts';
import { peerConnectionOf } from './far-end.ts';
import { offerMedia } from './hold.ts';

/** The call states in which the camera is let go: the call is on hold, or being held or retrieved. */
const ON_HOLD: ReadonlySet<CallState> = new Set<CallState>(['holding', 'held', 'retrieving', 'transferring-held']);

/** What the agent's camera is now, for the video window. */
export interface CameraNow {
  readonly camera: CameraState;
  /** The agent's camera as the caller receives it; undefined while it is not on. */
  readonly local: MediaStream | undefined;
}

/** Hears each change of the camera, with the notice for the agent when it went off against their wish. */
export type CameraListener = (now: CameraNow, problem: ContactPadError | undefined) => void;

/** Where the camera is opened from (navigator.mediaDevices). */
export type CameraSource = Pick<MediaDevices, 'getUserMedia'> | undefined;

/** Sends `track` on the call's video (see the file comment); resolves with why not ('' when sent). */
async function sendTrack(call: Call, clock: Clock, track: MediaStreamTrack, stillWanted: () => boolean): Promise<string> {
  const transceiver = peerConnectionOf(call)
    ?.getTransceivers()
    .find((candidate) => candidate.receiver.track.kind === 'video' && candidate.mid !== null && candidate.currentDirection !== 'stopped');
  if (!transceiver) return 'the call carries no video';
  await transceiver.sender.replaceTrack(track);
  if (sends(transceiver.currentDirection)) return '';
  const before = transceiver.direction;
  transceiver.direction = 'sendrecv';
  const answer = await offerMedia(call, false, clock, stillWanted);
  if (answer.kind === 'accepted' && sends(transceiver.currentDirection)) return '';
  if (transceiver.currentDirection !== 'stopped') transceiver.direction = before;
  switch (answer.kind) {
    case 'accepted':
      return 'it answered without receiving video';
    case 'refused':
      return answer.status;
    case 'not-sent':
      return errorText(answer.error);
    case 'timed-out':
      return 'no answer';
    case 'call-ended':
      return 'the call ended';
  }
}

/** Opens the camera alone: its track, or why it did not open (getUserMedia's error, model/video-call.ts cameraProblem). */
export async function openCamera(media: CameraSource): Promise<{ track: MediaStreamTrack; problem?: never } | { track?: never; problem: CameraProblem }> {
  try {
    if (!media) throw new DOMException('This browser gives no media devices here.', 'NotFoundError');
    const track = (await media.getUserMedia({ audio: false, video: true })).getVideoTracks()[0];
    return track ? { track } : { problem: 'none' };
  } catch (error) {
    return { problem: cameraProblem(error instanceof Error || error instanceof DOMException ? error.name : '') };
  }
}

function sends(direction: RTCRtpTransceiverDirection | null): boolean {
  return direction === 'sendrecv' || direction === 'sendonly';
}

export class CallCamera {
  readonly #call: Call;
  readonly #clock: Clock;
  readonly #media: CameraSource;
  readonly #listeners = new Set<CameraListener>();
  #state: CameraState;
  /** The camera's track while it is opened for this call (sent, or being sent). */
  #track: MediaStreamTrack | undefined;
  #local: MediaStream | undefined;
  /** Each start counts: a start overtaken by a later one (hold and retrieve meanwhile) lets its track go. */
  #attempt = 0;
  #onHold = false;

  /** `found`: what the accept found (video-call.ts videoAnswer): the camera on with its track, or none, denied or busy. */
  constructor(call: Call, clock: Clock, media: CameraSource, found: { camera: CameraState; track: MediaStreamTrack | undefined }) {
    this.#call = call;
    this.#clock = clock;
    this.#media = media;
    this.#state = found.camera;
    if (found.track) this.#take(found.track);
    call.watch(() => this.#callChanged());
    call.whenEnded(() => this.#letGo());
  }

  get now(): CameraNow {
    return { camera: this.#state, local: this.#state === 'on' ? this.#local : undefined };
  }

  /** Calls `listener` on each change of the camera; returns the unsubscribe. */
  watch(listener: CameraListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Turns the camera off (let go at once) or on (opened and sent; on hold, it waits for the
   * retrieve). INVALID_TRANSITION when the table refuses (nothing changes); a camera that does
   * not open, or that the caller does not take, is told to the watchers (CAMERA_UNAVAILABLE),
   * and the call goes on.
   */
  async turn(on: boolean): Promise<void> {
    if (this.#call.state === 'ending' || this.#call.state === 'ended') {
      throw new ContactPadError('INVALID_TRANSITION', 'The call is over: its camera cannot be turned on or off.', { detail: { callId: this.#call.id } });
    }
    if (!on) {
      this.#move('turn-off');
      this.#letGo();
      return;
    }
    this.#move('turn-on');
    if (this.#onHold) this.#move('hold');
    else await this.#start('turn-on');
  }

  /** Opens the camera and sends it (state starting); gives up when something else moved the camera meanwhile. */
  async #start(moment: CameraMoment): Promise<void> {
    const attempt = ++this.#attempt;
    const current = () => this.#attempt === attempt && this.#state === 'starting';
    const opened = await openCamera(this.#media);
    if (!current()) return opened.track?.stop();
    const track = opened.track;
    if (!track) return this.#fail(CAMERA_FAILED[opened.problem], cameraUnavailable(opened.problem, this.#call.id, moment));
    this.#take(track);
    let why: string;
    try {
      why = await sendTrack(this.#call, this.#clock, track, current);
    } catch (error) {
      why = errorText(error);
    }
    if (!current()) return this.#letGo(track);
    if (why !== '') {
      this.#letGo(track);
      this.#fail('caller-refused', cameraRefusedByCaller(this.#call.id, why));
      return;
    }
    this.#move('opened');
  }

  /** The call went on hold (the camera is let go) or came off it (a camera that was on opens again). */
  #callChanged(): void {
    const onHold = ON_HOLD.has(this.#call.state);
    if (onHold === this.#onHold) return;
    this.#onHold = onHold;
    if (onHold && canMoveCamera(this.#state, 'hold')) {
      this.#letGo();
      this.#move('hold');
    } else if (!onHold && canMoveCamera(this.#state, 'retrieve')) {
      this.#move('retrieve');
      void this.#start('retrieve');
    }
  }

  /** `track` is this call's camera now; its end without us (unplugged, taken) turns the camera off. */
  #take(track: MediaStreamTrack): void {
    this.#track = track;
    this.#local = new MediaStream([track]);
    track.addEventListener('ended', () => {
      if (this.#track !== track || !canMoveCamera(this.#state, 'no-camera')) return;
      this.#letGo(track);
      this.#fail('no-camera', cameraUnavailable('none', this.#call.id, 'lost'));
    });
  }

  /** Closes the camera (`track`, or the one in use) and sends nothing in its place. */
  #letGo(track = this.#track): void {
    if (!track) return;
    track.stop();
    if (this.#track === track) {
      this.#track = undefined;
      this.#local = undefined;
    }
    const sender = peerConnectionOf(this.#call)
      ?.getSenders()
      .find((candidate) => candidate.track === track);
    sender?.replaceTrack(null).catch(() => undefined);
  }

  #move(event: CameraEvent): void {
    this.#state = moveCamera(this.#state, event);
    this.#tell(undefined);
  }

  #fail(event: CameraEvent, problem: ContactPadError): void {
    this.#state = moveCamera(this.#state, event);
    this.#tell(problem);
  }

  /** Tells the watchers; one that throws is logged and never stops the camera's moves. */
  #tell(problem: ContactPadError | undefined): void {
    const now = this.now;
    for (const listener of [...this.#listeners]) {
      try {
        listener(now, problem);
      } catch (error) {
        console.error('ContactPad camera listener failed', error);
      }
    }
  }
}
