/**
 * The in-call controls of a live call: mute and unmute, keypad tones, and the line's quality.
 * Not needed to ring and answer, so the switchboard loads this desk with the first call that
 * connects (controller.ts), off the ring path.
 *
 *   mute / unmute -> phone.mute / unmute -> the fact `muted` (model/in-call-facts.ts) -> the view
 *   send-dtmf     -> the keys checked (model/dtmf.ts: INVALID_INPUT names a bad one, nothing is
 *                    sent) -> phone.sendDtmf, the way the call center says (dtmfMethod); tones
 *                    that went as SIP INFO because the call cannot carry them are said once a call
 *   connected     -> the line read every QUALITY_SAMPLE_MS on the clock while the call is under
 *                    way (figures taken while connected, not while held), classed
 *                    (model/call-quality.ts) and shown; a poor line warns the agent once per
 *                    degradation (CALL_QUALITY_POOR); each reading goes to the diagnostic log,
 *                    and a summary of them once the call has ended (or is no longer under way)
 *                    (model/call-stats.ts); a video call's camera and the caller's
 *                    picture go to the video desk (video-desk.ts, loaded with the first video call)
 *   camera on / off -> the video desk
 */
import { classifyCallQuality, FIRST_QUALITY_WATCH, poorLineMessage, qualityFigures, watchCallQuality, type MediaCounters, type QualityWatch } from '../model/call-quality.ts';
import { foldCallStats, readingLine, summaryLine, type CallStatsSummary } from '../model/call-stats.ts';
import { dtmfTones } from '../model/dtmf.ts';
import { ContactPadError } from '../model/errors.ts';
import { withMuted } from '../model/in-call-facts.ts';
import { isInProgress } from '../model/interaction-state.ts';
import type { Desks } from './desks.ts';
import { loadedOnce } from './loaded-once.ts';

/** How often the line of a connected call is read (RTCPeerConnection.getStats). */
export const QUALITY_SAMPLE_MS = 5000;

/** What the desk keeps of a call whose line it reads. */
interface LineWatch {
  previous: MediaCounters | undefined;
  quality: QualityWatch;
  /** The readings so far, for the diagnostic log's summary. */
  stats: CallStatsSummary | undefined;
  cancel: () => void;
}

export class InCallDesk {
  readonly #desks: Desks;
  readonly #lines = new Map<string, LineWatch>();
  /** Calls whose agent was told that keypad tones go as SIP INFO. */
  readonly #toldInfo = new Set<string>();
  /** Video calls: the camera and the caller's picture (video-desk.ts), loaded with the first video call. */
  readonly #video = loadedOnce(() => import('./video-desk.ts').then(({ VideoDesk }) => new VideoDesk(this.#desks)));

  constructor(desks: Desks) {
    this.#desks = desks;
    desks.view.listen({ finished: (id) => this.#forget(id), removed: (id) => this.#forget(id) });
  }

  /** Silences the agent's microphone on the call (held or not); the far end hears silence. */
  mute(id: string): Promise<void> {
    return this.#setMuted(id, true);
  }

  /** Gives the microphone back. */
  unmute(id: string): Promise<void> {
    return this.#setMuted(id, false);
  }

  async #setMuted(id: string, muted: boolean): Promise<void> {
    const { view, rooms } = this.#desks;
    view.requireAction(id, muted ? 'mute' : 'unmute');
    const phone = rooms.requirePhone();
    await (muted ? phone.mute(id) : phone.unmute(id));
    const state = view.stateOf(id);
    if (state !== undefined && isInProgress(state)) view.changeFacts(id, (facts, interaction) => withMuted(facts, interaction, muted));
  }

  /** Sends the keys on a connected call; a key that is none is refused (INVALID_INPUT) before anything is sent. */
  async sendDtmf(id: string, digits: string): Promise<void> {
    const { view, rooms, settings, notices } = this.#desks;
    view.requireAction(id, 'send-dtmf');
    const tones = dtmfTones(digits);
    const sent = await rooms.requirePhone().sendDtmf(id, tones, settings.dtmfMethod);
    if (!sent.fellBack || this.#toldInfo.has(id)) return;
    this.#toldInfo.add(id);
    notices.notify(
      new ContactPadError('DTMF_SENT_AS_INFO', 'This call cannot carry keypad tones in its audio (the far end offered no telephone-event), so they are sent as SIP INFO.', {
        detail: { interactionId: id },
      }),
    );
  }

  /** Turns the agent's camera on or off on a video call (the video desk). */
  async camera(id: string, on: boolean): Promise<void> {
    await (await this.#video()).camera(id, on);
  }

  /** A call connected: its line is read every {@link QUALITY_SAMPLE_MS} while it is under way; a video call's camera and picture go to the video desk. */
  watch(id: string): void {
    if (this.#lines.has(id) || this.#desks.view.stateOf(id) !== 'connected') return;
    if (this.#desks.view.interaction(id)?.channel === 'video') this.#video.run((video) => video.connected(id), (error) => this.#desks.notices.notify(error));
    const line: LineWatch = { previous: undefined, quality: FIRST_QUALITY_WATCH, stats: undefined, cancel: () => undefined };
    this.#lines.set(id, line);
    this.#next(id, line);
  }

  /** The call ended (its media with it): no more readings; their summary goes to the diagnostic log now. */
  ended(id: string): void {
    this.#forget(id);
  }

  #next(id: string, line: LineWatch): void {
    line.cancel = this.#desks.clock.schedule(() => void this.#sample(id, line), QUALITY_SAMPLE_MS);
  }

  async #sample(id: string, line: LineWatch): Promise<void> {
    const { view, rooms, notices } = this.#desks;
    const state = view.stateOf(id);
    if (this.#lines.get(id) !== line) return;
    if (state === undefined || !isInProgress(state)) return this.#forget(id);
    if (state === 'connected' && rooms.phone) {
      try {
        const counters = await rooms.phone.mediaStats(id);
        if (this.#lines.get(id) !== line) return; // the call ended meanwhile
        const quality = classifyCallQuality(qualityFigures(line.previous, counters));
        line.previous = counters;
        line.stats = foldCallStats(line.stats, counters, quality, this.#desks.clock.now());
        this.#desks.diagnostics?.add('media', readingLine(id, counters, quality));
        const { watch, warn } = watchCallQuality(line.quality, quality);
        line.quality = watch;
        view.setQuality(id, quality);
        if (warn) notices.notify(new ContactPadError('CALL_QUALITY_POOR', poorLineMessage(quality), { detail: { interactionId: id } }));
      } catch {
        // No figures this time (the call is ending, or its media is being set up again): the next reading tells.
      }
      if (this.#lines.get(id) !== line) return;
    }
    this.#next(id, line);
  }

  #forget(id: string): void {
    const line = this.#lines.get(id);
    if (line) {
      line.cancel();
      this.#desks.diagnostics?.add('media', summaryLine(id, line.stats));
    }
    this.#lines.delete(id);
    this.#toldInfo.delete(id);
  }
}
