/**
 * The HTML pages the local console serves: the console itself (the stand-in for the Lightning
 * console), the softphone host, which is force-app's ContactPad.page itself rendered as
 * Visualforce would render it (merge fields filled, the apex:page wrapper turned into an HTML
 * document), the Open CTI-only softphone page for `?contactpad=off`, and the Service Cloud Voice
 * connector page for `?host=scv`.
 */
import { CONSOLE_CONFIG_ELEMENT_ID, type ConsoleConfig } from './page/console-config.ts';

/** JSON that is safe inside a <script> element and inside a JS string literal in one. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The Open CTI script path the page names (`/support/api/<version>/lightning/opencti_min.js`):
 * the console serves the shim there and nowhere else, so the page's version is the one used.
 */
export function openCtiPathOf(pageSource: string): string {
  const found = [...pageSource.matchAll(/<script\s+src="(\/support\/api\/\d+\.\d+\/lightning\/opencti_min\.js)"/g)].map((match) => match[1]!);
  if (found.length !== 1) throw new Error(`ContactPad.page must load Open CTI once from /support/api/<version>/lightning/opencti_min.js; found ${found.length} such scripts.`);
  return found[0]!;
}

/** What the Visualforce merge fields of the page are filled from. */
export interface VisualforceContext {
  /** `$Api.Session_ID`. */
  readonly sessionId: string;
  /** `$User.<field>`: the running user's fields (a missing field renders empty, as a blank field does). */
  readonly user: Readonly<Record<string, unknown>>;
  /** `$Resource.<name>`: the static resource's URL. */
  resourceUrl(name: string): string;
}

/** The `$User` fields the renderer fills; any other is refused so a page change cannot silently break the console. */
export const KNOWN_USER_FIELDS: readonly string[] = ['Id', 'ProfileId', 'ContactPad_SIP_User__c', 'LanguageLocaleKey', 'LocaleSidKey', 'FirstName', 'LastName', 'Username'];

/** Thrown for a page the renderer cannot render faithfully (an unknown merge field or tag). */
export class VisualforceRenderError extends Error {
  constructor(message: string) {
    super(`ContactPad.page: ${message}`);
    this.name = 'VisualforceRenderError';
  }
}

/**
 * JSENCODE: "Encodes text and merge field values for use in JavaScript by inserting escape
 * characters, such as a backslash (\), before unsafe JavaScript characters, such as the
 * apostrophe ('). ... If the merge field foo__c contains <B>Enter the user's name<b>,
 * {!JSENCODE(foo__c)} results in: \u003CB\u003EEnter the user\'s name\u003C\/b\u003E"
 * (help.salesforce.com/s/articleView?id=platform.customize_functions_jsencode.htm). Quotes,
 * backslashes, < > and / as the example shows; line breaks and U+2028/2029 as JavaScript needs
 * (not in the example: chosen).
 */
export function jsEncode(value: string): string {
  return value.replace(/[\\'"<>/\n\r\u2028\u2029]/g, (char) => {
    switch (char) {
      case '\\':
        return '\\\\';
      case "'":
        return "\\'";
      case '"':
        return '\\"';
      case '<':
        return '\\u003C';
      case '>':
        return '\\u003E';
      case '/':
        return '\\/';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      default:
        return char === '\u2028' ? '\\u2028' : '\\u2029';
    }
  });
}

