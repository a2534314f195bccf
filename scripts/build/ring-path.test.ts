/**
 * What an agent's browser loads before ContactPad can ring and answer: main.js and the chunks
 * it reaches through static imports (scripts/bench/bundle-size.ts counts the same files). It
 * must hold what ringing and answering need, and none of what issue 9 moved behind a dynamic
 * import to load later: the call control (dialling out, hold, transfer, media figures), the
 * console desks (Omni-Channel, console tabs, presence) and the directory desk. Nothing else
 * stops a later change from importing one of them statically and silently growing that first
 * download, so this reads one real build of app/main.ts with rollup.config.mjs (in memory,
 * about 3 s) and checks the source modules in each chunk by their paths.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'rollup';
import { PROJECT_ROOT } from './bundle-paths.ts';
import { buildApp, staticallyReachable } from '../bench/bundle-size.ts';

/** Loaded later, by `import()`: never on the ring path. */
const LAZY = [
  // The agent's devices: listing and following them, the microphone check before Ready, a live
  // call's microphone switch (telephony/audio-devices.ts and calls.ts load them), the devices panel.
  'adapter/src/telephony/device-list.ts',
  'adapter/src/telephony/microphone-check.ts',
  'adapter/src/telephony/microphone-switch.ts',
  'widget/src/cp-audio-settings.ts',
  // The call control: telephony/calls.ts loads it when the agent dials, holds or transfers.
  'adapter/src/telephony/call-control.ts',
  'adapter/src/telephony/dial.ts',
  'adapter/src/telephony/hold.ts',
  'adapter/src/telephony/transfer.ts',
  'adapter/src/telephony/media-stats.ts',
  'adapter/src/telephony/sip-address.ts',
  // Taking the phone over from another tab of the agent: loaded when a page first asks or is asked.
  'adapter/src/host/phone-tab-take-over.ts',
  // After a reconnect: each answered call's refresh (in the call control), and, once registered,
  // the phone's "are you there?" to the server (phone.ts loads it).
  'adapter/src/telephony/dialog-refresh.ts',
  'adapter/src/telephony/server-watch.ts',
  // The console desks: the controller opens them once the console is there.
  'adapter/src/desks/console-desks.ts',
  'adapter/src/desks/omni-desk.ts',
  'adapter/src/desks/tabs-desk.ts',
  'adapter/src/desks/presence-desk.ts',
  'adapter/src/model/work-item-facts.ts',
  'adapter/src/model/tab-facts.ts',
  // The presence mapping, read from the presenceMap item's text by the presence desk.
  'adapter/src/model/presence-map.ts',
  // The directory desk: consult and transfer to a colleague, and the consult calls (swap,
  // attended transfer, conference); their telephony side with the call control.
  'adapter/src/desks/directory-desk.ts',
  'adapter/src/desks/consult-desk.ts',
  'adapter/src/model/consult-actions.ts',
  'adapter/src/model/handover-facts.ts',
  'adapter/src/telephony/attended-transfer.ts',
  'adapter/src/telephony/conference.ts',
  'adapter/src/telephony/far-end-hold.ts',
  'widget/src/cp-directory-dialog.ts',
  // The in-call controls: mute, keypad tones, the line's quality (the desk loads with the first
  // connected call, the telephony side with the call control, the widget's on first use).
  'adapter/src/desks/in-call-desk.ts',
  'adapter/src/model/in-call-facts.ts',
  'adapter/src/model/call-quality.ts',
  'adapter/src/telephony/mute.ts',
  'adapter/src/telephony/dtmf-sender.ts',
  'widget/src/cp-call-controls.ts',
  'widget/src/cp-keypad.ts',
  'widget/src/cp-line-details.ts',
  // Calls the agent places: the compliance check, the time zone map, the dial pad and its lists
  // (the voice desk loads the outbound desk with the first call placed; the widget the dial pad
  // after the first paint; the dial history's storage after start).
  'adapter/src/desks/outbound-desk.ts',
  'adapter/src/model/outbound-compliance.ts',
  'adapter/src/model/number-time-zones-data.ts',
  'adapter/src/model/calling-hours.ts',
  'adapter/src/model/dial-history.ts',
  'adapter/src/dial-history-storage.ts',
  'widget/src/cp-dialer.ts',
  'widget/src/cp-dial-lists.ts',
  'widget/src/cp-failed-call.ts',
  // Scheduled calls: the desk with the Call back desk, the record they were scheduled from with the
  // crm room's scheduled calls, the list ("Scheduled calls" in the dial box) on first use.
  'adapter/src/desks/scheduled-call-desk.ts',
  'adapter/src/model/scheduled-call-list.ts',
  'adapter/src/crm/scheduled-call-origin.ts',
  'widget/src/cp-scheduled-calls.ts',
  // Recording and voicemail drop: the desks load with the first call that needs them, the crm
  // reader with the crm room, the telephony side with the call control, the widget's on first use.
  'adapter/src/desks/recording-desk.ts',
  'adapter/src/desks/voicemail-desk.ts',
  'adapter/src/model/recording.ts',
  'adapter/src/model/voicemail-message.ts',
  'adapter/src/model/voicemail-drop-facts.ts',
  'adapter/src/crm/voicemail-messages.ts',
  'adapter/src/telephony/recording-info.ts',
  'adapter/src/telephony/voicemail-drop.ts',
  'widget/src/cp-call-recording.ts',
  'widget/src/cp-voicemail-drop.ts',
  // The keyboard shortcuts: which key is which shortcut and what it does (widget/src/shortcut-keys.ts,
  // the listener, loads it right after the first paint; its words are in catalogue/en-later.ts).
  'widget/src/shortcuts.ts',
  'widget/src/catalogue/en-later.ts',
  // The caller detail of the selected call (shown once answered) and the interaction list (a call
  // rings and is answered in its call pop): loaded right after the first paint (contact-pad.ts).
  'widget/src/cp-interaction-detail.ts',
  'widget/src/cp-interaction-list.ts',
  // The caller's labels and "Why this record": shown once Salesforce answered the lookup (the CRM room
  // loads off the ring path), loaded right after the first paint (contact-pad.ts).
  'widget/src/cp-caller-labels.ts',
  'widget/src/cp-why-record.ts',
  'widget/src/caller-words.ts',
  // The notices (configuration problems, errors): rendered from the snapshot, so one that came before
  // the list loaded shows once it has, right after the first paint (contact-pad.ts).
  'widget/src/cp-notice-list.ts',
  // The agent status choice (Ready, Not Ready with a reason, Offline): cp-agent-state.ts shows the
  // status at once and loads the choice right after its first paint.
  'widget/src/cp-agent-status-choice.ts',
  // The screen pops (record, new record, search, flow) and their checks: only the desks that pop ask
  // for them, and they load off the ring path; open-cti-host.ts loads them on the first pop.
  'adapter/src/host/screen-pop-requests.ts',
  // How times are written (time in state, call length, countdowns, "3 min ago"): with the list and the
  // in-call controls; the phone status's retry countdown needs only clock.ts secondsLeft.
  'widget/src/format-time.ts',
  // The dialogs' frame and list styles: with the dialogs, which load on first use.
  'widget/src/dialog-styles.ts',
  // Report a problem: the diagnostic log's ring buffer and redaction (adapter/src/diagnostics.ts keeps
  // what comes before they load, with the crm room), the report's desk, model and Salesforce side,
  // its dialog (loaded the first time it opens), and the calls' media lines (with the in-call desk).
  'adapter/src/model/diagnostic-log.ts',
  'adapter/src/model/redaction.ts',
  'adapter/src/model/problem-report.ts',
  'adapter/src/model/call-stats.ts',
  'adapter/src/desks/problem-report-desk.ts',
  'adapter/src/crm/problem-report.ts',
  'widget/src/cp-problem-report-dialog.ts',
];

