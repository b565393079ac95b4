/**
* This file was @generated using pocketbase-typegen
*/

import type PocketBase from 'pocketbase'
import type { RecordService } from 'pocketbase'

export const Collections = {
	Authorigins: "_authOrigins",
	Externalauths: "_externalAuths",
	Mfas: "_mfas",
	Otps: "_otps",
	Superusers: "_superusers",
	AccessLog: "access_log",
	Invitations: "invitations",
	JimTips: "jim_tips",
	MapDocs: "map_docs",
	MapMembers: "map_members",
	MapUpdates: "map_updates",
	MapVersions: "map_versions",
	Maps: "maps",
	Sessions: "sessions",
	TeamMembers: "team_members",
	Teams: "teams",
	Users: "users",
} as const
export type Collections = typeof Collections[keyof typeof Collections]

// Alias types for improved usability
export type IsoDateString = string
export type IsoAutoDateString = string & { readonly autodate: unique symbol }
export type RecordIdString = string
export type FileNameString = string & { readonly filename: unique symbol }
export type HTMLString = string

type ExpandType<T> = unknown extends T
	? T extends unknown
		? { expand?: unknown }
		: { expand: T }
	: { expand: T }

// System fields
export type BaseSystemFields<T = unknown> = {
	id: RecordIdString
	collectionId: string
	collectionName: Collections
} & ExpandType<T>

export type AuthSystemFields<T = unknown> = {
	email: string
	emailVisibility: boolean
	username: string
	verified: boolean
} & BaseSystemFields<T>

// Record types for each collection

export type AuthoriginsRecord = {
	collectionRef: string
	created: IsoAutoDateString
	fingerprint: string
	id: string
	recordRef: string
	updated: IsoAutoDateString
}

export type ExternalauthsRecord = {
	collectionRef: string
	created: IsoAutoDateString
	id: string
	provider: string
	providerId: string
	recordRef: string
	updated: IsoAutoDateString
}

export type MfasRecord = {
	collectionRef: string
	created: IsoAutoDateString
	id: string
	method: string
	recordRef: string
	updated: IsoAutoDateString
}

export type OtpsRecord = {
	collectionRef: string
	created: IsoAutoDateString
	id: string
	password: string
	recordRef: string
	sentTo?: string
	updated: IsoAutoDateString
}

export type SuperusersRecord = {
	created: IsoAutoDateString
	email: string
	emailVisibility?: boolean
	id: string
	password: string
	tokenKey: string
	updated: IsoAutoDateString
	verified?: boolean
}

export const AccessLogActionOptions = {
	"view": "view",
	"print": "print",
	"evaluation": "evaluation",
	"restore": "restore",
	"erase": "erase",
	"history": "history",
	"export": "export",
	"export-log": "export-log",
	"remove-member": "remove-member",
	"close": "close",
} as const
export type AccessLogActionOptions = typeof AccessLogActionOptions[keyof typeof AccessLogActionOptions]
export type AccessLogRecord = {
	action: AccessLogActionOptions
	address?: string
	created: IsoAutoDateString
	detail?: string
	id: string
	map: string
	role?: string
	user: string
	user_name?: string
}

export const InvitationsRoleOptions = {
	"youth": "youth",
	"professional": "professional",
	"jim": "jim",
	"parent": "parent",
} as const
export type InvitationsRoleOptions = typeof InvitationsRoleOptions[keyof typeof InvitationsRoleOptions]
export type InvitationsRecord = {
	code_hash: string
	created: IsoAutoDateString
	created_by?: RecordIdString
	expires_at: IsoDateString
	id: string
	label: string
	map: RecordIdString
	person?: string
	revoked_at?: IsoDateString
	revoked_by?: RecordIdString
	role: InvitationsRoleOptions
	updated: IsoAutoDateString
	used_at?: IsoDateString
	used_by?: RecordIdString
}

export const JimTipsThemeOptions = {
	"school": "school",
	"werk": "werk",
	"geld": "geld",
	"ruzie-thuis": "ruzie-thuis",
	"vrienden": "vrienden",
	"online": "online",
	"gezondheid": "gezondheid",
	"politie": "politie",
	"wonen": "wonen",
	"vrije-tijd": "vrije-tijd",
	"anders": "anders",
} as const
export type JimTipsThemeOptions = typeof JimTipsThemeOptions[keyof typeof JimTipsThemeOptions]

