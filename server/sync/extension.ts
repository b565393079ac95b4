// What happens around a room (its versions, the access watch, the write guard) is an extension:
// an object with hooks at the moments of a room's life. rooms.ts and room.ts call them; nothing
// else in the sync server knows which extensions there are (index.ts lists them).
import type { Connection } from './connection.ts';
import type { Room } from './room.ts';

/** What an extension does at the moments of a room's life; every hook is optional. */
export interface RoomExtension {
	/** A room was made, before it loads: attach what this extension keeps for it. */
	created?(room: Room): void;
	/** The room's document is loaded (and brought up to this server's schema): it takes changes now. */
	loaded?(room: Room): void;
	/**
	 * The document changed: a client's update, the server's own work, or its load (`origin` tells).
	 * Runs inside the change, so keep it short: mark, don't work.
	 */
	changed?(room: Room, update: Uint8Array, origin: unknown): void;
	/** A connection joined the room (its access was checked at the upgrade). */
	connected?(room: Room, conn: Connection): void;
	/** A connection left the room (closed, for whatever reason). */
	disconnected?(room: Room, conn: Connection): void;
	/**
	 * Why a client's update may not be applied, or null to let it through. Asked before anything of
	 * it is applied; the first refusal refuses the whole update, and the writer is told.
	 * Throws on a malformed update (the connection closes).
	 */
	refuseUpdate?(room: Room, conn: Connection, update: Uint8Array): string | null;
	/**
	 * The room's session ended: its last client left (or the server stops) and all is stored.
	 * Awaited before the room unloads; a failure is logged and does not keep it loaded.
	 */
	sessionEnded?(room: Room, end: { shutdown: boolean }): Promise<void>;
	/** The room is gone: drop what this extension kept for it. */
	unloaded?(room: Room): void;
}
