import { write } from 'node:fs';

export type LogLevel = 'info' | 'warn' | 'error';
export type Log = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

/** Log text waiting for a slow reader, at most; beyond it lines are dropped and counted. */
const MAX_WAITING_BYTES = 8 << 20;

/**
 * Lines to a file descriptor without ever blocking the event loop. Node writes to a pipe
 * synchronously, so a reader that falls behind (a busy supervisor, a full journal) stalled the
 * whole sync server: 4,000 connections closing at a restart spent 9.6 s waiting to log. Here one
 * write at a time runs off the main thread, lines keep their order, and what waits is bounded.
 */
export function lineWriter(fd: number, writeChunk: typeof write = write) {
	let waiting: string[] = [];
	let waitingBytes = 0;
	let dropped = 0;
	let writing = false;
	let idle: (() => void)[] = [];

	function next(): void {
		if (waiting.length === 0) {
			writing = false;
			for (const done of idle) done();
			idle = [];
			return;
		}
		writing = true;
		const chunk = Buffer.from(waiting.join(''));
		waiting = [];
		waitingBytes = 0;
		let offset = 0;
		const more = () => writeChunk(fd, chunk, offset, chunk.byteLength - offset, null, rest);
		const rest = (err: NodeJS.ErrnoException | null, written: number) => {
			// A full pipe that does not block: try again shortly.
			if (err?.code === 'EAGAIN') return void setTimeout(more, 10);
			// The reader is gone: what is left cannot be written anywhere.
			if (err) return next();
			offset += written;
			if (offset < chunk.byteLength) more();
			else next();
		};
		more();
	}

	return {
		line(text: string): void {
			if (waitingBytes + text.length > MAX_WAITING_BYTES) {
				dropped += 1;
				return;
			}
			if (dropped > 0) {
				const note = JSON.stringify({
					time: new Date().toISOString(),
					level: 'warn',
					scope: 'sync',
					msg: 'log lines dropped',
					count: dropped
				});
				waiting.push(note + '\n');
				waitingBytes += note.length + 1;
				dropped = 0;
			}
			waiting.push(text + '\n');
			waitingBytes += text.length + 1;
			if (!writing) {
				writing = true;
				setImmediate(next);
			}
		},
		/** Resolves once every line so far is written (or could not be). */
		flushed(): Promise<void> {
			return writing || waiting.length > 0 ? new Promise((resolve) => idle.push(resolve)) : Promise.resolve();
		}
	};
}

const stdout = lineWriter(1);
const stderr = lineWriter(2);

/** One JSON object per line. Callers pass ids and counts only: never tokens, names, emails or content. */
export const consoleLog: Log = (level, msg, fields) => {
	const line = JSON.stringify({ time: new Date().toISOString(), level, scope: 'sync', msg, ...fields });
	(level === 'info' ? stdout : stderr).line(line);
};

/** Waits (at most `ms`) until every log line so far is written: before the process exits. */
export async function logsWritten(ms = 2_000): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([
		Promise.all([stdout.flushed(), stderr.flushed()]),
		new Promise((resolve) => {
			timer = setTimeout(resolve, ms);
		})
	]);
	clearTimeout(timer);
}

/** Error text for logs without stack traces or response bodies that could echo request data. */
export function errorSummary(err: unknown): Record<string, unknown> {
	if (err && typeof err === 'object') {
		const e = err as { name?: unknown; message?: unknown; status?: unknown };
		return { error: String(e.name ?? 'Error'), reason: String(e.message ?? ''), status: e.status };
	}
	return { error: String(err) };
}
