/**
 * A small stand-in for the Aura framework: enough to run force-app's Aura components AS THEY
 * SHIP (the .cmp markup, the controller and the helper files, read as text and evaluated), with
 * only the platform underneath faked. The local console and the tests run the ContactPad Console
 * Bridge through it, so the code that ships is the code that is tested.
 *
 * What it does, as the Aura Components Developer Guide describes the framework:
 * - Markup: reads `aura:attribute` (name, type, default), `aura:handler` (`name="init"` and
 *   application events by `event`), the base components with an `aura:id` (their fakes come from
 *   the platform given to the runtime) and `ltng:require`. A tag it has no fake for fails loudly,
 *   so a new dependency cannot slip past the tests.
 * - JavaScript: the controller and the helper are each one object literal; controller actions
 *   are called `action(component, event, helper)` and helper methods with the helper as `this`
 *   (developer.salesforce.com/docs/atlas.en-us.lightning.meta/lightning/js_helper.htm). The files
 *   run in strict mode, as Lightning Locker and Lightning Web Security run component code
 *   (developer.salesforce.com/docs/atlas.en-us.lightning.meta/lightning/security_code.htm,
 *   "JavaScript Strict Mode Enforcement"), with `$A`, `window` (the namespace's window) and
 *   `console` given to them.
 * - Lifecycle: `init` runs when the component is created, before anything else
 *   (developer.salesforce.com/docs/atlas.en-us.lightning.meta/lightning/js_cb_init_handler.htm);
 *   `ltng:require` loads its scripts asynchronously, in order, and then calls its
 *   `afterScriptsLoaded` action (developer.salesforce.com/docs/component-library/bundle/ltng:require/documentation).
 *   A script runs with the namespace's `window`: what it puts there the component reads there
 *   (Locker: developer.salesforce.com/docs/atlas.en-us.lightning.meta/lightning/security_share_code.htm;
 *   LWS: developer.salesforce.com/docs/platform/lightning-components-security/guide/lws-js.html).
 * - `$A.getCallback(fn)`: code that touches a component outside the framework's call stack
 *   (promise callbacks, timers) must be wrapped in it
 *   (developer.salesforce.com/docs/atlas.en-us.lightning.meta/lightning/js_cb_mod_ext_js.htm). The
 *   runtime knows when it is inside an action or a wrapped callback, and records every
 *   component access made outside both as a lifecycle violation (real Aura would not rerender,
 *   or refuse private attributes), so tests can prove the shipped code wraps its callbacks.
 *   An exception in an action is recorded too (Aura would show its error dialog).
 */

/** The three files of an Aura bundle, as text. */
export interface AuraBundleSources {
  /** The bundle's name (ContactPadConsoleBridge). */
  readonly name: string;
  readonly markup: string;
  readonly controller: string;
  readonly helper: string;
}

/**
 * Fetches a bundle's markup, controller and helper from `baseUrl` (a folder URL ending in the
 * bundle's name), by Aura's file naming: <Name>.cmp, <Name>Controller.js, <Name>Helper.js.
 */
export async function fetchAuraBundle(baseUrl: string, name: string): Promise<AuraBundleSources> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const read = async (file: string): Promise<string> => {
    const response = await fetch(`${base}${file}`, { cache: 'no-store' });
    if (!response.ok) throw new Error(`Cannot load the Aura bundle file ${base}${file} (HTTP ${response.status}).`);
    return response.text();
  };
  const [markup, controller, helper] = await Promise.all([read(`${name}.cmp`), read(`${name}Controller.js`), read(`${name}Helper.js`)]);
  return { name, markup, controller, helper };
}

/** An Aura event as handlers see it. */
export interface AuraEvent {
  getName(): string;
  getParam(name: string): unknown;
  getParams(): Record<string, unknown>;
}

