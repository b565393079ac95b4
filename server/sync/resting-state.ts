// A resting map's whole document, encoded (room.ts). A map that stays at rest is deflated as
// well: a seeded map with a year of history is some 15 KiB encoded and under 4 KiB deflated
// (level 1), and a node keeps thousands of them open. Deflating runs on libuv's threads, so the
// event loop never waits for it; reading a deflated one inflates it (some 0.05 ms).
import { constants, deflateRaw, inflateRawSync } from 'node:zlib';

export class RestingState {
	/** The encoding's own size (what the room counts against its size limit), deflated or not. */
	readonly byteLength: number;
	private bytes: Uint8Array;
	private deflated = false;
	private deflating: Promise<void> | null = null;

	constructor(
		encoded: Uint8Array,
		/** When the map came to rest (Date.now()). */
		readonly since: number
	) {
		this.bytes = encoded;
		this.byteLength = encoded.byteLength;
	}

	/** The encoded document. */
	get encoded(): Uint8Array {
		return this.deflated ? inflateRawSync(this.bytes) : this.bytes;
	}

	get isDeflated(): boolean {
		return this.deflated;
	}

	/** Deflates the encoding (once); reads meanwhile get it as it is. A failure leaves it as it is. */
	deflate(): Promise<void> {
		this.deflating ??= new Promise((resolve) => {
			deflateRaw(this.bytes, { level: constants.Z_BEST_SPEED }, (err, out) => {
				// Its own exact-size copy: zlib's result may share a larger pooled buffer.
				if (!err && out.byteLength < this.bytes.byteLength) {
					this.bytes = new Uint8Array(out);
					this.deflated = true;
				}
				resolve();
			});
		});
		return this.deflating;
	}
}
