// The signed-in session: GET /auth/me once, login/logout, CSRF token and locale kept in step.
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken, setUnauthenticatedHandler } from './client';
import type { Session, User } from './types';
import i18n, { setLocale } from '../i18n';
import type { Locale } from '../lib/format';

interface SessionValue {
  session: Session | null;
  loading: boolean;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  changeLocale: (locale: Locale) => Promise<void>;
  can: (method: string, pattern: string) => boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api.get<Session>('/api/v1/auth/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
  const session = me.data ?? null;

  useEffect(() => {
    setUnauthenticatedHandler(() => qc.setQueryData(['me'], null));
  }, [qc]);

  useEffect(() => {
    if (!session) return;
    setCsrfToken(session.csrf_token);
    if (session.user.locale !== i18n.language) setLocale(session.user.locale);
  }, [session]);

  const value: SessionValue = {
    session,
    loading: me.isLoading,
    async login(email, password) {
      const s = await api.post<Session>('/api/v1/auth/login', { email, password });
      setCsrfToken(s.csrf_token);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      qc.setQueryData(['me'], s);
    },
    async logout() {
      try {
        await api.post('/api/v1/auth/logout', {});
      } finally {
        qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
        qc.setQueryData(['me'], null);
      }
    },
    async changeLocale(locale) {
      setLocale(locale);
      if (!session) return;
      const s = await api.patch<Session>('/api/v1/auth/me', { locale });
      qc.setQueryData(['me'], s);
    },
    can(method, pattern) {
      return !!session?.permissions.includes(`${method} ${pattern}`);
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

export function useUser(): User {
  const { session } = useSession();
  if (!session) throw new Error('no session');
  return session.user;
}
