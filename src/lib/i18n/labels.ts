import { m } from '$lib/paraglide/messages.js';
import type { Ring, Sector } from '$lib/doc/schema';

/** Names of sectors and rings in the current language. */
export function sectorName(sector: Sector): string {
	return { familie: m.sector_familie, vrienden: m.sector_vrienden, school: m.sector_school, hulpverleners: m.sector_hulpverleners }[
		sector
	]();
}

export function ringName(ring: Ring): string {
	return [m.ring_1, m.ring_2, m.ring_3, m.ring_4][ring - 1]();
}
