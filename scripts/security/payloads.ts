/**
 * The security suite's hostile text: cross-site scripting payloads in classes (script tags,
 * event handlers, SVG and MathML, javascript: and data: URLs, attribute and context breakouts,
 * bidi overrides, 100 KB strings, and a few other encodings), each written for one `mark` so
 * that whatever runs or is created can be traced back to the payload and the door it came
 * through:
 *
 * - code that runs calls `__xss('<mark>')` (the trap every frame has, trap.ts), `alert('<mark>')`
 *   (the dialog handler) or `console.error('xss'+'-ran:'+'<mark>')` (the console listener: the
 *   line "xss-ran:<mark>" exists only once the code ran, not in a log of the payload's text);
 * - markup that loads something requests /xss-probe/<mark>...;
 * - markup the page builds from it carries the mark in an attribute (`id`, `class`, an
 *   `on...` handler or a URL), which the DOM scan looks for (dom-scan.ts).
 *
 * Sources of the classic forms: OWASP's XSS Filter Evasion Cheat Sheet
 * (cheatsheetseries.owasp.org/cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.html) and PortSwigger's
 * XSS cheat sheet (portswigger.net/web-security/cross-site-scripting/cheat-sheet), each adapted
 * to call the trap instead of alert(1) where both would do.
 */

/** The kind of payload, as the report's table names it. */
export type PayloadClass = 'script tag' | 'event handler' | 'svg/mathml' | 'javascript: url' | 'attribute breakout' | 'rtl override' | '100 KB string' | 'other encoding';

export const PAYLOAD_CLASSES: readonly PayloadClass[] = [
  'script tag', 'event handler', 'svg/mathml', 'javascript: url', 'attribute breakout', 'rtl override', '100 KB string', 'other encoding',
];

/** One payload: its class, a short name for the report, and its text for a mark. */
export interface Payload {
  readonly id: string;
  readonly kind: PayloadClass;
  readonly text: (mark: string) => string;
}

/** U+202E RIGHT-TO-LEFT OVERRIDE and its relatives (Unicode Bidirectional Algorithm, UAX #9, 2.1 and 2.2). */
const RLO = '\u202e';
const LRO = '\u202d';
const RLI = '\u2067';
const PDF = '\u202c';
const PDI = '\u2069';

/** 100 KB (102,400 UTF-16 code units, about as many bytes) made of `unit` repeated. */
function hundredKb(unit: string): string {
  return unit.repeat(Math.ceil(102_400 / unit.length)).slice(0, 102_400);
}

const T = (m: string) => `__xss('${m}')`;

const scriptTags: Array<[string, (m: string) => string]> = [
  ['plain', (m) => `<script>${T(m)}</script>`],
  ['upper case with id', (m) => `<SCRIPT id=${m}>${T(m)}</SCRIPT>`],
  ['src data URL', (m) => `<script id=${m} src="data:text/javascript,${T(m)}"></script>`],
  ['nested to survive one strip', (m) => `<scr<script>ipt id=${m}>${T(m)}</scr</script>ipt>`],
  ['after closing a tag', (m) => `"></p><script id=${m}>${T(m)}</script>`],
  ['module', (m) => `<script type=module id=${m}>${T(m)}</script>`],
  ['closes a title', (m) => `</title><script id=${m}>${T(m)}</script>`],
  ['closes a textarea', (m) => `</textarea><script id=${m}>${T(m)}</script>`],
  ['closes a style', (m) => `</style><script id=${m}>${T(m)}</script>`],
  ['iframe srcdoc', (m) => `<iframe id=${m} srcdoc="<script>${T(m)}</script>"></iframe>`],
  ['object data URL', (m) => `<object id=${m} data="data:text/html,<script>${T(m)}</script>"></object>`],
  ['embed data URL', (m) => `<embed id=${m} src="data:text/html,<script>${T(m)}</script>">`],
  ['unclosed script', (m) => `<script id=${m}>${T(m)}`],
  ['template holding a script', (m) => `<template id=${m}><script>${T(m)}</script></template>`],
  ['alert', (m) => `<script id=${m}>alert('${m}')</script>`],
];

