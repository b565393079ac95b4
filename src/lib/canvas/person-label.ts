/** The mark for "kan misschien helpen" (a possible JIM): text, so it never depends on colour. */
export const JIM_MARK = '☆';

/** A name line holds this many characters; a name gets two lines and is never cut within its first LINE characters. */
const LINE = 14;
/** A single word may run a little longer before it is broken. */
const STRETCH = 3;

/**
 * A name on at most two lines: words fill the first line up to 14 characters, the rest goes to
 * the second, which is cut with … only beyond 14 characters of its own. A word too long for a
 * line is broken inside it. So the first 14 characters always show.
 */
export function wrapName(name: string): string[] {
	const chars = Array.from(name.trim().replace(/\s+/g, ' '));
	if (chars.length <= LINE) return [chars.join('')];
	let first: string[];
	let rest: string[];
	const space = chars.slice(0, LINE + 1).lastIndexOf(' ');
	if (space > 0) {
		first = chars.slice(0, space);
		rest = chars.slice(space + 1);
	} else {
		const end = chars.indexOf(' ') < 0 ? chars.length : chars.indexOf(' ');
		// A word a little longer than a line stays whole; a longer one is broken with a hyphen.
		if (end <= LINE + STRETCH) {
			first = chars.slice(0, end);
			rest = chars.slice(end + 1);
		} else {
			first = [...chars.slice(0, LINE), '-'];
			rest = chars.slice(LINE);
		}
	}
	if (rest.length === 0) return [first.join('')];
	const second = rest.length <= LINE + STRETCH ? rest.join('') : `${rest.slice(0, LINE).join('').trimEnd()}…`;
	return [first.join(''), second];
}

/**
 * A person's label on the canvas: the name on one or two lines, ☆ after it for a JIM candidate,
 * and a line with the word for the chosen JIM (or backup) and the count of open agreements
 * ("2 afspraken"), so both stand out without colour.
 */
export function personLabel(name: string, jimCandidate: boolean, badge?: string, agreements?: string): string {
	const lines = wrapName(name);
	if (jimCandidate && !badge) lines[lines.length - 1] += ` ${JIM_MARK}`;
	const extra = [badge, agreements].filter(Boolean).join(' · ');
	return extra ? `${lines.join('\n')}\n${extra}` : lines.join('\n');
}

/**
 * The same label narrower, for a crowded circle: the words after the name each on a line of their
 * own, and a name line of two words or more split in the middle. Null when it cannot get narrower.
 */
export function narrowLabel(label: string): string | null {
	const lines = label.split('\n').flatMap((line) => {
		if (line.includes(' · ')) return line.split(' · ');
		const words = line.split(' ');
		if (words.length < 2 || Array.from(line).length < 8) return [line];
		// Where the two halves are closest in length.
		let best = 1;
		for (let i = 1; i < words.length; i++) {
			const a = words.slice(0, i).join(' ').length;
			const b = words.slice(i).join(' ').length;
			const was = Math.abs(words.slice(0, best).join(' ').length - words.slice(best).join(' ').length);
			if (Math.abs(a - b) < was) best = i;
		}
		return [words.slice(0, best).join(' '), words.slice(best).join(' ')];
	});
	const narrow = lines.join('\n');
	return narrow === label ? null : narrow;
}

/** The first letter of a name, as a capital (a whole character, also outside the BMP). */
export function initialOf(name: string): string {
	return Array.from(name.trim())[0]?.toLocaleUpperCase() ?? '?';
}

const initials = new Map<string, string>();

/** A person's initial as an SVG data URL, drawn as the circle's background (a node has one text label: the name). */
export function initialImage(name: string, colour: string): string {
	const initial = initialOf(name);
	const key = `${initial}${colour}`;
	let url = initials.get(key);
	if (!url) {
		const safe = initial.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
		const svg =
			`<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">` +
			`<text x="50" y="50" dy="0.35em" text-anchor="middle" font-family="system-ui,sans-serif" font-size="52" font-weight="700" fill="${colour}">${safe}</text></svg>`;
		url = `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
		initials.set(key, url);
	}
	return url;
}
