const ORIGIN_PROBE = 'http://kring.invalid';
// Tabs, newlines and other control characters, raw or percent-encoded: browsers drop some of them
// while parsing a Location, which turns `/\t/evil.example` into `//evil.example`.
const UNSAFE = /[\u0000-\u001f\u007f\\]|%(?:0[0-9a-f]|1[0-9a-f]|7f|5c)/i;

/** A same-site path to return to after login, or the maps overview. */
export function safeNext(next: string | null): string {
	const fallback = '/kaarten';
	if (!next || !next.startsWith('/') || next.startsWith('//') || UNSAFE.test(next)) return fallback;
	let url: URL;
	try {
		url = new URL(next, ORIGIN_PROBE);
	} catch {
		return fallback;
	}
	if (url.origin !== ORIGIN_PROBE) return fallback;
	return url.pathname + url.search + url.hash;
}
