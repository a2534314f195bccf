/** Chromium's launch flags for this project (headless, no sandbox, fake media). */
export declare const CHROMIUM_ARGS: readonly string[];
/** Path of the system Chromium, or a clear error saying what to install. */
export declare function chromiumExecutable(): string;