const eventHandlers: Array<[string, (m: string) => string]> = [
  ['img onerror', (m) => `<img src=x id=${m} onerror=${T(m)}>`],
  ['img onerror, no quotes or spaces', (m) => `<img/src/id=${m}/onerror=${T(m)}>`],
  ['body onload', (m) => `<body id=${m} onload=${T(m)}>`],
  ['input autofocus onfocus', (m) => `<input id=${m} autofocus onfocus=${T(m)}>`],
  ['details ontoggle', (m) => `<details id=${m} open ontoggle=${T(m)}>`],
  ['video onerror', (m) => `<video id=${m} src=x onerror=${T(m)}></video>`],
  ['audio onerror', (m) => `<audio id=${m} src=x onerror=${T(m)}></audio>`],
  ['marquee onstart', (m) => `<marquee id=${m} onstart=${T(m)}>x</marquee>`],
  ['div onmouseover', (m) => `<div id=${m} onmouseover=${T(m)} style="position:fixed;inset:0">x</div>`],
  ['select autofocus onfocus', (m) => `<select id=${m} autofocus onfocus=${T(m)}></select>`],
  ['textarea autofocus onfocus', (m) => `<textarea id=${m} autofocus onfocus=${T(m)}></textarea>`],
  ['iframe onload', (m) => `<iframe id=${m} onload=${T(m)}></iframe>`],
  ['object onerror', (m) => `<object id=${m} data=x onerror=${T(m)}></object>`],
  ['style onload', (m) => `<style id=${m} onload=${T(m)}></style>`],
  ['custom element onclick', (m) => `<x-cp id=${m} onclick=${T(m)}>click</x-cp>`],
  ['entity-encoded handler', (m) => `<img src=x id=${m} onerror="&#95;&#95;xss('${m}')">`],
  ['unicode-escaped handler', (m) => `<img src=x id=${m} onerror="\\u005f\\u005fxss('${m}')">`],
  ['backtick handler', (m) => `<img src=x id=${m} onerror=__xss\`${m}\`>`],
  ['console.error handler', (m) => `<img src=x id=${m} onerror="console.error('xss'+'-ran:'+'${m}')">`],
  ['img onerror alert', (m) => `<img src=x id=${m} onerror="alert('${m}')">`],
  ['img with a fetch of the mark', (m) => `<img id=${m} src="/xss-probe/${m}.png">`],
  ['a onfocus with tabindex', (m) => `<a id=${m} tabindex=1 autofocus onfocus=${T(m)}>x</a>`],
];

const svgAndMath: Array<[string, (m: string) => string]> = [
  ['svg onload', (m) => `<svg id=${m} onload=${T(m)}>`],
  ['svg slash onload', (m) => `<svg/id=${m}/onload=${T(m)}>`],
  ['svg script', (m) => `<svg id=${m}><script>${T(m)}</script></svg>`],
  ['svg animate onbegin', (m) => `<svg id=${m}><animate onbegin=${T(m)} attributeName=x dur=1s>`],
  ['svg set onbegin', (m) => `<svg id=${m}><set onbegin=${T(m)} attributeName=x to=1>`],
  ['svg a xlink:href', (m) => `<svg id=${m}><a xlink:href="javascript:${T(m)}"><text y=20>x</text></a></svg>`],
  ['svg foreignObject img', (m) => `<svg><foreignObject><img src=x id=${m} onerror=${T(m)}></foreignObject></svg>`],
  ['svg image onerror', (m) => `<svg><image id=${m} href=x onerror=${T(m)}></image></svg>`],
  ['mathml img', (m) => `<math><mtext><img src=x id=${m} onerror=${T(m)}></mtext></math>`],
  ['mathml href', (m) => `<math id=${m} href="javascript:${T(m)}">x</math>`],
  ['svg use data URL', (m) => `<svg id=${m}><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='x' onerror='${T(m)}'/></svg>#x"></use></svg>`],
  ['svg style breakout', (m) => `<svg><style><img src=x id=${m} onerror=${T(m)}></style></svg>`],
  ['svg title breakout', (m) => `<svg><title><![CDATA[</title><img src=x id=${m} onerror=${T(m)}>]]></title></svg>`],
  ['svg inside noscript', (m) => `<noscript><p title="</noscript><svg id=${m} onload=${T(m)}>">`],
];