/** What a base component's fake gets from the runtime. */
export interface BaseComponentContext {
  /** The component's markup attribute value (raw text). */
  readonly attributes: Readonly<Record<string, string>>;
  /** A controller action named by an expression (`{!c.onMessage}`), to call with an event; undefined for no expression. */
  action(expression: string | undefined): ((event: AuraEvent) => void) | undefined;
  /** An event object with these parameters. */
  event(name: string, params: unknown): AuraEvent;
  /** Called when the component is destroyed. */
  onDestroy(cleanup: () => void): void;
}

/** The platform under the component: its base components' fakes, static resources and script loading. */
export interface AuraPlatform {
  /** Fakes by tag (`lightning:workspaceAPI`...): each returns what `component.find(auraId)` returns. */
  readonly baseComponents: Readonly<Record<string, (context: BaseComponentContext) => unknown>>;
  /** `$Resource.<name>` in expressions: the static resource's URL. */
  resourceUrl(name: string): string;
  /** Runs one script of an `ltng:require` with the namespace's window. */
  loadScript(url: string, namespaceWindow: Record<string, unknown>): Promise<void>;
}

/** Something the runtime saw go wrong: an action that threw, or a component touched outside the lifecycle. */
export interface AuraRuntimeProblem {
  readonly kind: 'action-error' | 'lifecycle-violation' | 'script-error';
  readonly message: string;
}

interface AttributeDef {
  readonly type: string;
  readonly defaultValue: unknown;
}

interface ChildDef {
  readonly tag: string;
  readonly auraId: string | undefined;
  readonly attributes: Readonly<Record<string, string>>;
}

/** What the runtime reads from a component's markup. */
export interface ComponentMarkup {
  readonly attributes: ReadonlyMap<string, AttributeDef>;
  /** The init handler's action name, if any. */
  readonly initAction: string | undefined;
  /** Application event name -> action names. */
  readonly eventHandlers: ReadonlyMap<string, readonly string[]>;
  readonly children: readonly ChildDef[];
  /** Each ltng:require: its script expression and afterScriptsLoaded action. */
  readonly requires: readonly { readonly scripts: string; readonly afterScriptsLoaded: string | undefined }[];
}

const ENTITIES: Readonly<Record<string, string>> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

function decode(value: string): string {
  return value.replace(/&(quot|amp|lt|gt|apos);/g, (_, name: string) => ENTITIES[name]!);
}

/** `{!c.name}` -> name; throws for any other expression. */
function actionName(expression: string, where: string): string {
  const match = /^\{!\s*c\.([A-Za-z_$][\w$]*)\s*\}$/.exec(expression.trim());
  if (!match) throw new Error(`Aura runtime: ${where} must name a controller action ({!c.name}), got ${expression}`);
  return match[1]!;
}

