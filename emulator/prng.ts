/** Deterministic generators: one independent stream per purpose, all derived from the seed. */

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for IDs and fault dice. */
export class Prng {
  private s: number;
  constructor(seed: number, stream: string) {
    this.s = (hashString(stream) ^ Math.imul(seed >>> 0, 2654435761)) >>> 0;
  }
  nextU32(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** [0, 1) */
  next(): number {
    return this.nextU32() / 4294967296;
  }
  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  hex(len: number): string {
    let out = '';
    while (out.length < len) out += this.nextU32().toString(16).padStart(8, '0');
    return out.slice(0, len);
  }
  digits(len: number): string {
    let out = '';
    while (out.length < len) out += String(this.nextU32() % 10);
    return out;
  }
  uuid(): string {
    const h = this.hex(32);
    const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** The emulator's generators. */
export class Generators {
  readonly ids: Prng;
  readonly requests: Prng;
  readonly faults: Prng;
  readonly pages: Prng;
  constructor(seed: number) {
    this.ids = new Prng(seed, 'ids');
    this.requests = new Prng(seed, 'requests');
    this.faults = new Prng(seed, 'faults');
    this.pages = new Prng(seed, 'pages');
  }
}