export const JimTipsStatusOptions = {
	"offered": "offered",
	"published": "published",
} as const
export type JimTipsStatusOptions = typeof JimTipsStatusOptions[keyof typeof JimTipsStatusOptions]
export type JimTipsRecord = {
	created: IsoAutoDateString
	id: string
	map: RecordIdString
	offered_by: RecordIdString
	published_at?: IsoDateString
	published_by?: RecordIdString
	question?: string
	question_id?: string
	relation?: string
	status: JimTipsStatusOptions
	text: string
	theme: JimTipsThemeOptions
	updated: IsoAutoDateString
}

export type MapDocsRecord = {
	created: IsoAutoDateString
	id: string
	map: RecordIdString
	state?: string
	updated: IsoAutoDateString
}

export const MapMembersRoleOptions = {
	"youth": "youth",
	"professional": "professional",
	"jim": "jim",
	"parent": "parent",
} as const
export type MapMembersRoleOptions = typeof MapMembersRoleOptions[keyof typeof MapMembersRoleOptions]
export type MapMembersRecord = {
	created: IsoAutoDateString
	id: string
	invited_by?: RecordIdString
	map: RecordIdString
	person?: string
	role: MapMembersRoleOptions
	updated: IsoAutoDateString
	user: RecordIdString
}

export type MapUpdatesRecord = {
	created: IsoAutoDateString
	id: string
	map: RecordIdString
	update: string
	updated: IsoAutoDateString
}

export const MapVersionsKindOptions = {
	"auto": "auto",
	"evaluation": "evaluation",
} as const
export type MapVersionsKindOptions = typeof MapVersionsKindOptions[keyof typeof MapVersionsKindOptions]
export type MapVersionsRecord<Tmetrics = unknown, Tprojection = unknown> = {
	created: IsoAutoDateString
	evaluated_on?: IsoDateString
	id: string
	kind: MapVersionsKindOptions
	made_by_name?: string
	map: RecordIdString
	metrics?: null | Tmetrics
	note?: string
	projection?: null | Tprojection
	state?: string
	taken_at: IsoDateString
	updated: IsoAutoDateString
}

export type MapsRecord = {
	closed_at?: IsoDateString
	closed_by?: RecordIdString
	created: IsoAutoDateString
	created_by?: RecordIdString
	id: string
	team: RecordIdString
	updated: IsoAutoDateString
	youth?: RecordIdString
	youth_birthdate?: IsoDateString
	youth_name: string
}

export type SessionsRecord = {
	created: IsoAutoDateString
	expires_at: IsoDateString
	id: string
	revoked_at?: IsoDateString
	updated: IsoAutoDateString
	user: RecordIdString
}

export const TeamMembersRoleOptions = {
	"professional": "professional",
	"reviewer": "reviewer",
} as const
export type TeamMembersRoleOptions = typeof TeamMembersRoleOptions[keyof typeof TeamMembersRoleOptions]
export type TeamMembersRecord = {
	created: IsoAutoDateString
	id: string
	role: TeamMembersRoleOptions
	team: RecordIdString
	updated: IsoAutoDateString
	user: RecordIdString
}

export type TeamsRecord = {
	created: IsoAutoDateString
	id: string
	name: string
	updated: IsoAutoDateString
}

export type UsersRecord = {
	avatar?: FileNameString
	created: IsoAutoDateString
	email: string
	emailVisibility?: boolean
	id: string
	name?: string
	password: string
	tokenKey: string
	updated: IsoAutoDateString
	verified?: boolean
}

// Response types include system fields and match responses from the PocketBase API
export type AuthoriginsResponse<Texpand = unknown> = Required<AuthoriginsRecord> & BaseSystemFields<Texpand>
export type ExternalauthsResponse<Texpand = unknown> = Required<ExternalauthsRecord> & BaseSystemFields<Texpand>
export type MfasResponse<Texpand = unknown> = Required<MfasRecord> & BaseSystemFields<Texpand>
export type OtpsResponse<Texpand = unknown> = Required<OtpsRecord> & BaseSystemFields<Texpand>
export type SuperusersResponse<Texpand = unknown> = Required<SuperusersRecord> & AuthSystemFields<Texpand>
export type AccessLogResponse<Texpand = unknown> = Required<AccessLogRecord> & BaseSystemFields<Texpand>
export type InvitationsResponse<Texpand = unknown> = Required<InvitationsRecord> & BaseSystemFields<Texpand>
export type JimTipsResponse<Texpand = unknown> = Required<JimTipsRecord> & BaseSystemFields<Texpand>
export type MapDocsResponse<Texpand = unknown> = Required<MapDocsRecord> & BaseSystemFields<Texpand>
export type MapMembersResponse<Texpand = unknown> = Required<MapMembersRecord> & BaseSystemFields<Texpand>
export type MapUpdatesResponse<Texpand = unknown> = Required<MapUpdatesRecord> & BaseSystemFields<Texpand>
export type MapVersionsResponse<Tmetrics = unknown, Tprojection = unknown, Texpand = unknown> = Required<MapVersionsRecord<Tmetrics, Tprojection>> & BaseSystemFields<Texpand>
export type MapsResponse<Texpand = unknown> = Required<MapsRecord> & BaseSystemFields<Texpand>
export type SessionsResponse<Texpand = unknown> = Required<SessionsRecord> & BaseSystemFields<Texpand>
export type TeamMembersResponse<Texpand = unknown> = Required<TeamMembersRecord> & BaseSystemFields<Texpand>
export type TeamsResponse<Texpand = unknown> = Required<TeamsRecord> & BaseSystemFields<Texpand>
export type UsersResponse<Texpand = unknown> = Required<UsersRecord> & AuthSystemFields<Texpand>

