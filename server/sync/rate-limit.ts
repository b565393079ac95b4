// The rate limit of one socket's incoming messages: a token bucket. Messages over it wait, in
// order, while the socket is not read; a change is never dropped, as every later change of its
// writer would wait for it. A socket that keeps the bucket empty too long, or makes too much wait,
// floods: its connection closes it (1008), and a stock client reconnects and sends what the
// server lacks in one piece.

/**
 * A stock client sends a handful of messages before the first answer; far more while loading is
 * abuse. Also the most that may wait over the rate limit (reading stops, but what the socket had
 * already read still arrives), with MAX_WAITING_BYTES.
 */
export const MAX_QUEUED_MESSAGES = 1000;
const MAX_WAITING_BYTES = 8 << 20;
/** A socket that keeps its bucket from filling up again this long after it ran empty floods. */
const MAX_WAITING_MS = 5000;

export interface RateLimits {
	/** This many messages at once… */
	messageBurst: number;
	/** …refilled at this rate. */
	messagesPerSecond: number;
}

/** What the gate does with a socket's messages. */
export interface GateSink<T> {
	/** A message within the limit, in the order it came. */
	accept(message: T): void;
	/** Stop reading the socket (messages wait). */
	pause(): void;
	/** Read the socket again (nothing waits any more). */
	resume(): void;
	/** The socket floods: close it. The gate has stopped. */
	flooded(waiting: number): void;
	/** The connection is closing: nothing more is accepted. */
	closing(): boolean;
}

export class MessageGate<T> {
	private tokens: number;
	private tokensAt = Date.now();
	/** Messages that came over the rate limit, handled in order as the bucket refills. */
	private waiting: { message: T; bytes: number }[] = [];
	private waitingBytes = 0;
	/** When the bucket ran empty, until it is full again; 0 when it is full. */
	private emptySince = 0;
	private timer: NodeJS.Timeout | null = null;

	constructor(
		private readonly limits: RateLimits,
		private readonly sink: GateSink<T>
	) {
		this.tokens = limits.messageBurst;
	}

	/** A message the socket read (`bytes` long): accepted now, or waiting its turn. */
	push(message: T, bytes: number): void {
		if (this.waiting.length > 0 || !this.takeToken()) this.wait(message, bytes);
		else this.sink.accept(message);
	}

	/** Drops what waits and stops the timer (the connection closed). */
	stop(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		this.waiting = [];
		this.waitingBytes = 0;
	}

	private get interval(): number {
		return Math.ceil(1000 / this.limits.messagesPerSecond);
	}

	private wait(message: T, bytes: number): void {
		this.waiting.push({ message, bytes });
		this.waitingBytes += bytes;
		if (this.waiting.length > MAX_QUEUED_MESSAGES || this.waitingBytes > MAX_WAITING_BYTES || this.floods()) return this.flooded();
		this.sink.pause();
		this.timer ??= setTimeout(() => this.drain(), this.interval);
	}

	private drain(): void {
		this.timer = null;
		while (this.waiting.length > 0 && !this.sink.closing() && this.takeToken()) {
			const { message, bytes } = this.waiting.shift()!;
			this.waitingBytes -= bytes;
			this.sink.accept(message);
		}
		if (this.sink.closing()) return this.stop();
		if (this.waiting.length === 0) return this.sink.resume();
		if (this.floods()) return this.flooded();
		this.timer = setTimeout(() => this.drain(), this.interval);
	}

	private floods(): boolean {
		return this.emptySince > 0 && Date.now() - this.emptySince > MAX_WAITING_MS;
	}

	private flooded(): void {
		const waiting = this.waiting.length;
		this.stop();
		this.sink.flooded(waiting);
	}

	/** One message from the bucket; false when it is empty. */
	private takeToken(): boolean {
		const { messageBurst, messagesPerSecond } = this.limits;
		const now = Date.now();
		this.tokens = Math.min(messageBurst, this.tokens + ((now - this.tokensAt) / 1000) * messagesPerSecond);
		this.tokensAt = now;
		if (this.tokens >= messageBurst) this.emptySince = 0;
		if (this.tokens < 1) {
			this.emptySince ||= now;
			return false;
		}
		this.tokens -= 1;
		return true;
	}
}
