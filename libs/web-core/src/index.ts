// Public API of @shiori/web-core: what the OPAC and the admin console share.
export { ApiBase, type ApiParams } from './lib/api';
export { ApiError, AppErrorHandlerBase, ErrorNotifierBase, isProblem, toApiError, type FieldError, type Problem } from './lib/errors';
export { I18nBase, LANGS, type CoreI18n, type CoreMessageKey, type Lang, type Localized } from './lib/i18n';
export { LoadableBase } from './lib/loadable';
export { ndcLabel, ndcName, type NdcLang } from './lib/ndc';
export { WEEKDAY_MESSAGES } from './lib/weekdays';