// Types containing all Records and Responses, useful for creating typing helper functions

export type CollectionRecords = {
	_authOrigins: AuthoriginsRecord
	_externalAuths: ExternalauthsRecord
	_mfas: MfasRecord
	_otps: OtpsRecord
	_superusers: SuperusersRecord
	access_log: AccessLogRecord
	invitations: InvitationsRecord
	jim_tips: JimTipsRecord
	map_docs: MapDocsRecord
	map_members: MapMembersRecord
	map_updates: MapUpdatesRecord
	map_versions: MapVersionsRecord
	maps: MapsRecord
	sessions: SessionsRecord
	team_members: TeamMembersRecord
	teams: TeamsRecord
	users: UsersRecord
}

export type CollectionResponses = {
	_authOrigins: AuthoriginsResponse
	_externalAuths: ExternalauthsResponse
	_mfas: MfasResponse
	_otps: OtpsResponse
	_superusers: SuperusersResponse
	access_log: AccessLogResponse
	invitations: InvitationsResponse
	jim_tips: JimTipsResponse
	map_docs: MapDocsResponse
	map_members: MapMembersResponse
	map_updates: MapUpdatesResponse
	map_versions: MapVersionsResponse
	maps: MapsResponse
	sessions: SessionsResponse
	team_members: TeamMembersResponse
	teams: TeamsResponse
	users: UsersResponse
}

// Utility types for create/update operations

type ProcessCreateAndUpdateFields<T> = Omit<{
	// Omit AutoDate fields
	[K in keyof T as Extract<T[K], IsoAutoDateString> extends never ? K : never]: 
		// Convert FileNameString to File
		T[K] extends infer U ? 
			U extends (FileNameString | FileNameString[]) ? 
				U extends any[] ? File[] : File 
			: U
		: never
}, 'id'>

// Create type for Auth collections
export type CreateAuth<T> = {
	id?: RecordIdString
	email: string
	emailVisibility?: boolean
	password: string
	passwordConfirm: string
	verified?: boolean
} & ProcessCreateAndUpdateFields<T>

// Create type for Base collections
export type CreateBase<T> = {
	id?: RecordIdString
} & ProcessCreateAndUpdateFields<T>

// Update type for Auth collections
export type UpdateAuth<T> = Partial<
	Omit<ProcessCreateAndUpdateFields<T>, keyof AuthSystemFields>
> & {
	email?: string
	emailVisibility?: boolean
	oldPassword?: string
	password?: string
	passwordConfirm?: string
	verified?: boolean
}

// Update type for Base collections
export type UpdateBase<T> = Partial<
	Omit<ProcessCreateAndUpdateFields<T>, keyof BaseSystemFields>
>

// Get the correct create type for any collection
export type Create<T extends keyof CollectionResponses> =
	CollectionResponses[T] extends AuthSystemFields
		? CreateAuth<CollectionRecords[T]>
		: CreateBase<CollectionRecords[T]>

// Get the correct update type for any collection
export type Update<T extends keyof CollectionResponses> =
	CollectionResponses[T] extends AuthSystemFields
		? UpdateAuth<CollectionRecords[T]>
		: UpdateBase<CollectionRecords[T]>

// Type for usage with type asserted PocketBase instance
// https://github.com/pocketbase/js-sdk#specify-typescript-definitions

export type TypedPocketBase = {
	collection<T extends keyof CollectionResponses>(
		idOrName: T
	): RecordService<CollectionResponses[T]>
} & PocketBase