/** One merge field's expression, evaluated: JSENCODE, URLFOR($Resource.x, 'path'), $Api.Session_ID, $User.<field>, 'literal'. */
function evaluate(expression: string, context: VisualforceContext): string {
  const text = expression.trim();
  const literal = /^'([^']*)'$/.exec(text) ?? /^"([^"]*)"$/.exec(text);
  if (literal) return literal[1]!;
  if (text === '$Api.Session_ID') return context.sessionId;
  const user = /^\$User\.([A-Za-z_][\w]*)$/.exec(text);
  if (user) {
    const field = user[1]!;
    if (!KNOWN_USER_FIELDS.includes(field)) throw new VisualforceRenderError(`{!$User.${field}} is not a field the local console fills (${KNOWN_USER_FIELDS.join(', ')}).`);
    const value = context.user[field];
    return value === undefined || value === null ? '' : String(value);
  }
  const call = /^([A-Z]+)\(([\s\S]*)\)$/.exec(text);
  if (call) {
    const args = splitArguments(call[2]!);
    switch (call[1]) {
      case 'JSENCODE':
        if (args.length !== 1) throw new VisualforceRenderError(`JSENCODE takes one argument: {!${text}}`);
        return jsEncode(evaluate(args[0]!, context));
      case 'HTMLENCODE':
        // "Encodes text and merge field values for use in HTML by replacing characters that are
        // reserved in HTML, such as the greater-than sign (>), with HTML entity equivalents, such
        // as &gt;" (help.salesforce.com, platform.customize_functions_htmlencode.htm): & < > " '
        // here (the quotes: chosen, so that a value stays inside its attribute).
        if (args.length !== 1) throw new VisualforceRenderError(`HTMLENCODE takes one argument: {!${text}}`);
        return evaluate(args[0]!, context).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
      case 'URLFOR': {
        // URLFOR(target, [id], ...): "a file in a static resource archive" with $Resource.<name>
        // and the file's path (developer.salesforce.com/docs/atlas.en-us.pages.meta/pages/pages_resources_reference.htm).
        const resource = /^\$Resource\.([A-Za-z][\w]*)$/.exec(args[0]?.trim() ?? '');
        if (!resource || args.length !== 2) throw new VisualforceRenderError(`only URLFOR($Resource.<name>, '<path>') is supported: {!${text}}`);
        const path = evaluate(args[1]!, context).replace(/^\//, '');
        return `${context.resourceUrl(resource[1]!)}/${path}`;
      }
      default:
        throw new VisualforceRenderError(`the function ${call[1]} in {!${text}} is not one the local console renders (JSENCODE, HTMLENCODE, URLFOR).`);
    }
  }
  throw new VisualforceRenderError(`{!${text}} is not a merge field the local console fills.`);
}

function splitArguments(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '(') {
      depth += 1;
    } else if (char === ')') {
      depth -= 1;
    } else if (char === ',' && depth === 0) {
      args.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  if (current.trim() !== '') args.push(current);
  return args;
}

function attributesOf(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attributes[match[1]!] = match[2]!;
  return attributes;
}

/**
 * Renders a Visualforce page as Salesforce would serve it to the softphone panel: every merge
 * field filled, the `<apex:page>` wrapper turned into the HTML document it describes
 * (docType="html-5.0", applyHtmlTag="true": Visualforce writes the html element; title: a
 * <title>; developer.salesforce.com/docs/atlas.en-us.pages.meta/pages/pages_compref_page.htm).
 * Refuses (throws) an attribute value, a tag or a merge field it cannot render faithfully.
 */
export function renderVisualforcePage(source: string, context: VisualforceContext): string {
  const open = /<apex:page\b([^>]*)>/.exec(source);
  if (!open || !/<\/apex:page>\s*$/.test(source)) throw new VisualforceRenderError('the page must be one <apex:page> element.');
  const attributes = attributesOf(open[1]!);
  const required: Record<string, string> = { showHeader: 'false', sidebar: 'false', standardStylesheets: 'false', applyHtmlTag: 'true', applyBodyTag: 'false', docType: 'html-5.0' };
  for (const [name, value] of Object.entries(required)) {
    if (attributes[name] !== value) throw new VisualforceRenderError(`the local console renders only ${name}="${value}" (the page has ${attributes[name] === undefined ? 'none' : `"${attributes[name]}"`}).`);
  }
  const other = /<\/?apex:(?!page\b)[\w]+/.exec(source);
  if (other) throw new VisualforceRenderError(`<${other[0].replace(/^<\/?/, '')}> is not rendered by the local console.`);
  let html = source
    .replace(open[0], '<html lang="en">')
    .replace(/<\/apex:page>\s*$/, '</html>\n')
    .replace(/\{!([\s\S]*?)\}/g, (_, expression: string) => evaluate(expression, context));
  if (attributes['title'] !== undefined) {
    if (!/<head>/.test(html)) throw new VisualforceRenderError('a page with a title needs a <head>.');
    html = html.replace('<head>', `<head>\n        <title>${attributes['title'].replace(/[<>&"]/g, '')}</title>`);
  }
  return `<!DOCTYPE html>\n${html}`;
}