const javascriptUrls: Array<[string, (m: string) => string]> = [
  ['bare javascript: URL', (m) => `javascript:${T(m)}`],
  ['mixed case', (m) => `JaVaScRiPt:${T(m)}`],
  ['tab inside the scheme', (m) => `java\tscript:${T(m)}`],
  ['entity-encoded scheme', (m) => `&#106;avascript:${T(m)}`],
  ['link', (m) => `<a id=${m} href="javascript:${T(m)}">call me</a>`],
  ['iframe src', (m) => `<iframe id=${m} src="javascript:${T(m)}"></iframe>`],
  ['form action', (m) => `<form id=${m} action="javascript:${T(m)}"><button>x</button></form>`],
  ['button formaction', (m) => `<form><button id=${m} formaction="javascript:${T(m)}">x</button></form>`],
  ['data: text/html', (m) => `data:text/html,<script>${T(m)}</script>`],
  ['base href', (m) => `<base id=${m} href="javascript:${T(m)}//">`],
  ['meta refresh', (m) => `<meta id=${m} http-equiv=refresh content="0;url=javascript:${T(m)}">`],
  ['embed src', (m) => `<embed id=${m} src="javascript:${T(m)}">`],
  ['javascript comment and newline', (m) => `javascript://%0a${T(m)}`],
  ['vbscript', (m) => `vbscript:msgbox("${m}")`],
  ['area href', (m) => `<map><area id=${m} href="javascript:${T(m)}" shape=default></map>`],
];

const attributeBreakouts: Array<[string, (m: string) => string]> = [
  ['double quote, onmouseover', (m) => `" id="${m}" onmouseover="${T(m)}" x="`],
  ['single quote, autofocus onfocus', (m) => `' id='${m}' autofocus onfocus='${T(m)}' x='`],
  ['double quote, close the tag', (m) => `"><img src=x id=${m} onerror=${T(m)}>`],
  ['single quote, close the tag', (m) => `'><svg id=${m} onload=${T(m)}>`],
  ['unquoted attribute', (m) => `x id=${m} autofocus onfocus=${T(m)}`],
  ['backtick attribute', (m) => `\` id=${m} onmouseover=${T(m)} \``],
  ['style url()', (m) => `" id="${m}" style="background:url(javascript:${T(m)})" x="`],
  ['self-closing breakout', (m) => `"/><img src=x id=${m} onerror=${T(m)}>`],
  ['closes a dd', (m) => `</dd><img src=x id=${m} onerror=${T(m)}>`],
  ['closes a button', (m) => `</button><img src=x id=${m} onerror=${T(m)}>`],
  ['quote entities', (m) => `&quot; id=&quot;${m}&quot; onmouseover=&quot;${T(m)}`],
  ['JavaScript template literal', (m) => `\${${T(m)}}\`;${T(m)};\``],
  ['template expression', (m) => `{{constructor.constructor("${T(m)}")()}}`],
  ['comment breakout', (m) => `--><img src=x id=${m} onerror=${T(m)}><!--`],
  ['CDATA breakout', (m) => `]]><img src=x id=${m} onerror=${T(m)}>`],
  ['JSON breakout', (m) => `"};${T(m)};var x={"a":"`],
  ['closes a script string', (m) => `';${T(m)};//</script><img src=x id=${m} onerror=${T(m)}>`],
  ['lit marker', (m) => `<!--?lit$123$--><img src=x id=${m} onerror=${T(m)}>`],
];

