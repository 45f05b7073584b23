/**
 * Finds task tokens, whole or in part, in texts: every text is kept until {@link finish},
 * because a log line can come before the run learns the token it must not contain.
 *
 * A token is indexed by its windows of {@link WINDOW} characters at every multiple of
 * {@link STEP}, so any piece of a token at least WINDOW + STEP - 1 characters long is found
 * (the redacted form, a 6-character prefix and a hash, is not).
 */
export const WINDOW = 20;
export const STEP = 8;
const TOKEN_RUN = /[A-Za-z0-9._\-+/=]{20,}/g;

export class TokenScanner {
  readonly #tokens = new Set<string>();
  #texts: string[] = [];
  #textCount = 0;
  #charCount = 0;
  #leaks = 0;
  readonly #leakSamples: string[] = [];

  addToken(token: string): void {
    this.#tokens.add(token);
  }

  scan(text: string): void {
    if (text.length === 0) return;
    this.#texts.push(text);
    this.#textCount += 1;
    this.#charCount += text.length;
  }

  /** Scans every text kept so far against every token known so far. */
  finish(): void {
    const windows = this.#windows();
    this.#texts.forEach((text, index) => {
      for (const offset of findPieces(text, windows)) {
        this.#leaks += 1;
        // Where it was, never what.
        if (this.#leakSamples.length < 5)
          this.#leakSamples.push(`text #${index}, offset ${offset}`);
      }
    });
    this.#texts = [];
  }

  /** Token pieces in one text (not kept, not counted in {@link leaks}). */
  leaksIn(text: string): number {
    return findPieces(text, this.#windows()).length;
  }

  #windows(): Set<string> {
    const windows = new Set<string>();
    for (const token of this.#tokens) {
      for (let offset = 0; offset + WINDOW <= token.length; offset += STEP)
        windows.add(token.slice(offset, offset + WINDOW));
    }
    return windows;
  }

  get tokenCount(): number {
    return this.#tokens.size;
  }
  get textCount(): number {
    return this.#textCount;
  }
  get charCount(): number {
    return this.#charCount;
  }
  /** Token pieces found (at most one per run of token characters). */
  get leaks(): number {
    return this.#leaks;
  }
  /** Where the first leaks were found. */
  get leakSamples(): readonly string[] {
    return this.#leakSamples;
  }
}

/** Offsets of token pieces in `text`: at most one per run of token characters. */
function findPieces(text: string, windows: ReadonlySet<string>): number[] {
  const found: number[] = [];
  for (const run of text.matchAll(TOKEN_RUN)) {
    const value = run[0];
    for (let i = 0; i + WINDOW <= value.length; i++) {
      if (windows.has(value.slice(i, i + WINDOW))) {
        found.push((run.index ?? 0) + i);
        break;
      }
    }
  }
  return found;
}