/** What ringing and answering need, on the ring path. */
const RINGING = [
  'app/main.ts',
  'adapter/src/telephony/phone.ts',
  'adapter/src/telephony/calls.ts',
  'adapter/src/desks/voice-desk.ts',
  'widget/src/cp-call-pop.ts',
  // A call rings aloud.
  'adapter/src/telephony/ringer.ts',
  // Whether a call rings at all: every SIP message cleaned before sip.js reads it, the offer checked before the 180.
  'adapter/src/telephony/incoming-sip-cleaning.ts',
  'adapter/src/telephony/offer-check.ts',
];

/** A module's path from the project root, '/'-separated. */
const fromRoot = (id: string): string => relative(PROJECT_ROOT, id).split(sep).join('/');

/** The build's modules, each with its static importers (paths from the project root). */
function staticImporters(into: Map<string, readonly string[]>): Plugin {
  return {
    name: 'ring-path-test-importers',
    buildEnd() {
      for (const id of this.getModuleIds()) into.set(fromRoot(id), (this.getModuleInfo(id)?.importers ?? []).map(fromRoot));
    },
  };
}

describe('the ring-and-answer path', () => {
  let ringFiles: string[] = [];
  /** The source modules bundled into the ring path's files. */
  const onRing = new Set<string>();
  /** The source modules of every other chunk (loaded later). */
  const later = new Set<string>();
  const importers = new Map<string, readonly string[]>();

  before(async () => {
    const output = await buildApp({ plugins: [staticImporters(importers)] });
    const chunks = new Map(output.flatMap((file) => (file.type === 'chunk' ? [[file.fileName, file] as const] : [])));
    ringFiles = await staticallyReachable('main.js', (file) => {
      const chunk = chunks.get(file);
      if (!chunk) throw new Error(`${file} is imported but not in the build`);
      return chunk.code;
    });
    for (const [fileName, chunk] of chunks) {
      for (const id of chunk.moduleIds) (ringFiles.includes(fileName) ? onRing : later).add(fromRoot(id));
    }
  });

  it('carries no call control, console desks or directory: they load later, by dynamic import', () => {
    const landed = LAZY.filter((module) => onRing.has(module));
    const why = landed.map((module) => `${module}, imported statically by ${importers.get(module)?.filter((by) => onRing.has(by)).join(', ') || '?'}`);
    assert.deepEqual(why, [], `on the ring path (${ringFiles.join(', ')}); import them with import() where they are used`);
  });

  it('names modules the build has, so a renamed file cannot leave the check above empty', () => {
    for (const module of [...LAZY, ...RINGING]) {
      assert.ok(existsSync(join(PROJECT_ROOT, module)), `${module} exists`);
      assert.ok(onRing.has(module) || later.has(module), `${module} is in the build`);
    }
  });

  it('carries what ringing and answering need: the phone, the calls, the voice desk, the call pop', () => {
    assert.equal(ringFiles[0], 'main.js');
    assert.deepEqual(RINGING.filter((module) => !onRing.has(module)), []);
  });
});
