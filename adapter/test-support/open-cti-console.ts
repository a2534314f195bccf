/**
 * The console end of Open CTI for the browser tests: the local console's Open CTI fake
 * (scripts/console/opencti: the shim ContactPad finds as sforce.opencti, and the console side
 * serving it) over a MessageChannel, with a console page that records what the softphone
 * asked of it and can refuse, fail or hang; and the real host room (OpenCtiHost) connected
 * through it. The host's, the switchboard's and the console bridge's tests all use this page.
 */
import { serveOpenCti, type ConsoleApi, type OpenCtiConsole } from '../../scripts/console/opencti/console-side.ts';
import { installOpenCtiShim } from '../../scripts/console/opencti/opencti-shim.ts';
import type { ConsoleWorkspace } from '../../scripts/console/page/console-workspace.ts';
import type { LightningMessageService } from '../../scripts/console/page/message-channel-fake.ts';
import type { DefaultFieldValues, OpenCti, ScreenPopTypeName } from '../src/host/open-cti.ts';
import { OpenCtiHost, type HostListener } from '../src/host/open-cti-host.ts';

export type { ConsoleApi, OpenCtiConsole };

/** A screen pop the console was asked for. */
export interface RecordedPop {
  type: ScreenPopTypeName;
  params: Record<string, unknown>;
  defaultFieldValues?: DefaultFieldValues;
}

/**
 * A console page that records what the softphone asked of it: screen pops, panel requests,
 * click-to-dial changes, messages published. It opens a popped record's tab in `workspace`
 * (the local console's, when a test runs one) and hands what the softphone publishes to
 * `messages` (the Lightning message service, which delivers to every subscriber, the softphone
 * included) or, without one, back to the softphone's own subscriptions.
 */
export class RecordingConsole implements ConsoleApi {
  readonly pops: RecordedPop[] = [];
  panelVisible: boolean;
  readonly panelRequests: boolean[] = [];
  readonly clickToDialChanges: boolean[] = [];
  readonly published: { channelName: string; message: unknown }[] = [];
  /** What getCallCenterSettings answers (nothing unless a test says). */
  settings: Record<string, string>;
  /** When set, screen pops fail with this message, as a console that cannot open the record. */
  popError: string | undefined;
  /** When set, screen pops never finish. */
  popHangs = false;
  /** When set, these requests are refused with this reason, as a console that cannot do them. */
  refusals: { subscribe?: string; clickToDial?: string; panel?: string; publish?: string } = {};
  /** The local console's workspace, when a test runs one: a popped record opens a tab there. */
  workspace: ConsoleWorkspace | undefined;
  /** The page's Lightning message service, when the local console runs one. */
  messages: LightningMessageService | undefined;
  /** The console's end of Open CTI, once served. */
  openCti: OpenCtiConsole | undefined;

  constructor(options: { panelVisible?: boolean; settings?: Record<string, string> } = {}) {
    this.panelVisible = options.panelVisible ?? false;
    this.settings = options.settings ?? {};
  }

  async screenPop(type: ScreenPopTypeName, params: Record<string, unknown>, defaultFieldValues?: DefaultFieldValues): Promise<void> {
    if (this.popHangs) return new Promise(() => {});
    if (this.popError !== undefined) throw new Error(this.popError);
    this.pops.push(defaultFieldValues === undefined ? { type, params } : { type, params, defaultFieldValues });
    if (type === 'SOBJECT' && this.workspace) await this.workspace.openRecord(String(params['recordId']));
  }
  setPanelVisible(visible: boolean): void {
    if (this.refusals.panel !== undefined) throw new Error(this.refusals.panel);
    this.panelRequests.push(visible);
    this.panelVisible = visible;
  }
  isPanelVisible(): boolean {
    return this.panelVisible;
  }
  callCenterSettings(): Record<string, string> {
    return { ...this.settings };
  }
  clickToDialEnabled(enabled: boolean): void {
    if (this.refusals.clickToDial !== undefined) throw new Error(this.refusals.clickToDial);
    this.clickToDialChanges.push(enabled);
  }
  publish(channelName: string, message: unknown): void {
    if (this.refusals.publish !== undefined) throw new Error(this.refusals.publish);
    this.published.push({ channelName, message });
    if (this.messages) this.messages.publish(channelName, message);
    else this.openCti?.pushMessage(channelName, message);
  }
  subscribe(): void {
    if (this.refusals.subscribe !== undefined) throw new Error(this.refusals.subscribe);
  }
}

/** Open CTI between a softphone window and a console page (see {@link openCtiLine}). */
export interface OpenCtiLine {
  /** The softphone's window: sforce.opencti is there once the shim is installed. */
  readonly win: Window;
  /** The console's end: pushes click-to-dial, navigation and messages to the softphone. */
  readonly console: OpenCtiConsole;
  /** Installs the shim in {@link win} and returns its sforce.opencti (done at once unless `shimLater`). */
  installShim(): OpenCti;
  /** Closes both ends. */
  close(): void;
}

/**
 * Serves Open CTI with `page` over a fresh MessageChannel and installs the shim in a window of
 * its own (with `shimLater`, when the test calls installShim: Open CTI that loads late).
 * A {@link RecordingConsole} learns its end of the line (`openCti`).
 */
export function openCtiLine(page: ConsoleApi, options: { shimLater?: boolean } = {}): OpenCtiLine {
  const channel = new MessageChannel();
  const win = {} as Window;
  const consoleEnd = serveOpenCti(channel.port2, page);
  if (page instanceof RecordingConsole) page.openCti = consoleEnd;
  const line: OpenCtiLine = {
    win,
    console: consoleEnd,
    installShim: () => installOpenCtiShim(win, channel.port1),
    close: () => {
      consoleEnd.close();
      channel.port1.close();
      channel.port2.close();
    },
  };
  if (!options.shimLater) line.installShim();
  return line;
}

/** The host room over the Open CTI fake, as {@link hostOnOpenCtiFake} connects it. */
export interface HostOnOpenCti {
  readonly host: OpenCtiHost;
  readonly consolePage: RecordingConsole;
  /** The console's end of Open CTI. */
  readonly console: OpenCtiConsole;
  /** The shim's sforce.opencti, as ContactPad sees it. */
  readonly opencti: OpenCti;
  /** Closes the line. */
  close(): void;
}

/**
 * The real host room (OpenCtiHost) over the Open CTI fake, talking to `consolePage` (by
 * default a recording console whose softphone panel is shown). `listener` hears the host's
 * events (click-to-dial, navigation).
 */
export async function hostOnOpenCtiFake(
  listener: HostListener,
  options: { consolePage?: RecordingConsole; requestTimeoutMs?: number } = {},
): Promise<HostOnOpenCti> {
  const consolePage = options.consolePage ?? new RecordingConsole({ panelVisible: true });
  const line = openCtiLine(consolePage, { shimLater: true });
  const opencti = line.installShim();
  const host = await OpenCtiHost.connect(listener, {
    win: line.win,
    waitMs: 0,
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
  });
  return { host, consolePage, console: line.console, opencti, close: line.close };
}
