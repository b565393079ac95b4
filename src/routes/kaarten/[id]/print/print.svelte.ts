import { flushSync, untrack } from 'svelte';

/**
 * Printing the map page. The print sheet (map picture, legend, JIM, plan) is put in the page only
 * while printing, with a fresh picture of the circle: by the "Printen / PDF" button, the browser's
 * own print command (beforeprint) or print media (as in a PDF export).
 */
export class Printing {
	/** The print sheet is in the page; it shows on paper only. */
	active = $state(false);
	/** The circle as a data URL; null when it could not be drawn (the sheet says so). */
	image = $state<string | null>(null);
	/** The sheet's <img>, to wait until the picture is decoded before the dialog opens. */
	imageElement: HTMLImageElement | null = null;
	#requested = false;
	#media = false;
	readonly #draw: () => string;
	readonly #printed: () => void;

	/** `printed` is told each time the sheet is put in the page for paper (the access log says who printed). */
	constructor(draw: () => string, printed: () => void = () => {}) {
		this.#draw = draw;
		this.#printed = printed;
	}

	#redraw(): void {
		try {
			this.image = this.#draw();
		} catch (e) {
			console.error('the map picture for print failed', e);
			this.image = null;
		}
	}

	/** Synchronous (flushSync), so it also works in `beforeprint`: the browser lays the print out right after. */
	#update(flush = true): void {
		const wanted = this.#requested || this.#media;
		if (wanted && !this.active) {
			this.#redraw();
			this.active = true;
			this.#printed();
			if (flush) flushSync();
		} else if (!wanted && this.active) {
			this.active = false;
		}
	}

	/** Follows the browser's print events; returns the function that stops following them. */
	listen(): () => void {
		const query = window.matchMedia('print');
		const onMedia = () => {
			this.#media = query.matches;
			this.#update();
		};
		const before = () => {
			this.#requested = true;
			this.#update();
		};
		const after = () => {
			this.#requested = false;
			this.#update();
		};
		query.addEventListener('change', onMedia);
		window.addEventListener('beforeprint', before);
		window.addEventListener('afterprint', after);
		this.#media = query.matches;
		// Called from an effect: reading `active` here must not make the effect depend on it.
		untrack(() => this.#update(false));
		return () => {
			query.removeEventListener('change', onMedia);
			window.removeEventListener('beforeprint', before);
			window.removeEventListener('afterprint', after);
		};
	}

	/** The button: build the sheet, wait for the picture, then open the browser's print dialog. */
	async print(): Promise<void> {
		this.#requested = true;
		if (this.active) {
			this.#redraw();
			flushSync();
		} else this.#update();
		await this.imageElement?.decode().catch(() => undefined);
		window.print();
	}
}
