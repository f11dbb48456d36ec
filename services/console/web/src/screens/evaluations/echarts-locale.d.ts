declare module 'echarts/lib/i18n/langVI.js' {
  import type { LocaleOption } from 'echarts/types/src/core/locale';
  const locale: LocaleOption;
  export default locale;
}