function defaultOf(type: string, raw: string | undefined, name: string): unknown {
  if (raw === undefined) return type === 'Map' || type === 'Object' ? null : type === 'List' || type.endsWith('[]') ? null : undefined;
  switch (type) {
    case 'String':
      return raw;
    case 'Boolean':
      if (raw !== 'true' && raw !== 'false') throw new Error(`Aura runtime: attribute ${name}: a Boolean default must be true or false, got ${raw}`);
      return raw === 'true';
    case 'Integer':
    case 'Decimal':
    case 'Double':
    case 'Long':
      return Number(raw);
    case 'Map':
    case 'Object':
    case 'List':
    default:
      try {
        return JSON.parse(raw.replace(/'/g, '"')) as unknown;
      } catch {
        throw new Error(`Aura runtime: attribute ${name} of type ${type}: cannot read the default ${raw}`);
      }
  }
}

const HANDLED_TAGS = new Set(['aura:component', 'aura:attribute', 'aura:handler', 'ltng:require']);

/** Reads the parts of a .cmp the runtime acts on; throws for markup it cannot honour. */
export function parseComponentMarkup(markup: string, platformTags: ReadonlySet<string>): ComponentMarkup {
  const text = markup.replace(/<!--[\s\S]*?-->/g, '');
  const attributes = new Map<string, AttributeDef>();
  const eventHandlers = new Map<string, string[]>();
  const children: ChildDef[] = [];
  const requires: { scripts: string; afterScriptsLoaded: string | undefined }[] = [];
  let initAction: string | undefined;
  let root = false;
  const tagPattern = /<(\/?)([A-Za-z][\w]*(?::[\w]+)?)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>/g;
  for (const match of text.matchAll(tagPattern)) {
    const [, closing, tag = '', attributeText = ''] = match;
    if (closing) continue;
    const attrs: Record<string, string> = {};
    for (const attribute of attributeText.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs[attribute[1]!] = decode(attribute[2]!);
    if (!tag.includes(':')) continue; // plain HTML: rendering is not simulated
    if (tag === 'aura:component') {
      if (attrs['controller'] || attrs['extends']) throw new Error('Aura runtime: an Apex controller or a super component is not supported');
      root = true;
    } else if (tag === 'aura:attribute') {
      const name = attrs['name'];
      if (!name) throw new Error('Aura runtime: aura:attribute without a name');
      const type = attrs['type'] ?? 'String';
      attributes.set(name, { type, defaultValue: defaultOf(type, attrs['default'], name) });
    } else if (tag === 'aura:handler') {
      const action = actionName(attrs['action'] ?? '', 'aura:handler action');
      if (attrs['name'] === 'init') {
        if ((attrs['value'] ?? '').replace(/\s/g, '') !== '{!this}') throw new Error('Aura runtime: the init handler must have value="{!this}"');
        initAction = action;
      } else if (attrs['event']) {
        eventHandlers.set(attrs['event'], [...(eventHandlers.get(attrs['event']) ?? []), action]);
      } else {
        throw new Error(`Aura runtime: aura:handler ${attrs['name'] ?? ''} is not supported (only init and application events)`);
      }
    } else if (tag === 'ltng:require') {
      if (attrs['styles']) throw new Error('Aura runtime: ltng:require styles are not supported');
      requires.push({ scripts: attrs['scripts'] ?? '', afterScriptsLoaded: attrs['afterScriptsLoaded'] === undefined ? undefined : actionName(attrs['afterScriptsLoaded'], 'afterScriptsLoaded') });
    } else if (platformTags.has(tag)) {
      children.push({ tag, auraId: attrs['aura:id'], attributes: attrs });
    } else if (!HANDLED_TAGS.has(tag)) {
      throw new Error(`Aura runtime: no fake for <${tag}>; add one to the platform before the component uses it`);
    }
  }
  if (!root) throw new Error('Aura runtime: the markup has no aura:component');
  return { attributes, initAction, eventHandlers, children, requires };
}

/**
 * The URLs an ltng:require `scripts` expression names: `{!$Resource.name + '/file.js'}`, or
 * several joined with `join(',', ...)`, or plain comma-separated URLs.
 */
export function scriptUrls(expression: string, resourceUrl: (name: string) => string): string[] {
  const trimmed = expression.trim();
  const inner = /^\{!([\s\S]*)\}$/.exec(trimmed)?.[1];
  if (inner === undefined) return trimmed.split(',').map((url) => url.trim()).filter((url) => url !== '');
  const join = /^\s*join\(\s*'([^']*)'\s*,([\s\S]*)\)\s*$/.exec(inner);
  const parts = join ? splitTopLevel(join[2]!) : [inner];
  return parts.map((part) => concatenation(part, resourceUrl));
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === "'") quoted = !quoted;
    if (char === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function concatenation(expression: string, resourceUrl: (name: string) => string): string {
  return expression
    .split('+')
    .map((term) => term.trim())
    .map((term) => {
      const literal = /^'([^']*)'$/.exec(term);
      if (literal) return literal[1]!;
      const resource = /^\$Resource\.([A-Za-z][\w]*)$/.exec(term);
      if (resource) return resourceUrl(resource[1]!);
      throw new Error(`Aura runtime: cannot evaluate ${term} in a scripts expression`);
    })
    .join('');
}

/**
 * A namespace's `window`: reads fall through to the page's window, writes stay in the namespace
 * (the way Locker's secure window and Lightning Web Security's sandbox keep a namespace's globals
 * to itself).
 */
export function createNamespaceWindow(): Record<string, unknown> {
  const own = new Map<PropertyKey, unknown>();
  return new Proxy({} as Record<string, unknown>, {
    get: (_target, key) => (own.has(key) ? own.get(key) : Reflect.get(window, key)),
    set: (_target, key, value) => {
      own.set(key, value);
      return true;
    },
    has: (_target, key) => own.has(key) || key in window,
    deleteProperty: (_target, key) => own.delete(key),
  });
}

/**
 * Runs a static resource script as ltng:require does under Locker or Lightning Web Security: the
 * script's text evaluated with the namespace's window as `window` and `self` (its top-level
 * declarations stay its own).
 */
export async function fetchAndRunScript(url: string, namespaceWindow: Record<string, unknown>): Promise<void> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`ltng:require could not load ${url} (HTTP ${response.status})`);
  const source = await response.text();
  // Evaluated, not imported: ltng:require runs a classic script with the namespace's window as its global.
  new Function('window', 'self', `${source}\n//# sourceURL=${url}`)(namespaceWindow, namespaceWindow);
}

