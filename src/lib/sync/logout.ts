/**
 * Whether this tab is logging out. The server ends the session's live connections the moment the
 * logout reaches it; an open map then must not send the user to the login page to come back to
 * it (the logout itself goes to the login page). Set only in the browser, by the logout form.
 */
let loggingOut = false;

export function setLoggingOut(on: boolean): void {
	loggingOut = on;
}

export function isLoggingOut(): boolean {
	return loggingOut;
}
