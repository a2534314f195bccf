/**
 * The desks that ring and answer, built together (the switchboard's, and each desk test's):
 * notices, the view projection, agent state and its timers, voice calls, the agent's audio
 * devices and ringtone, the tab or window with the phone. Loaded off that path and built from these: wrap up and the activity log
 * (wrap-up-desk.ts, preloaded at start), screen pop and the picker (screen-pop-desk.ts, with the
 * crm room), Omni-Channel, tabs and presence with the console bridge (console-desks.ts), consult
 * and transfer with the directory (directory-desk.ts).
 */
import type { CallRecord } from '../model/call-record.ts';
import type { Clock } from '../model/clock.ts';
import type { DiagnosticSink } from '../model/diagnostic-log.ts';
import type { ContactPadSettings } from '../model/settings.ts';
import type { Store } from '../store.ts';
import { AgentDesk } from './agent-desk.ts';
import { AudioDesk } from './audio-desk.ts';
import { NoticeDesk } from './notice-desk.ts';
import { PhoneTabDesk } from './phone-tab-desk.ts';
import type { Rooms } from './ports.ts';
import type { ScreenPopDesk } from './screen-pop-desk.ts';
import { loadedOnce, type LoadedOnce } from './loaded-once.ts';
import { ViewDesk } from './view-desk.ts';
import { VoiceDesk } from './voice-desk.ts';
import type { WrapUpDesk } from './wrap-up-desk.ts';

/** What every desk is built on. */
export interface DeskGround {
  readonly settings: ContactPadSettings;
  readonly clock: Clock;
  readonly store: Store;
  readonly rooms: Rooms;
  /** The diagnostic log (problem reports): the errors told, the calls' media figures go there too. */
  readonly diagnostics?: DiagnosticSink;
  /** Where the record of a call lives (model/call-record.ts); default `task` (Open CTI). */
  readonly callRecord?: CallRecord;
}

/** The desks that ring and answer. */
export interface Desks extends DeskGround {
  readonly notices: NoticeDesk;
  readonly view: ViewDesk;
  readonly agent: AgentDesk;
  /**
   * Wrap up and the activity log, loaded off the ring path (preloaded at start: controller.ts
   * preloadLaterDesks); a call's end waits for it, not its ring or its answer.
   */
  readonly wrapUp: LoadedOnce<WrapUpDesk>;
  /** Loaded off the ring path, with the crm room it works with (first asked by a ringing call, or preloaded). */
  readonly screenPop: LoadedOnce<ScreenPopDesk>;
  readonly voice: VoiceDesk;
  readonly audio: AudioDesk;
  /** Which of the agent's tabs or windows has the phone, and the calls of a page that goes. */
  readonly phoneTab: PhoneTabDesk;
}

/** The desks with wrap up loaded: what the desks loaded later (console, directory, outbound...) are built on. */
export interface LoadedDesks extends Omit<Desks, 'wrapUp'> {
  readonly wrapUp: WrapUpDesk;
}

/** `desks` with wrap up loaded (see {@link Desks.wrapUp}). */
export async function loadedDesks(desks: Desks): Promise<LoadedDesks> {
  return { ...desks, wrapUp: await desks.wrapUp() };
}

export function openDesks(ground: DeskGround): Desks {
  const { settings, clock, store, rooms } = ground;
  const callRecord = ground.callRecord ?? 'task';
  const notices = new NoticeDesk(store, ground.diagnostics);
  const view = new ViewDesk(store, clock, rooms);
  const agent = new AgentDesk(store, clock, settings, view);
  const wrapUp = loadedOnce(() => import('./wrap-up-desk.ts').then(({ WrapUpDesk }) => new WrapUpDesk(settings, clock, rooms, view, agent, notices, callRecord)));
  const screenPop = loadedOnce(async () => {
    const [{ ScreenPopDesk }, loadedWrapUp] = await Promise.all([import('./screen-pop-desk.ts'), wrapUp()]);
    return new ScreenPopDesk(rooms, view, loadedWrapUp, notices);
  });
  const voice = new VoiceDesk({ settings, clock, store, rooms, view, agent, wrapUp, screenPop, notices, callRecord });
  const audio = new AudioDesk(store, rooms, notices);
  const phoneTab = new PhoneTabDesk({ store, rooms, view, voice, notices, wrapUp });
  // While the microphone is checked, the phone fetches its credential: Ready registers sooner.
  agent.checkBeforeReady(() => {
    rooms.phone?.prepare?.();
    return audio.notReadyReason();
  });
  return { ...ground, notices, view, agent, wrapUp, screenPop, voice, audio, phoneTab };
}