/** A running component: its attributes, what it logged, and what went wrong. */
export interface AuraComponentHandle {
  /** `component.get('v.name')` read from outside (no lifecycle check). */
  attribute(name: string): unknown;
  /** Resolves once every ltng:require has loaded and afterScriptsLoaded ran (rejects if a script failed). */
  readonly scriptsLoaded: Promise<void>;
  /** console.warn and console.error lines the component's code wrote, oldest first. */
  readonly warnings: readonly string[];
  /** The namespace window the component and its scripts share. */
  readonly namespaceWindow: Record<string, unknown>;
  destroy(): void;
}

const COMPONENT_NAMESPACE = 'c';

/** The framework stand-in: creates components and delivers application events to their handlers. */
export class AuraRuntime {
  readonly #platform: AuraPlatform;
  readonly #components = new Set<ComponentInstance>();
  readonly #problems: AuraRuntimeProblem[] = [];
  readonly #namespaceWindows = new Map<string, Record<string, unknown>>();
  /** > 0 while the framework runs component code (an action, or a $A.getCallback wrapper). */
  #depth = 0;

  constructor(platform: AuraPlatform) {
    this.#platform = platform;
  }

  /** Actions that threw, lifecycle violations, scripts that failed: empty when all went well. */
  get problems(): readonly AuraRuntimeProblem[] {
    return [...this.#problems];
  }

  /** Creates the component, runs init, and starts loading its ltng:require scripts. */
  create(bundle: AuraBundleSources): AuraComponentHandle {
    const markup = parseComponentMarkup(bundle.markup, new Set(Object.keys(this.#platform.baseComponents)));
    const namespaceWindow = this.#namespaceWindow(COMPONENT_NAMESPACE);
    const component = new ComponentInstance(this, bundle, markup, namespaceWindow);
    this.#components.add(component);
    component.init();
    const scriptsLoaded = component.loadScripts();
    scriptsLoaded.catch(() => undefined);
    return {
      attribute: (name) => component.peek(name),
      scriptsLoaded,
      get warnings() {
        return component.warnings;
      },
      namespaceWindow,
      destroy: () => {
        component.destroy();
        this.#components.delete(component);
      },
    };
  }

  /** Fires an application event (lightning:tabCreated...) to every component that handles it. */
  fireApplicationEvent(name: string, params: Record<string, unknown>): void {
    for (const component of [...this.#components]) component.handle(name, params);
  }

  get platform(): AuraPlatform {
    return this.#platform;
  }

  get inFramework(): boolean {
    return this.#depth > 0;
  }

  /** Runs `body` as framework code (an action, or a callback wrapped in $A.getCallback). */
  runInFramework<T>(body: () => T): T {
    this.#depth += 1;
    try {
      return body();
    } finally {
      this.#depth -= 1;
    }
  }

  problem(kind: AuraRuntimeProblem['kind'], message: string): void {
    this.#problems.push(Object.freeze({ kind, message }));
    console.error(`Aura runtime: ${message}`);
  }

  /** The `$A` the component's files see: only what Aura documents and the files use. */
  dollarA(): Record<string, unknown> {
    return Object.freeze({
      // developer.salesforce.com/docs/platform/aura-platform/guide/ref-jsapi-dollara-getcallback.html
      getCallback: (callback: unknown) => {
        if (typeof callback !== 'function') throw new TypeError('$A.getCallback needs a function');
        const runtime = this;
        return function wrapped(this: unknown, ...args: unknown[]) {
          return runtime.runInFramework(() => {
            try {
              return (callback as (...a: unknown[]) => unknown).apply(this, args);
            } catch (error) {
              runtime.problem('action-error', `a $A.getCallback callback threw: ${messageOf(error)}`);
              throw error;
            }
          });
        };
      },
    });
  }

  #namespaceWindow(namespace: string): Record<string, unknown> {
    let win = this.#namespaceWindows.get(namespace);
    if (!win) {
      win = createNamespaceWindow();
      this.#namespaceWindows.set(namespace, win);
    }
    return win;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function auraEvent(name: string, params: unknown): AuraEvent {
  const fields = typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {};
  return Object.freeze({
    getName: () => name,
    getParam: (param: string) => (Object.prototype.hasOwnProperty.call(fields, param) ? fields[param] : undefined),
    getParams: () => ({ ...fields }),
  });
}

/** Evaluates an Aura JavaScript file (one object literal) with the names Aura gives it. */
function evaluateObjectLiteral(source: string, file: string, names: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(names);
  // Evaluated, not imported: an Aura controller or helper file is one object literal, not a module.
  const factory = new Function(...keys, `"use strict";\nreturn (\n${source}\n);\n//# sourceURL=${file}`) as (...values: unknown[]) => unknown;
  const value = factory(...keys.map((key) => names[key]));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`Aura runtime: ${file} is not one object literal`);
  return value as Record<string, unknown>;
}

class ComponentInstance {
  readonly #runtime: AuraRuntime;
  readonly #bundle: AuraBundleSources;
  readonly #markup: ComponentMarkup;
  readonly #values = new Map<string, unknown>();
  readonly #children = new Map<string, unknown>();
  readonly #cleanups: (() => void)[] = [];
  readonly #warnings: string[] = [];
  readonly #controller: Record<string, unknown>;
  readonly #helper: Record<string, unknown>;
  readonly #namespaceWindow: Record<string, unknown>;
  readonly #api: Record<string, unknown>;
  #valid = true;

  constructor(runtime: AuraRuntime, bundle: AuraBundleSources, markup: ComponentMarkup, namespaceWindow: Record<string, unknown>) {
    this.#runtime = runtime;
    this.#bundle = bundle;
    this.#markup = markup;
    this.#namespaceWindow = namespaceWindow;
    for (const [name, def] of markup.attributes) this.#values.set(name, structuredCloneSafe(def.defaultValue));
    const names = { $A: runtime.dollarA(), window: namespaceWindow, console: this.#console() };
    this.#controller = evaluateObjectLiteral(bundle.controller, `${bundle.name}Controller.js`, names);
    this.#helper = evaluateObjectLiteral(bundle.helper, `${bundle.name}Helper.js`, names);
    this.#api = this.#componentApi();
    for (const child of markup.children) {
      const fake = runtime.platform.baseComponents[child.tag]!({
        attributes: child.attributes,
        action: (expression) => (expression === undefined ? undefined : this.#actionCaller(actionName(expression, `${child.tag} handler`))),
        event: auraEvent,
        onDestroy: (cleanup) => this.#cleanups.push(cleanup),
      });
      if (child.auraId) this.#children.set(child.auraId, fake);
    }
    for (const action of [markup.initAction, ...[...markup.eventHandlers.values()].flat(), ...markup.requires.map((r) => r.afterScriptsLoaded)]) {
      if (action !== undefined && typeof this.#controller[action] !== 'function') throw new Error(`Aura runtime: the controller has no action ${action}`);
    }
  }

  get warnings(): readonly string[] {
    return [...this.#warnings];
  }

  peek(name: string): unknown {
    return this.#values.get(name);
  }

  init(): void {
    if (this.#markup.initAction) this.#invoke(this.#markup.initAction, auraEvent('aura:valueInit', { value: this.#api }));
  }

  async loadScripts(): Promise<void> {
    for (const require of this.#markup.requires) {
      for (const url of scriptUrls(require.scripts, (name) => this.#runtime.platform.resourceUrl(name))) {
        try {
          await this.#runtime.platform.loadScript(url, this.#namespaceWindow);
        } catch (error) {
          this.#runtime.problem('script-error', `ltng:require could not run ${url}: ${messageOf(error)}`);
          throw error;
        }
      }
      if (require.afterScriptsLoaded && this.#valid) this.#invoke(require.afterScriptsLoaded, auraEvent('ltng:afterScriptsLoaded', {}));
    }
  }

  handle(eventName: string, params: Record<string, unknown>): void {
    for (const action of this.#markup.eventHandlers.get(eventName) ?? []) this.#invoke(action, auraEvent(eventName, params));
  }

  destroy(): void {
    this.#valid = false;
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
  }

  #actionCaller(action: string): (event: AuraEvent) => void {
    if (typeof this.#controller[action] !== 'function') throw new Error(`Aura runtime: the controller has no action ${action}`);
    return (event) => this.#invoke(action, event);
  }

  #invoke(action: string, event: AuraEvent): void {
    if (!this.#valid) return;
    const fn = this.#controller[action] as (component: unknown, event: unknown, helper: unknown) => void;
    this.#runtime.runInFramework(() => {
      try {
        fn.call(this.#controller, this.#api, event, this.#helper);
      } catch (error) {
        this.#runtime.problem('action-error', `${this.#bundle.name}: action ${action} threw: ${messageOf(error)}`);
      }
    });
  }

  #check(operation: string): void {
    if (!this.#runtime.inFramework) {
      this.#runtime.problem('lifecycle-violation', `${this.#bundle.name}: component.${operation} outside the framework's lifecycle (wrap the callback in $A.getCallback)`);
    }
  }

  #attributeName(expression: string, operation: string): string {
    const match = /^v\.([A-Za-z_][\w]*)$/.exec(expression);
    if (!match) throw new Error(`Aura runtime: component.${operation}('${expression}'): only v.<attribute> is supported`);
    if (!this.#values.has(match[1]!)) throw new Error(`Aura runtime: component.${operation}('${expression}'): ${this.#bundle.name} has no attribute ${match[1]!}`);
    return match[1]!;
  }

  #componentApi(): Record<string, unknown> {
    return Object.freeze({
      get: (expression: string) => {
        this.#check(`get('${expression}')`);
        return this.#values.get(this.#attributeName(expression, 'get'));
      },
      set: (expression: string, value: unknown) => {
        this.#check(`set('${expression}')`);
        if (!this.#valid) return; // "the cmp.set() call doesn't do anything when the component is invalid"
        this.#values.set(this.#attributeName(expression, 'set'), value);
      },
      find: (auraId: string) => {
        this.#check(`find('${auraId}')`);
        return this.#children.get(auraId);
      },
      isValid: () => this.#valid,
      getName: () => this.#bundle.name,
    });
  }

  #console(): Console {
    const record = (level: 'warn' | 'error', args: unknown[]) => {
      this.#warnings.push(args.map((arg) => (typeof arg === 'string' ? arg : messageOf(arg))).join(' '));
      console[level](...args);
    };
    return Object.freeze({
      ...console,
      log: (...args: unknown[]) => console.log(...args),
      info: (...args: unknown[]) => console.info(...args),
      debug: (...args: unknown[]) => console.debug(...args),
      warn: (...args: unknown[]) => record('warn', args),
      error: (...args: unknown[]) => record('error', args),
    }) as Console;
  }
}

function structuredCloneSafe<T>(value: T): T {
  return value === undefined || value === null ? value : structuredClone(value);
}
