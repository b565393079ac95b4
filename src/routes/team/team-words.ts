import { m } from '$lib/paraglide/messages.js';
import { jimStatusName } from '$lib/i18n/labels';

export { lateWords } from '$lib/i18n/labels';
import { trendWord, type JimColumn } from './dashboard-rows';

/** The dashboard's values in words, in the reader's language. */

export function jimWord(jim: JimColumn): string {
	if (jim === 'none') return m.dashboard_jim_none();
	if (jim === 'unknown') return m.dashboard_jim_unknown();
	return jimStatusName(jim);
}

/** "groeit: 5 → 8": the text beside (and instead of) the sparkline. */
export function trendText(close: readonly number[]): string {
	const from = close[0];
	const to = close[close.length - 1];
	switch (trendWord(close)) {
		case 'grows':
			return m.dashboard_trend_grows({ from, to });
		case 'shrinks':
			return m.dashboard_trend_shrinks({ from, to });
		case 'same':
			return m.dashboard_trend_same({ count: to });
		case 'one':
			return m.dashboard_trend_one({ count: to });
		default:
			return m.dashboard_trend_none();
	}
}