const rtlOverrides: Array<[string, (m: string) => string]> = [
  ['file name reversed', (m) => `Maria ${m} ${RLO}gpj.exe`],
  ['number reversed', (m) => `${RLO}0010 555 514 1+ ${m}`],
  ['override before markup', (m) => `${RLO}<img src=x id=${m} onerror=${T(m)}>`],
  ['override closed with PDF', (m) => `Ann ${RLO}htimS${PDF} ${m}`],
  ['left-to-right override', (m) => `${LRO}${m} override${PDF}`],
  ['isolate left open', (m) => `${RLI}${m} never closed`],
  ['isolate and override', (m) => `${RLI}${RLO}${m}${PDF}${PDI} tail`],
  ['override spanning the field', (m) => `${RLO}${m} Queue: Sales${RLO}${RLO}${RLO}`],
  ['zero-width and override', (m) => `A\u200b\u200c\u200d\u2060${RLO}${m}\ufeff`],
  ['Arabic letter mark and override', (m) => `\u061c${RLO}${m} \u200f\u200e`],
];

const longStrings: Array<[string, (m: string) => string]> = [
  ['100 KB of one word', (m) => `${m}${hundredKb('A')}`],
  ['100 KB of words', (m) => `${m} ${hundredKb('Bartholomew ')}`],
  ['100 KB of img tags', (m) => hundredKb(`<img src=x id=${m} onerror=${T(m)}>`)],
  ['100 KB of overrides', (m) => `${m}${hundredKb(`${RLO}x`)}`],
  ['100 KB of combining marks', (m) => `${m}${hundredKb('e\u0301\u0302\u0303\u0304\u0305')}`],
];

const otherEncodings: Array<[string, (m: string) => string]> = [
  ['HTML entities of a tag', (m) => `&lt;img src=x id=${m} onerror=${T(m)}&gt;`],
  ['percent-encoded tag', (m) => `%3Cimg%20src%3Dx%20id%3D${m}%20onerror%3D${T(m).replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29')}%3E`],
  ['double percent-encoded tag', (m) => `%253Cimg%2520src%253Dx%2520id%253D${m}%2520onerror%253D__xss()%253E`],
  ['style block', (m) => `<style id=${m}>*{display:none!important}</style>`],
  ['link stylesheet', (m) => `<link id=${m} rel=stylesheet href="/xss-probe/${m}.css">`],
  ['full-width brackets', (m) => `\uff1cimg src=x id=${m} onerror=${T(m)}\uff1e`],
  ['null byte inside a tag', (m) => `<im\u0000g src=x id=${m} onerror=${T(m)}>`],
  ['utf-7', (m) => `+ADw-script id=${m}+AD4-${T(m)}+ADw-/script+AD4-`],
  ['prototype pollution keys', (m) => `__proto__[${m}]=1&constructor[prototype][${m}]=1`],
  ['sql and soql quote', (m) => `' OR Name != '' OR Name = '${m}`],
  ['emoji and surrogates', (m) => `${m} \ud83d\ude00\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 \ud800 lone`],
  ['newline header injection', (m) => `${m}\r\nX-CP-Queue: injected\r\n\r\n<script>${T(m)}</script>`],
];

function named(kind: PayloadClass, list: Array<[string, (m: string) => string]>): Payload[] {
  return list.map(([id, text]) => ({ id, kind, text }));
}

/** Every payload of the suite (at least 100). */
export const PAYLOADS: readonly Payload[] = Object.freeze([
  ...named('script tag', scriptTags),
  ...named('event handler', eventHandlers),
  ...named('svg/mathml', svgAndMath),
  ...named('javascript: url', javascriptUrls),
  ...named('attribute breakout', attributeBreakouts),
  ...named('rtl override', rtlOverrides),
  ...named('100 KB string', longStrings),
  ...named('other encoding', otherEncodings),
]);

/**
 * The payloads of a run: all of them, or (the short run of .ci/run) the first two of every
 * class, so every class still goes through every door.
 */
export function payloadsFor(mode: 'full' | 'short'): readonly Payload[] {
  if (mode === 'full') return PAYLOADS;
  return PAYLOAD_CLASSES.flatMap((kind) => PAYLOADS.filter((payload) => payload.kind === kind).slice(0, 2));
}

/** A mark: letters and digits only, so it survives every cleaning and is found as it is. */
export function markOf(payloadIndex: number, door: string): string {
  return `xs${payloadIndex.toString(36)}q${door.replace(/[^a-z0-9]/gi, '').toLowerCase()}`;
}
