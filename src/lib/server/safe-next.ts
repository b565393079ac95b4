const ORIGIN_PROBE = 'http://kring.invalid';
// Tabs, newlines and other control characters, raw or percent-encoded: browsers drop some of them
// while parsing a Location, which turns `/\t/evil.example` into `//evil.example`.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f\\]|%(?:0[0-9a-f]|1[0-9a-f]|7f|5c)/i;

const FALLBACK = '/kaarten';

/** A same-site path to return to after login, or the maps overview. */
export function safeNext(next: string | null): string {
	if (!isLocalPath(next)) return FALLBACK;
	const url = new URL(next, ORIGIN_PROBE);
	const path = url.pathname + url.search + url.hash;
	// Check what is sent, not only what came in: dot segments fold `/.//evil.example` into
	// `//evil.example`, which a browser reads as another host.
	return isLocalPath(path) ? path : FALLBACK;
}

function isLocalPath(path: string | null): path is string {
	if (!path || !path.startsWith('/') || path.startsWith('//') || UNSAFE.test(path)) return false;
	try {
		return new URL(path, ORIGIN_PROBE).origin === ORIGIN_PROBE;
	} catch {
		return false;
	}
}
