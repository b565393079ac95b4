export type LogLevel = 'info' | 'warn' | 'error';
export type Log = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

/** One JSON object per line. Callers pass ids and counts only: never tokens, names, emails or content. */
export const consoleLog: Log = (level, msg, fields) => {
	const line = JSON.stringify({ time: new Date().toISOString(), level, scope: 'sync', msg, ...fields });
	if (level === 'info') console.log(line);
	else if (level === 'warn') console.warn(line);
	else console.error(line);
};

/** Error text for logs without stack traces or response bodies that could echo request data. */
export function errorSummary(err: unknown): Record<string, unknown> {
	if (err && typeof err === 'object') {
		const e = err as { name?: unknown; message?: unknown; status?: unknown };
		return { error: String(e.name ?? 'Error'), reason: String(e.message ?? ''), status: e.status };
	}
	return { error: String(err) };
}
