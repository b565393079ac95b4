import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';

// A page's language stays as it loaded: switching it reloads the page (LanguageSwitch, setLocale).
// Paraglide reads the cookie again for each message after every microtask; read once instead
// (some 45 ms of a big map's first render went to reading document.cookie: bench/profile-map-page.ts).
const locale = getLocale();
overwriteGetLocale(() => locale);
