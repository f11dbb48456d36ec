import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Loaded } from '../use-loaded';

/** Loading and failure shown the same way on every screen; the content once loaded. */
export function LoadState<T>({ loaded, retry, children }: { loaded: Loaded<T>; retry: () => void; children: (value: T) => ReactNode }) {
  const { t } = useTranslation();
  switch (loaded.state) {
    case 'loading':
      return <p role="status">{t('common.loading')}</p>;
    case 'failed':
      return (
        <div role="alert">
          <p>{t('common.failed', { reason: loaded.reason })}</p>
          <button type="button" onClick={retry}>
            {t('common.retry')}
          </button>
        </div>
      );
    case 'loaded':
      return <>{children(loaded.value)}</>;
  }
}