/**
 * The softphone host page with Open CTI only and no ContactPad (/softphone?contactpad=off): a
 * passive softphone, to try or test the console and the Open CTI shim on their own.
 */
export function bareSoftphonePageHtml(openCtiPath: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Open CTI only (no ContactPad)</title>
<script src="${openCtiPath}"></script>
</head>
<body style="margin:0;font-family:system-ui,sans-serif">
<p style="padding:8px">Open CTI only: ContactPad is not loaded (contactpad=off).</p>
</body>
</html>
`;
}

/**
 * Salesforce's origin as the local console plays it for Service Cloud Voice: the connector base
 * takes SETUP_CONNECTOR only from Salesforce's domains (scv-connector-base baseConnector.js), and
 * the console runs on 127.0.0.1.
 */
export const SCV_CONSOLE_ORIGIN = 'https://local-console.lightning.force.com';

/**
 * The connector page for `/softphone?host=scv`: force-app-voice's ContactPadConnector.page (what
 * Salesforce's Omni-Channel softphone loads in its frame under Service Cloud Voice) rendered as
 * Visualforce would render it ({@link renderVisualforcePage}): scv.js starts itself from the
 * page's data attributes, under the page's own Content-Security-Policy.
 *
 * Two things are the console's alone, because the console is not Salesforce:
 * - the console page is on 127.0.0.1, not on a Salesforce domain, so its SETUP_CONNECTOR (from
 *   the parent window, same origin) is handed to the page again as coming from
 *   {@link SCV_CONSOLE_ORIGIN}, with its MessagePort (a script put before the policy, which
 *   governs what follows it); nothing else is relayed;
 * - the console's SIP server is plain ws://127.0.0.1 (a production edge is wss:), added to the
 *   policy's connect-src.
 */
export function scvConnectorPageHtml(pageSource: string, context: VisualforceContext): string {
  const relay = `<script>
  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || event.origin !== location.origin || !event.data || event.data.type !== 'SETUP_CONNECTOR') return;
    window.dispatchEvent(new MessageEvent('message', { data: event.data, origin: '${SCV_CONSOLE_ORIGIN}', ports: Array.from(event.ports) }));
  });
</script>`;
  const html = renderVisualforcePage(pageSource, context);
  const policy = /(<meta http-equiv="Content-Security-Policy" content="[^"]*connect-src [^;"]*)/;
  if (!policy.test(html)) throw new VisualforceRenderError('the connector page must have a Content-Security-Policy with connect-src.');
  return html.replace(policy, '$1 ws://127.0.0.1:*').replace('<head>', `<head>\n${relay}`);
}

/** The console page (/): its layout skeleton, inline configuration and its bundled module. */
export function consolePageHtml(config: ConsoleConfig): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ContactPad local console</title>
<link rel="stylesheet" href="/console/console.css">
<script type="application/json" id="${CONSOLE_CONFIG_ELEMENT_ID}">${inlineJson(config)}</script>
<script type="module" src="/console/console-main.js"></script>
</head>
<body>
<noscript>The ContactPad local console needs JavaScript.</noscript>
</body>
</html>
`;
}
