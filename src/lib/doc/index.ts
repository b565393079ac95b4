export * from './schema.ts';
export * from './origin.ts';
export * from './upgrade.ts';
export * from './people.ts';
export * from './projection.ts';
export { setCentreName } from './meta.ts';
