import { DOCUMENT, inject, Injectable, signal } from '@angular/core';

const STORAGE_KEY = 'shiori.admin.desk.beep';

/**
 * The desk's optional sound: a short high beep for success, two low ones for a refusal, so
 * a librarian scanning books can keep their eyes on the patron. Off unless turned on (the
 * choice is kept per PC); WebAudio only, no sound files.
 */
@Injectable({ providedIn: 'root' })
export class Beeper {
  private readonly window = inject(DOCUMENT).defaultView;
  private context: AudioContext | null = null;
  readonly enabled = signal(this.read());

  setEnabled(on: boolean): void {
    this.enabled.set(on);
    try {
      this.window?.localStorage.setItem(STORAGE_KEY, on ? '1' : '0');
    } catch {
      // storage disabled: the choice lasts this page only
    }
  }

  success(): void {
    this.play([[880, 0, 0.08]]);
  }

  refusal(): void {
    this.play([
      [220, 0, 0.12],
      [220, 0.18, 0.12],
    ]);
  }

  /** Tones as [frequency Hz, start s, length s]. */
  private play(tones: [number, number, number][]): void {
    if (!this.enabled()) return;
    try {
      const Ctx = (this.window as (Window & { AudioContext?: typeof AudioContext }) | null)?.AudioContext;
      if (!Ctx) return;
      this.context ??= new Ctx();
      const ctx = this.context;
      for (const [freq, start, length] of tones) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'square';
        osc.frequency.value = freq;
        gain.gain.value = 0.05;
        osc.connect(gain).connect(ctx.destination);
        osc.start(ctx.currentTime + start);
        osc.stop(ctx.currentTime + start + length);
      }
    } catch {
      // no audio device: the colours and words still say it
    }
  }

  private read(): boolean {
    try {
      return this.window?.localStorage.getItem(STORAGE_KEY) === '1';
    } catch {
      return false;
    }
  }
}
