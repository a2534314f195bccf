/**
 * The desks that ring and answer, built together (the switchboard's, and each desk test's):
 * notices, the view projection, agent state and its timers, wrap up and the activity log,
 * voice calls, the agent's audio devices and ringtone. The desks loaded later, off that path, are built
 * from these: screen pop and the picker (screen-pop-desk.ts, with the crm room), Omni-Channel, tabs and presence with the console bridge (console-desks.ts),
 * consult and transfer with the directory (directory-desk.ts).
 */
import type { Clock } from '../model/clock.ts';
import type { ContactPadSettings } from '../model/settings.ts';
import type { Store } from '../store.ts';
import { AgentDesk } from './agent-desk.ts';
import { AudioDesk } from './audio-desk.ts';
import { NoticeDesk } from './notice-desk.ts';
import type { Rooms } from './ports.ts';
import type { ScreenPopDesk } from './screen-pop-desk.ts';
import { loadedOnce } from './loaded-once.ts';
import { ViewDesk } from './view-desk.ts';
import { VoiceDesk } from './voice-desk.ts';
import { WrapUpDesk } from './wrap-up-desk.ts';

/** What every desk is built on. */
export interface DeskGround {
  readonly settings: ContactPadSettings;
  readonly clock: Clock;
  readonly store: Store;
  readonly rooms: Rooms;
}

/** The desks that ring and answer. */
export interface Desks extends DeskGround {
  readonly notices: NoticeDesk;
  readonly view: ViewDesk;
  readonly agent: AgentDesk;
  readonly wrapUp: WrapUpDesk;
  /** Loaded off the ring path, with the crm room it works with (first asked by a ringing call, or preloaded). */
  readonly screenPop: () => Promise<ScreenPopDesk>;
  readonly voice: VoiceDesk;
  readonly audio: AudioDesk;
}

export function openDesks(ground: DeskGround): Desks {
  const { settings, clock, store, rooms } = ground;
  const notices = new NoticeDesk(store);
  const view = new ViewDesk(store, clock, rooms);
  const agent = new AgentDesk(store, clock, settings, view);
  const wrapUp = new WrapUpDesk(settings, clock, rooms, view, agent, notices);
  const screenPop = loadedOnce(() => import('./screen-pop-desk.ts').then(({ ScreenPopDesk }) => new ScreenPopDesk(rooms, view, wrapUp, notices)));
  const voice = new VoiceDesk({ settings, clock, store, rooms, view, agent, wrapUp, screenPop, notices });
  const audio = new AudioDesk(store, rooms, notices);
  agent.checkBeforeReady(() => audio.notReadyReason());
  return { ...ground, notices, view, agent, wrapUp, screenPop, voice, audio };
}
