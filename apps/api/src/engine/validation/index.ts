/** The input rules every module uses: dates, ids, optional-but-not-null, and the string rule the validation pipe applies. */
export * from './dates';
export * from './int-id.pipe';
export * from './optional-not-null';
export { unsafeStrings } from './strings';
